// describeApiError: one sentence a person can act on, per error code.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/core/api/api-error';
import { BaseUrlError } from '../../../electron/core/api/base-url';
import { describeApiError } from '../../../electron/core/api/describe-api-error';

describe('describeApiError', () => {
  it('401: sign in again', () => {
    expect(describeApiError(new ApiError({ code: 'unauthorized', status: 401, request: { method: 'GET', path: '/workspaces' } }))).toMatch(/Sign in again/);
  });
  it.each([
    ['GET', '/workspaces', 'workspaces-read'],
    ['GET', '/workspaces/3/extractions/templates', 'templates-read'],
    ['POST', '/extractions/sessions', 'sessions-write'],
    ['GET', '/extractions/sessions/abc/documents', 'sessions-read'],
    ['POST', '/workspaces/3/documents', 'documents-write'],
    ['GET', '/workspaces/3/documents', 'documents-read'],
    ['POST', '/workspaces/3/documents/d/reparse', 'documents-write'],
    ['GET', '/extractions/results/r', 'sessions-read'],
  ])('403 on %s %s names %s', (method, path, ability) => {
    const text = describeApiError(new ApiError({ code: 'forbidden', status: 403, request: { method, path } }));
    expect(text).toContain(`"${ability}"`);
  });
  it('403 on the signed-URL route (no ability) does not invent one', () => {
    const text = describeApiError(new ApiError({ code: 'forbidden', status: 403, request: { method: 'POST', path: '/vapor/signed-storage-url' } }));
    expect(text).not.toMatch(/ability "/);
    expect(text).toMatch(/not allowed to get an upload URL/);
  });
  it("422: the server's message and the field errors", () => {
    const err = new ApiError({
      code: 'validation',
      status: 422,
      request: { method: 'POST', path: '/extractions/sessions/s/documents/upload' },
      serverMessage: 'The given data was invalid.',
      fieldErrors: { 'keys.0': ['Unsupported format.'] },
    });
    expect(describeApiError(err)).toBe('Raydocs refused to add uploaded files to a session: The given data was invalid. (keys.0: Unsupported format.)');
  });
  it('404 names what is missing', () => {
    expect(describeApiError(new ApiError({ code: 'not-found', status: 404, request: { method: 'GET', path: '/extractions/sessions/x' } }))).toMatch(
      /could not find the session/,
    );
  });
  it('429 with and without Retry-After', () => {
    const req = { method: 'GET', path: '/workspaces' };
    expect(describeApiError(new ApiError({ code: 'rate-limited', status: 429, request: req, retryAfterMs: 3000 }))).toMatch(/in 3 seconds/);
    expect(describeApiError(new ApiError({ code: 'rate-limited', status: 429, request: req }))).toMatch(/slow down/);
  });
  it('network: names DNS and certificate problems, else the connection', () => {
    const net = (detail: string) => new ApiError({ code: 'network', request: { method: 'GET', path: '/workspaces' }, detail });
    expect(describeApiError(net('ENOTFOUND'))).toMatch(/could not be found/);
    expect(describeApiError(net('SELF_SIGNED_CERT_IN_CHAIN'))).toMatch(/certificate/);
    expect(describeApiError(net('ECONNRESET'))).toMatch(/Could not reach Raydocs/);
  });
  it('passes other errors through', () => {
    expect(describeApiError(new BaseUrlError('http://x', 'insecure', 'Refusing http://x'))).toBe('Refusing http://x');
    expect(describeApiError(new Error('boom'))).toBe('boom');
    expect(describeApiError('text')).toBe('text');
  });
});
