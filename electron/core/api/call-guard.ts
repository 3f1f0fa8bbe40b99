// One exchange's abort wiring: the caller's signal and the timeout both abort it, and a failure says which did,
// in ApiError's words (timeout, aborted, network).
import { ApiError, type ApiRequestInfo } from './api-error';

export interface CallGuard {
  /** The signal the request itself runs under. */
  signal: AbortSignal;
  timeoutMs: number;
  /** Ends the timer only (a download hands the transfer to undici's bodyTimeout); the caller's signal still aborts. */
  stopTimer(): void;
  /** Ends the timer and lets go of the caller's signal. */
  done(): void;
  failure(err: unknown): ApiError;
}

/** undici/Node error codes that mean "no answer in time" rather than "no connection". */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

function errorCode(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (err as { cause?: unknown }).cause;
  return cause && cause !== err ? errorCode(cause) : null;
}

/** Any failure that is not already an ApiError, in the client's words. */
function failure(err: unknown, signal: AbortSignal | undefined, info: ApiRequestInfo, timedOut: boolean, timeoutMs: number): ApiError {
  if (err instanceof ApiError) return err;
  if (timedOut) return new ApiError({ code: 'timeout', request: info, detail: `${timeoutMs} ms` });
  if (signal?.aborted) return new ApiError({ code: 'aborted', request: info });
  const code = errorCode(err);
  if (code && TIMEOUT_CODES.has(code)) return new ApiError({ code: 'timeout', request: info, detail: code });
  // Only the error code travels: undici messages are safe today, but nothing from the request should leak.
  return new ApiError({ code: 'network', request: info, detail: code ?? 'connection failed' });
}

export function guardCall(callerSignal: AbortSignal | undefined, timeoutMs: number, info: ApiRequestInfo): CallGuard {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  callerSignal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timeoutMs,
    stopTimer: () => clearTimeout(timer),
    done() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
    },
    failure: (err) => failure(err, callerSignal, info, timedOut, timeoutMs),
  };
}
