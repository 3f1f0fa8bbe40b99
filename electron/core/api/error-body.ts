// Reading an error response: Laravel's `{message, errors}` when present, else the raw text; and `Retry-After`.

export interface ErrorBody {
  serverMessage: string | null;
  fieldErrors: Record<string, string[]>;
}

/** Long HTML error pages are useless in a message; keep the start. */
const MAX_MESSAGE = 300;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE - 1)}…` : oneLine;
}

function toFieldErrors(errors: unknown): Record<string, string[]> {
  if (typeof errors !== 'object' || errors === null || Array.isArray(errors)) return {};
  const out: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(errors)) {
    const list = Array.isArray(value) ? value : [value];
    const messages = list.filter((m): m is string => typeof m === 'string').map(clip);
    if (messages.length > 0) out[field] = messages;
  }
  return out;
}

export function parseErrorBody(text: string): ErrorBody {
  const trimmed = text.trim();
  if (trimmed === '') return { serverMessage: null, fieldErrors: {} };
  try {
    const json: unknown = JSON.parse(trimmed);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
      const obj = json as Record<string, unknown>;
      const message = [obj['message'], obj['error']].find((m): m is string => typeof m === 'string' && m.trim() !== '');
      return { serverMessage: message ? clip(message) : null, fieldErrors: toFieldErrors(obj['errors']) };
    }
  } catch {
    // Not JSON: a proxy page or plain text; fall through to the raw text.
  }
  return { serverMessage: clip(trimmed), fieldErrors: {} };
}

type HeaderValue = string | string[] | undefined;

function first(v: HeaderValue): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * `Retry-After` as delta-seconds or an HTTP date; Laravel's `X-RateLimit-Reset` (epoch seconds) as a fallback.
 * Returns null when neither says anything usable (the caller then picks its own backoff).
 */
export function parseRetryAfter(headers: Record<string, HeaderValue>, now = Date.now()): number | null {
  const retryAfter = first(headers['retry-after'])?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = first(headers['x-ratelimit-reset'])?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  return null;
}
