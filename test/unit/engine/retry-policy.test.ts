// Retry policy: which errors retry, go offline, sign out or fail; full-jitter bounds; Retry-After floor.
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, ApiError } from '../../../electron/core/api/api-error';
import { ITEM_ERROR_CODES } from '../../../shared/queue';
import { backoffDelay, classifyError, probeDelay } from '../../../electron/core/engine/retry-policy';
import { UploadError } from '../../../electron/core/engine/uploader';

const req = { method: 'POST', path: '/vapor/signed-storage-url' };

describe('classifyError', () => {
  it('retries 5xx, timeouts and 429 (with Retry-After)', () => {
    expect(classifyError(new ApiError({ code: 'server', status: 503, request: req })).kind).toBe('retry');
    expect(classifyError(new ApiError({ code: 'timeout', request: req })).kind).toBe('retry');
    expect(classifyError(new ApiError({ code: 'rate-limited', status: 429, request: req, retryAfterMs: 1000 }))).toMatchObject({ kind: 'retry', retryAfterMs: 1000, rateLimited: true });
    expect(classifyError(new UploadError('http', 'storage answered 503', 503))).toMatchObject({ kind: 'retry' });
    expect(classifyError(new UploadError('stall', 'no progress'))).toMatchObject({ kind: 'retry' });
  });
  it('network errors mean "maybe offline"', () => {
    expect(classifyError(new ApiError({ code: 'network', request: req, detail: 'ECONNRESET' })).kind).toBe('offline');
    expect(classifyError(new UploadError('network', 'reset', null, null, 'ECONNRESET')).kind).toBe('offline');
    expect(classifyError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })).kind).toBe('offline');
  });
  it('401 signs out the queue; other 4xx fail with the server reason', () => {
    expect(classifyError(new ApiError({ code: 'unauthorized', status: 401, request: req }))).toMatchObject({ kind: 'signed-out', message: expect.stringMatching(/sign in again/) });
    const v = classifyError(new ApiError({ code: 'validation', status: 422, request: req, serverMessage: 'The keys field is invalid.', fieldErrors: { 'keys.0': ['The key is unknown.'] } }));
    expect(v).toMatchObject({ kind: 'fail', code: 'validation' });
    expect(v.kind === 'fail' && v.message).toContain('The key is unknown.');
    expect(classifyError(new ApiError({ code: 'forbidden', status: 403, request: req }))).toMatchObject({ kind: 'fail', code: 'forbidden' });
    expect(classifyError(new UploadError('http', 'storage answered 400', 400))).toMatchObject({ kind: 'fail' });
  });
  it('a 403 names the missing ability instead of repeating the server text', () => {
    const upload = { method: 'POST', path: '/extractions/sessions/s-1/documents/upload' };
    const v = classifyError(new ApiError({ code: 'forbidden', status: 403, request: upload, serverMessage: 'Invalid ability provided.' }));
    expect(v).toMatchObject({ kind: 'fail', code: 'forbidden' });
    expect(v.kind === 'fail' && v.message).toContain('"sessions-write"');
    expect(v.kind === 'fail' && v.message).not.toContain('Invalid ability provided.');
  });
  it('an answer the client cannot read is not retried (ApiError.retryable is false for invalid-response)', () => {
    const err = new ApiError({ code: 'invalid-response', status: 200, request: req, detail: 'unexpected response shape at key' });
    expect(err.retryable).toBe(false);
    const v = classifyError(err);
    expect(v).toMatchObject({ kind: 'fail', code: 'invalid-response' });
    expect(v.kind === 'fail' && v.message).toMatch(/does not understand.*unexpected response shape at key/);
    // Only an error that says it is retryable is retried.
    expect(classifyError({ code: 'invalid-response', retryable: true, message: 'x' }).kind).toBe('retry');
  });
  it('decides every API code by name, and fails with item codes of one spelling', () => {
    const kinds = Object.fromEntries(API_ERROR_CODES.map((code) => [code, classifyError(new ApiError({ code, status: null, request: req }))]));
    expect(Object.fromEntries(Object.entries(kinds).map(([c, d]) => [c, d.kind === 'fail' ? `fail:${d.code}` : d.kind]))).toEqual({
      unauthorized: 'signed-out',
      forbidden: 'fail:forbidden',
      'not-found': 'fail:not-found',
      validation: 'fail:validation',
      'rate-limited': 'retry',
      server: 'retry',
      network: 'offline',
      timeout: 'retry',
      'invalid-response': 'fail:invalid-response',
      aborted: 'aborted',
    });
    for (const d of Object.values(kinds)) if (d.kind === 'fail') expect((ITEM_ERROR_CODES as readonly string[]).includes(d.code)).toBe(true);
    expect(classifyError(new UploadError('http', 'storage answered 403', 403))).toMatchObject({ kind: 'fail', code: 'storage-403' });
    expect(classifyError(new UploadError('file-gone', 'the file was moved or deleted'))).toMatchObject({ kind: 'fail', code: 'file-gone' });
    expect(classifyError(new UploadError('insecure', 'not https'))).toMatchObject({ kind: 'fail', code: 'unexpected' });
    expect(classifyError(Object.assign(new Error('odd'), { code: 'EWHATEVER' }))).toMatchObject({ kind: 'fail', code: 'unexpected', message: 'odd' });
  });
  it('aborts are not errors', () => {
    expect(classifyError(new ApiError({ code: 'aborted', request: req })).kind).toBe('aborted');
    expect(classifyError(Object.assign(new Error('x'), { name: 'AbortError' })).kind).toBe('aborted');
  });
});

describe('backoffDelay', () => {
  const cfg = { baseMs: 100, capMs: 5000 };
  it('is uniform in [0, min(cap, base·2^(n-1))] (full jitter)', () => {
    expect(backoffDelay(1, cfg, null, () => 0.999)).toBe(99);
    expect(backoffDelay(4, cfg, null, () => 0.5)).toBe(400);
    expect(backoffDelay(20, cfg, null, () => 0.999)).toBe(4995);
    expect(backoffDelay(3, cfg, null, () => 0)).toBe(0);
  });
  it('never waits less than Retry-After', () => {
    expect(backoffDelay(1, cfg, 1000, () => 0.5)).toBe(1000);
    expect(backoffDelay(10, cfg, 1000, () => 0.9)).toBe(4500);
  });
  it('probe schedule backs off to a cap', () => {
    expect([0, 1, 2, 3, 10].map((n) => probeDelay(n, 2000, 60_000))).toEqual([2000, 4000, 8000, 16000, 60000]);
  });
});
