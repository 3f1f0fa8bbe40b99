// Reading an API answer: the body read with a size bound, then a 2xx as JSON and anything else as an ApiError.
import type { Dispatcher } from 'undici';
import { ApiError, codeForStatus, type ApiRequestInfo } from './api-error';
import { parseErrorBody, parseRetryAfter } from './error-body';
import { redact, redactFieldErrors } from './redact';

export interface ApiAnswer {
  status: number;
  /** Parsed JSON, or null for an empty body (204). */
  body: unknown;
}

export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** What reading an answer needs besides the answer: whose call it was, the token to scrub, and whom to tell of a 429. */
export interface AnswerContext {
  request: ApiRequestInfo;
  token: string;
  /** Told of every 429 before it is thrown, so the rate limiter pauses every call, not just this one. */
  onRateLimited?: ((req: ApiRequestInfo, retryAfterMs: number | null) => void) | undefined;
}

/** API answers are small JSON documents; anything bigger is not one of them. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export async function readBody(body: Dispatcher.ResponseData['body'], info: ApiRequestInfo, status: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      throw new ApiError({ code: 'invalid-response', status, request: info, detail: `response larger than ${MAX_BODY_BYTES} bytes` });
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A 2xx body as JSON (empty → null); every other status throws the ApiError it stands for. */
export function readAnswer(status: number, headers: ResponseHeaders, text: string, ctx: AnswerContext): ApiAnswer {
  const info = ctx.request;
  if (status >= 200 && status < 300) {
    if (text.trim() === '') return { status, body: null };
    try {
      return { status, body: JSON.parse(text) as unknown };
    } catch {
      throw new ApiError({ code: 'invalid-response', status, request: info, detail: 'the body is not JSON' });
    }
  }
  if (status < 400) {
    // Redirects are never followed: the token must not travel to another origin.
    throw new ApiError({ code: 'invalid-response', status, request: info, detail: 'unexpected redirect (not followed)' });
  }
  const parsed = parseErrorBody(text);
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(headers) : null;
  if (status === 429) ctx.onRateLimited?.(info, retryAfterMs);
  throw new ApiError({
    code: codeForStatus(status),
    status,
    request: info,
    serverMessage: parsed.serverMessage === null ? null : redact(parsed.serverMessage, ctx.token),
    fieldErrors: redactFieldErrors(parsed.fieldErrors, ctx.token),
    retryAfterMs,
  });
}
