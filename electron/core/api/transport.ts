// Request plumbing for API calls: the token and headers, one request under its guard (call-guard.ts), the answer read
// by read-answer.ts; downloads stream to `<dest>.part` and are renamed over the destination only when whole.
import { rename, rm } from 'node:fs/promises';
import { request, type Dispatcher } from 'undici';
import { ApiError, MALFORMED_TOKEN, type ApiRequestInfo } from './api-error';
import { guardCall, type CallGuard } from './call-guard';
import { writeBodyTo } from './download-body';
import { readAnswer, readBody, type AnswerContext, type ApiAnswer, type ResponseHeaders } from './read-answer';

export type { ApiAnswer } from './read-answer';

export type TokenSource = string | (() => Promise<string | null>);

export interface TransportOptions {
  baseUrl: string;
  token: TokenSource;
  timeoutMs: number;
  dispatcher?: Dispatcher;
  beforeRequest?: (req: ApiRequestInfo) => Promise<void>;
  /** Told of every 429 before it is thrown, so the rate limiter pauses every call, not just this one. */
  onRateLimited?: (req: ApiRequestInfo, retryAfterMs: number | null) => void;
  userAgent?: string;
}

export type QueryValue = string | number | boolean | undefined | null;

export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Concrete path, already encoded, without a query string. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** This call's own limit instead of the client's (a call whose server work grows with the bytes it covers). */
  timeoutMs?: number | undefined;
}

/** Visible ASCII only: what a personal access token is made of, and all an HTTP header can carry safely. */
const TOKEN_CHARS = /^[\x21-\x7e]+$/;

export interface DownloadCall extends ApiCall {
  /** Where the body goes; written to `<destPath>.part` first. */
  destPath: string;
  /** The Accept header to send. */
  accept: string;
  /** The body must start with these bytes (an xlsx is a zip: `PK`), else it is an error and no file is left. */
  magic: Buffer;
  /** Words for the error when it does not: "an xlsx file". */
  expected: string;
}

export interface DownloadAnswer {
  status: number;
  bytes: number;
  headers: ResponseHeaders;
}

export class Transport {
  readonly baseUrl: string;
  readonly #token: TokenSource;
  readonly #timeoutMs: number;
  readonly #dispatcher: Dispatcher | undefined;
  readonly #beforeRequest: TransportOptions['beforeRequest'];
  readonly #onRateLimited: TransportOptions['onRateLimited'];
  readonly #userAgent: string;

  constructor(opts: TransportOptions) {
    this.baseUrl = opts.baseUrl;
    this.#token = opts.token;
    this.#timeoutMs = opts.timeoutMs;
    this.#dispatcher = opts.dispatcher;
    this.#beforeRequest = opts.beforeRequest;
    this.#onRateLimited = opts.onRateLimited;
    this.#userAgent = opts.userAgent ?? 'raydocs-uploader';
  }

  async #resolveToken(): Promise<string | null> {
    return typeof this.#token === 'string' ? this.#token : await this.#token();
  }

  #url(call: ApiCall): string {
    const url = new URL(this.baseUrl + call.path);
    for (const [k, v] of Object.entries(call.query ?? {})) {
      if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    }
    return url.toString();
  }

  /** Waits for the limiter, then resolves the token; throws before anything is sent when there is no usable one. */
  async #prepare(call: ApiCall, info: ApiRequestInfo): Promise<string> {
    const aborted = () => new ApiError({ code: 'aborted', request: info });
    if (call.signal?.aborted) throw aborted();
    // The rate limiter may hold us; the timeout covers the network exchange only.
    await this.#beforeRequest?.(info);
    if (call.signal?.aborted) throw aborted();

    const token = (await this.#resolveToken())?.trim() ?? null;
    if (!token) throw new ApiError({ code: 'unauthorized', request: info });
    // A pasted token with a line break or a non-ASCII character cannot go in a header; say so instead of a "network" error.
    if (!TOKEN_CHARS.test(token)) throw new ApiError({ code: 'unauthorized', request: info, detail: MALFORMED_TOKEN });
    return token;
  }

  /** One exchange's abort wiring: the caller's signal and this call's timeout (or the client's). */
  #guard(call: ApiCall, info: ApiRequestInfo): CallGuard {
    return guardCall(call.signal, call.timeoutMs ?? this.#timeoutMs, info);
  }

  #answerContext(info: ApiRequestInfo, token: string): AnswerContext {
    return { request: info, token, onRateLimited: this.#onRateLimited };
  }

  #request(call: ApiCall, token: string, accept: string, signal: AbortSignal, extra: { bodyTimeout?: number } = {}): ReturnType<typeof request> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept, 'user-agent': this.#userAgent };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    return request(this.#url(call), {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal,
      ...extra,
      ...(this.#dispatcher ? { dispatcher: this.#dispatcher } : {}),
    });
  }

  async send(call: ApiCall): Promise<ApiAnswer> {
    const info: ApiRequestInfo = { method: call.method, path: call.path };
    const token = await this.#prepare(call, info);
    const guard = this.#guard(call, info);
    try {
      const res = await this.#request(call, token, 'application/json', guard.signal);
      const text = await readBody(res.body, info, res.statusCode);
      return readAnswer(res.statusCode, res.headers, text, this.#answerContext(info, token));
    } catch (err) {
      throw guard.failure(err);
    } finally {
      guard.done();
    }
  }

  /**
   * GETs or POSTs a file to disk without holding it in memory: the body streams into `<destPath>.part`, is fsynced and
   * renamed over `destPath`. An error status is read (bounded) and thrown as the usual ApiError; a success whose body
   * does not start with `magic` (an HTML page, a JSON error) is `invalid-response`. Either way, and on abort, timeout
   * or a dropped connection, the `.part` file is removed and `destPath` is untouched. `timeoutMs` covers the wait for
   * the headers and then each silence between chunks, not the whole transfer: a big file on a slow line is not an error.
   */
  async download(call: DownloadCall): Promise<DownloadAnswer> {
    const info: ApiRequestInfo = { method: call.method, path: call.path };
    const token = await this.#prepare(call, info);
    const guard = this.#guard(call, info);
    const part = `${call.destPath}.part`;
    try {
      const res = await this.#request(call, token, call.accept, guard.signal, { bodyTimeout: guard.timeoutMs });
      // From here on undici's bodyTimeout (a silence between chunks) guards the transfer.
      guard.stopTimer();
      if (res.statusCode < 200 || res.statusCode >= 300) {
        const text = await readBody(res.body, info, res.statusCode);
        // Throws for every status that is not a success (redirects included).
        readAnswer(res.statusCode, res.headers, text, this.#answerContext(info, token));
      }
      const bytes = await writeBodyTo(part, res, { magic: call.magic, expected: call.expected, request: info });
      await rename(part, call.destPath);
      return { status: res.statusCode, bytes, headers: res.headers };
    } catch (err) {
      await rm(part, { force: true }).catch(() => undefined);
      throw guard.failure(err);
    } finally {
      guard.done();
    }
  }
}
