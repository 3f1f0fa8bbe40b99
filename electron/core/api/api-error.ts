// The one error type the client throws: what failed (request, status, code), what the server said, and whether to retry.
import { STATUS_CODES } from 'node:http';
import { matchEndpoint } from '../../../shared/api';

/**
 * What went wrong, as a stable code (kebab-case, the spelling of every code that crosses IPC or the CLI's JSON).
 * A closed set: `describeApiError`, the CLI and the retry policy switch over it exhaustively.
 */
export const API_ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'not-found',
  'validation',
  'rate-limited',
  'server',
  'network',
  'timeout',
  'invalid-response',
  'aborted',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Method and path only: never the query string (it can carry search terms) and never a header. */
export interface ApiRequestInfo {
  method: string;
  path: string;
}

/** `detail` of an unauthorized error raised before sending because the token cannot be put in a header. */
export const MALFORMED_TOKEN = 'the token contains characters a token cannot have';

export interface ApiErrorInit {
  code: ApiErrorCode;
  status?: number | null;
  request: ApiRequestInfo;
  serverMessage?: string | null;
  fieldErrors?: Record<string, string[]>;
  retryAfterMs?: number | null;
  /** Extra context for the message: a network error code, a timeout length, a shape problem. */
  detail?: string | null;
}

/** Status → code. The code set is closed, so 4xx statuses without a code of their own count as `validation`. */
export function codeForStatus(status: number): ApiErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'validation';
}

/** Transient failures retry; other 4xx need a person; a malformed answer will not fix itself (docs/engine.md, "Retry, offline, sign-in"). */
export function isRetryable(code: ApiErrorCode): boolean {
  return code === 'network' || code === 'timeout' || code === 'server' || code === 'rate-limited';
}

function explain(init: ApiErrorInit): string {
  const { code, request } = init;
  switch (code) {
    case 'unauthorized':
      return init.status == null ? (init.detail ?? 'not signed in (no token)') : 'the token is missing, invalid or revoked';
    case 'forbidden': {
      const ability = matchEndpoint(request.method, request.path)?.ability;
      return ability
        ? `the token lacks an ability (this call needs "${ability}") or cannot reach this workspace`
        : 'the token is not allowed to do this';
    }
    case 'not-found':
      return 'not found, or not visible to this token';
    case 'validation':
      return init.serverMessage ?? 'the server refused the request';
    case 'rate-limited':
      return init.retryAfterMs == null
        ? 'too many requests'
        : `too many requests; retry after ${Math.ceil(init.retryAfterMs / 1000)} s`;
    case 'server':
      return 'server error';
    case 'network':
      return `network error${init.detail ? ` (${init.detail})` : ''}`;
    case 'timeout':
      return `no answer${init.detail ? ` within ${init.detail}` : ''}`;
    case 'invalid-response':
      return init.detail ?? 'unexpected response';
    case 'aborted':
      return 'cancelled';
  }
}

function buildMessage(init: ApiErrorInit): string {
  const where = `${init.request.method} ${init.request.path}`;
  const head = init.status == null ? `${where}` : `${init.status} ${STATUS_CODES[init.status] ?? 'HTTP error'} on ${where}`;
  const server =
    init.serverMessage && init.code !== 'validation' && init.code !== 'invalid-response' ? ` (server: "${init.serverMessage}")` : '';
  return `${head}: ${explain(init)}${server}`;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number | null;
  readonly code: ApiErrorCode;
  readonly request: ApiRequestInfo;
  readonly serverMessage: string | null;
  readonly fieldErrors: Record<string, string[]>;
  readonly retryAfterMs: number | null;
  readonly retryable: boolean;
  /** Machine-readable context beside the code: a network error code (`ECONNREFUSED`), the timeout, a shape problem. */
  readonly detail: string | null;

  constructor(init: ApiErrorInit) {
    super(buildMessage(init));
    this.status = init.status ?? null;
    this.code = init.code;
    this.request = { method: init.request.method, path: init.request.path };
    this.serverMessage = init.serverMessage ?? null;
    this.fieldErrors = init.fieldErrors ?? {};
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.retryable = isRetryable(init.code);
    this.detail = init.detail ?? null;
  }

  /** Explicit so a log line or IPC payload carries exactly these fields. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      request: this.request,
      serverMessage: this.serverMessage,
      fieldErrors: this.fieldErrors,
      retryAfterMs: this.retryAfterMs,
      retryable: this.retryable,
      detail: this.detail,
    };
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}
