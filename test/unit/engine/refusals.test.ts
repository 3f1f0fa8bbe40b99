// Which 422s the engine acts on: a temporary key refused as gone (upload again), a refused content type, a stale session.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/core/api/api-error';
import { contentTypeRefused, keyRefusal, sessionRefused } from '../../../electron/core/engine/refusals';

const refused = (fieldErrors: Record<string, string[]>, status = 422, path = '/extractions/sessions/s-1/documents/upload') =>
  new ApiError({ code: status === 422 ? 'validation' : status === 404 ? 'not-found' : 'server', status, request: { method: 'POST', path }, fieldErrors });

describe('keyRefusal', () => {
  it('reads an unknown, consumed or expired key in each call’s field, in the emulator’s and Laravel’s words', () => {
    expect(keyRefusal(refused({ 'keys.1': ['The keys.1 is invalid: no uploaded object for this key (it may have expired or already been used).'] }), 'keys')).toEqual({ gone: [1], other: false });
    expect(keyRefusal(refused({ 'keys.0': ['The selected keys.0 is invalid.'], 'keys.2': ['The keys.2 has expired.'] }), 'keys')).toEqual({ gone: [0, 2], other: false });
    expect(keyRefusal(refused({ key: ['The selected key is invalid.'] }), 'key')).toEqual({ gone: [0], other: false });
    expect(keyRefusal(refused({ 'files.3': ['The key is unknown.'] }), 'files')).toEqual({ gone: [3], other: false });
  });

  it('keeps other 422s as failures: a format, a duplicate, content already attached, another field, another status', () => {
    expect(keyRefusal(refused({ 'keys.0': ['The file must be a file of type: pdf, docx, doc, png, jpg, jpeg, tiff, pptx.'] }), 'keys')).toBeNull();
    expect(keyRefusal(refused({ 'keys.0': ['The keys.0 field has a duplicate value.'] }), 'keys')).toBeNull();
    expect(keyRefusal(refused({ 'keys.0': ['The keys.0 is already attached to this session.'] }), 'keys')).toBeNull();
    expect(keyRefusal(refused({ filename: ['The filename field is invalid.'] }), 'key')).toBeNull();
    expect(keyRefusal(refused({ 'keys.0': ['The selected keys.0 is invalid.'] }), 'files')).toBeNull();
    expect(keyRefusal(refused({ 'keys.0': ['The selected keys.0 is invalid.'] }, 500), 'keys')).toBeNull();
    expect(keyRefusal(new Error('The selected keys.0 is invalid.'), 'keys')).toBeNull();
  });

  it('says when the same answer refused something else too', () => {
    const mixed = refused({ 'keys.0': ['The selected keys.0 is invalid.'], 'keys.1': ['The file must be a file of type: pdf.'] });
    expect(keyRefusal(mixed, 'keys')).toEqual({ gone: [0], other: true });
  });
});

describe('contentTypeRefused and sessionRefused', () => {
  it('a 422 naming content_type is a refused type; nothing else is', () => {
    expect(contentTypeRefused(refused({ content_type: ['The selected content type is invalid.'] }, 422, '/vapor/signed-storage-url'))).toBe(true);
    expect(contentTypeRefused(refused({ visibility: ['The selected visibility is invalid.'] }, 422, '/vapor/signed-storage-url'))).toBe(false);
    expect(contentTypeRefused(refused({}, 500, '/vapor/signed-storage-url'))).toBe(false);
  });

  it('names the session a 404 or 422 was about', () => {
    expect(sessionRefused(refused({}, 422, '/extractions/sessions/s%201/documents/attach'))).toBe('s 1');
    expect(sessionRefused(refused({}, 404, '/extractions/sessions/abc'))).toBe('abc');
    expect(sessionRefused(refused({}, 500, '/extractions/sessions/abc/documents/attach'))).toBeNull();
    expect(sessionRefused(refused({}, 422, '/workspaces/1/documents'))).toBeNull();
  });
});
