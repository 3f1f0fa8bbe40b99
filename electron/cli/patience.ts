// Retries a transient API failure (network, timeout, 5xx, 429) until a deadline, so `push` started offline waits like the engine does.
import { ApiError } from '../core/api/api-error';

export async function withPatience<T>(
  fn: () => Promise<T>,
  opts: { timeoutMs: number; onWait?: (err: ApiError) => void; baseMs?: number; capMs?: number },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  const base = opts.baseMs ?? 500;
  const cap = opts.capMs ?? 10_000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof ApiError) || !err.retryable) throw err;
      // Full jitter, honouring Retry-After; never past the deadline.
      const wait = Math.max(err.retryAfterMs ?? 0, Math.random() * Math.min(cap, base * 2 ** attempt));
      if (Date.now() + wait > deadline) throw err;
      if (attempt === 0) opts.onWait?.(err);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
