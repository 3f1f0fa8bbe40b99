// ApiError: status → code, retryability, Laravel error bodies, Retry-After, and the human message.
import { describe, expect, it } from 'vitest';
import { ApiError, codeForStatus, isRetryable } from '../../../electron/core/api/api-error';
import { parseErrorBody, parseRetryAfter } from '../../../electron/core/api/error-body';

const get = { method: 'GET', path: '/workspaces' };

describe('codes and retryability', () => {
  it.each([
    [400, 'validation', false],
    [401, 'unauthorized', false],
    [403, 'forbidden', false],
    [404, 'not-found', false],
    [409, 'validation', false],
    [422, 'validation', false],
    [429, 'rate-limited', true],
    [500, 'server', true],
    [502, 'server', true],
    [503, 'server', true],
  ] as const)('%i → %s, retryable %s', (status, code, retryable) => {
    expect(codeForStatus(status)).toBe(code);
    expect(new ApiError({ code, status, request: get }).retryable).toBe(retryable);
  });
  it('network and timeout retry; invalid-response and aborted do not', () => {
    expect(['network', 'timeout', 'invalid-response', 'aborted'].map((c) => isRetryable(c as never))).toEqual([true, true, false, false]);
  });
});

describe('parseErrorBody', () => {
  it('reads Laravel {message, errors}', () => {
    const body = JSON.stringify({ message: 'The keys field is required.', errors: { keys: ['The keys field is required.'], 'keys.0': ['bad', 7] } });
    expect(parseErrorBody(body)).toEqual({ serverMessage: 'The keys field is required.', fieldErrors: { keys: ['The keys field is required.'], 'keys.0': ['bad'] } });
  });
  it('reads {error} when there is no message', () => {
    expect(parseErrorBody('{"error":"Unauthenticated."}').serverMessage).toBe('Unauthenticated.');
  });
  it('falls back to the raw text, trimmed and on one line', () => {
    expect(parseErrorBody('  <html>\n  Bad Gateway \n</html> ')).toEqual({ serverMessage: '<html> Bad Gateway </html>', fieldErrors: {} });
  });
  it('clips very long bodies', () => {
    expect(parseErrorBody('x'.repeat(5000)).serverMessage?.length).toBeLessThanOrEqual(300);
  });
  it('gives null for an empty body', () => {
    expect(parseErrorBody('   ')).toEqual({ serverMessage: null, fieldErrors: {} });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-04T10:00:00Z');
  it('reads delta-seconds', () => expect(parseRetryAfter({ 'retry-after': '7' }, now)).toBe(7000));
  it('reads an HTTP date', () => expect(parseRetryAfter({ 'retry-after': 'Wed, 04 Mar 2026 10:00:30 GMT' }, now)).toBe(30_000));
  it('never goes negative for a past date', () => expect(parseRetryAfter({ 'retry-after': 'Wed, 04 Mar 2026 09:00:00 GMT' }, now)).toBe(0));
  it("falls back to Laravel's X-RateLimit-Reset", () => expect(parseRetryAfter({ 'x-ratelimit-reset': String(now / 1000 + 12) }, now)).toBe(12_000));
  it('gives null for garbage or absence', () => {
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeNull();
    expect(parseRetryAfter({}, now)).toBeNull();
  });
});

describe('message', () => {
  it('names status, request and the missing ability for a 403', () => {
    const err = new ApiError({ code: 'forbidden', status: 403, request: get });
    expect(err.message).toBe('403 Forbidden on GET /workspaces: the token lacks an ability (this call needs "workspaces-read") or cannot reach this workspace');
  });
  it("uses the server's text for a 422 and quotes it for other statuses", () => {
    const post = { method: 'POST', path: '/extractions/sessions/s/documents/upload' };
    expect(new ApiError({ code: 'validation', status: 422, request: post, serverMessage: 'Unsupported format.' }).message).toBe(
      '422 Unprocessable Entity on POST /extractions/sessions/s/documents/upload: Unsupported format.',
    );
    expect(new ApiError({ code: 'server', status: 500, request: get, serverMessage: 'Server Error' }).message).toBe(
      '500 Internal Server Error on GET /workspaces: server error (server: "Server Error")',
    );
  });
  it('says when to retry a 429', () => {
    expect(new ApiError({ code: 'rate-limited', status: 429, request: get, retryAfterMs: 1500 }).message).toMatch(/retry after 2 s$/);
  });
  it('serialises to exactly the documented fields', () => {
    const err = new ApiError({ code: 'validation', status: 422, request: get, serverMessage: 'm', fieldErrors: { a: ['b'] } });
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: 'ApiError',
      message: err.message,
      status: 422,
      code: 'validation',
      request: get,
      serverMessage: 'm',
      fieldErrors: { a: ['b'] },
      retryAfterMs: null,
      retryable: false,
      detail: null,
    });
  });
});
