// The 422s the engine can act on instead of failing: a temporary key that is gone, a content type the signed URL refuses.
import { ApiError } from '../api/api-error';

/** The body field a call sends its keys in: `keys.N` (documents/upload), `files.N` (batch create), `key` (workspace create). */
export type KeyField = 'keys' | 'files' | 'key';

/**
 * How a refused key reads (docs/raydocs-api.md §8.3, §11: "invalid upload key"): Laravel's `exists` rule ("The selected
 * keys.0 is invalid."), or an object that expired, was already used or cannot be found.
 */
const KEY_GONE = /\binvalid\b|unknown|expired|already (been )?used|consumed|not (be )?found|does not exist|no (uploaded )?object/i;
/** Words that refuse the content or the request rather than the key: uploading again would not help. */
const NOT_THE_KEY = /format|file of type|supported|mime|duplicate|distinct|already attached|too large|size/i;

export interface KeyRefusal {
  /** Positions, in the list the call sent, of the keys refused as gone (unknown, consumed or expired). */
  gone: number[];
  /** The answer refused something else too (another field, or a key for another reason). */
  other: boolean;
}

function keyIndex(name: string, field: KeyField): number | null {
  if (field === 'key') return name === 'key' ? 0 : null;
  const m = new RegExp(`^${field}\\.(\\d+)$`).exec(name);
  return m ? Number(m[1]) : null;
}

/**
 * A 422 whose field errors say that some of the sent temporary keys can no longer be used: the bytes are not lost
 * (the file is here), only the key is, so those files are uploaded again. Null for any other answer, including a 422
 * that refuses only the content (an unsupported format) or other fields: those stay failures.
 */
export function keyRefusal(err: unknown, field: KeyField): KeyRefusal | null {
  if (!(err instanceof ApiError) || err.status !== 422) return null;
  const gone: number[] = [];
  let other = false;
  for (const [name, messages] of Object.entries(err.fieldErrors)) {
    const index = keyIndex(name, field);
    const text = messages.join(' ');
    if (index !== null && KEY_GONE.test(text) && !NOT_THE_KEY.test(text)) gone.push(index);
    else other = true;
  }
  return gone.length > 0 ? { gone, other } : null;
}

/**
 * A 422 from `signed-storage-url` naming `content_type`: the reference page lists only application/pdf, image/png and
 * image/jpeg (§8.1), while the newer guide makes the field optional with application/octet-stream as its default.
 */
export function contentTypeRefused(err: unknown): boolean {
  return err instanceof ApiError && err.status === 422 && Object.keys(err.fieldErrors).some((f) => f === 'content_type');
}

/** A 422: Raydocs understood the request and refused what it says. */
export function isValidation(err: unknown): boolean {
  return err instanceof ApiError && err.status === 422;
}

/** A 404 or 422 about this session (or something under it): what the engine remembers of it may be stale. */
export function sessionRefused(err: unknown): string | null {
  if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 422)) return null;
  const m = /^\/extractions\/sessions\/([^/]+)/.exec(err.request.path);
  return m ? decodeURIComponent(m[1]!) : null;
}
