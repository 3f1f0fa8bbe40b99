// Which failures retry, how long to wait (exponential backoff with full jitter, Retry-After honoured), and the budget.
import { assertNever } from '../../../shared/assert-never';
import type { ItemErrorCode } from '../../../shared/queue';
import { ApiError, type ApiErrorCode } from '../api/api-error';
import { describeApiError } from '../api/describe-api-error';
import type { UploadErrorCode } from './uploader';

export interface RetryConfig {
  baseMs: number;
  capMs: number;
  /** Attempts per step before the item fails. */
  budget: number;
}

// A step is two requests (sign, then PUT), so one attempt fails more often than one request: 12 attempts, with the
// 30 s cap, keep trying for several minutes before a file needs the user's Retry.
export const DEFAULT_RETRY: RetryConfig = { baseMs: 500, capMs: 30_000, budget: 12 };

export type Decision =
  | { kind: 'retry'; retryAfterMs: number | null; rateLimited: boolean; message: string }
  /** The network is down (or the host unreachable): the whole queue goes offline, no budget spent. */
  | { kind: 'offline'; message: string }
  /** 401: the whole queue waits for a new token. */
  | { kind: 'signed-out'; message: string }
  | { kind: 'fail'; code: ItemErrorCode; message: string }
  | { kind: 'aborted' };

/** Shape shared by ApiError and UploadError, read structurally so this stays a pure function. */
export interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  status?: number | null;
  serverMessage?: string | null;
  fieldErrors?: Record<string, string[]>;
  retryAfterMs?: number | null;
  /** ApiError's own verdict; a retry cannot fix an answer the client cannot read. */
  retryable?: boolean;
}

/** The codes decided by name: the API client's and the storage PUT's (a few, like `network`, are both). */
type KnownCode = ApiErrorCode | UploadErrorCode;
// A Record over the union: a code added to either one is a compile error here until `decide` handles it.
const KNOWN: Record<KnownCode, true> = {
  unauthorized: true,
  forbidden: true,
  'not-found': true,
  validation: true,
  'rate-limited': true,
  server: true,
  network: true,
  timeout: true,
  'invalid-response': true,
  aborted: true,
  expired: true,
  http: true,
  stall: true,
  'file-changed': true,
  'file-gone': true,
  insecure: true,
};

const isKnown = (code: string | undefined): code is KnownCode => code !== undefined && Object.hasOwn(KNOWN, code);

export function classifyError(err: unknown): Decision {
  const e = (err ?? {}) as ErrorLike;
  if (e.name === 'AbortError' || e.code === 'ABORT_ERR') return { kind: 'aborted' };
  const msg = e.serverMessage || e.message || String(err);
  return isKnown(e.code) ? decide(e.code, err, e, msg) : decideRaw(e.code ?? '', msg);
}

function decide(code: KnownCode, err: unknown, e: ErrorLike, msg: string): Decision {
  switch (code) {
    case 'aborted':
      return { kind: 'aborted' };
    case 'unauthorized':
      return { kind: 'signed-out', message: 'Raydocs refused the token (401): sign in again.' };
    case 'forbidden':
      // The server's own text ("Invalid ability provided.") does not say which ability; the client's description does.
      return { kind: 'fail', code: 'forbidden', message: err instanceof ApiError ? describeApiError(err) : `the token lacks a required ability: ${msg}` };
    case 'not-found':
      return { kind: 'fail', code: 'not-found', message: `not found or not accessible: ${msg}` };
    case 'validation': {
      const fields = Object.entries(e.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v.join(' ')}`);
      return { kind: 'fail', code: 'validation', message: fields.length > 0 ? `${msg} (${fields.join('; ')})` : msg };
    }
    case 'rate-limited':
      return { kind: 'retry', retryAfterMs: e.retryAfterMs ?? 60_000, rateLimited: true, message: 'rate limited by Raydocs' };
    case 'invalid-response':
      if (e.retryable !== true) return { kind: 'fail', code: 'invalid-response', message: err instanceof ApiError ? describeApiError(err) : msg };
      return { kind: 'retry', retryAfterMs: e.retryAfterMs ?? null, rateLimited: false, message: msg };
    case 'server':
    case 'timeout':
    case 'stall':
    case 'expired':
      return { kind: 'retry', retryAfterMs: e.retryAfterMs ?? null, rateLimited: false, message: msg };
    case 'network':
      return { kind: 'offline', message: msg };
    case 'http': {
      const s = e.status ?? 0;
      if (s === 429) return { kind: 'retry', retryAfterMs: e.retryAfterMs ?? null, rateLimited: true, message: msg };
      if (s >= 500) return { kind: 'retry', retryAfterMs: e.retryAfterMs ?? null, rateLimited: false, message: msg };
      return { kind: 'fail', code: `storage-${s}`, message: msg };
    }
    case 'file-gone':
      return { kind: 'fail', code: 'file-gone', message: msg };
    case 'file-changed':
    case 'insecure':
      // The upload step acts on a changed file itself; an insecure URL is nothing a retry or the person can fix.
      return { kind: 'fail', code: 'unexpected', message: msg };
    default:
      return assertNever(code, 'error code');
  }
}

/** Raw undici / socket errors that never went through the API client or the uploader. */
function decideRaw(code: string, msg: string): Decision {
  if (/^(ECONNRESET|ECONNREFUSED|EPIPE|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|ETIMEDOUT|UND_ERR_SOCKET|UND_ERR_CLOSED|UND_ERR_CONNECT_TIMEOUT)$/.test(code)) {
    return { kind: 'offline', message: msg };
  }
  if (/^UND_ERR_(HEADERS|BODY)_TIMEOUT$/.test(code)) return { kind: 'retry', retryAfterMs: null, rateLimited: false, message: msg };
  return { kind: 'fail', code: 'unexpected', message: msg };
}

/** Full jitter: uniform in [0, min(cap, base·2^attempt)], never below the server's Retry-After. */
export function backoffDelay(attempt: number, cfg: Pick<RetryConfig, 'baseMs' | 'capMs'>, retryAfterMs: number | null = null, random: () => number = Math.random): number {
  const ceiling = Math.min(cfg.capMs, cfg.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs != null ? Math.max(retryAfterMs, jittered) : jittered;
}

/**
 * A 429 with a Retry-After waits exactly that: the host's rate limiter has paused every call until then and paces
 * them after it (api/rate-limiter.ts), so jitter on top would only leave budget unused. Everything else backs off.
 */
export function retryDelay(attempt: number, cfg: Pick<RetryConfig, 'baseMs' | 'capMs'>, retryAfterMs: number | null, rateLimited: boolean, random: () => number = Math.random): number {
  return rateLimited && retryAfterMs != null ? retryAfterMs : backoffDelay(attempt, cfg, retryAfterMs, random);
}

/** Offline probe schedule: exponential without jitter-free thundering (one client), capped. */
export function probeDelay(probe: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, probe));
}
