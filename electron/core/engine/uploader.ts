// One streaming PUT of a file to a presigned URL: exact headers, explicit length, no bearer token, stall watchdog, and
// the SHA-256 of the bytes as they went out, so what is stored can be checked against what was hashed.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline, Transform } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import { parseRetryAfter } from '../api/error-body';
import { isLoopbackHost } from '../../../shared/base-url';
import type { Bandwidth } from './bandwidth';
import { every, realClock, type Clock } from './clock';

export type UploadErrorCode = 'expired' | 'http' | 'stall' | 'network' | 'file-changed' | 'file-gone' | 'insecure';

/** A failed PUT, with what the retry policy needs. Never carries the presigned URL (it is a credential). */
export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    readonly code: UploadErrorCode,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
    readonly causeCode: string | null = null,
  ) {
    super(message);
  }
}

export interface PutOptions {
  url: string;
  /** As the signed-URL answer gave them; `putHeaders` decides what is sent. */
  headers: Record<string, string | string[]>;
  path: string;
  /** Expected size; the file must still have it. */
  size: number;
  bandwidth: Bandwidth;
  stallTimeoutMs: number;
  signal: AbortSignal;
  dispatcher?: Dispatcher;
  onBytes: (n: number) => void;
  /** Plain http:// upload URLs are accepted only when the API itself is on this machine (the emulator, a dev server). */
  plainHttpAllowed?: boolean;
  /** The stall watchdog's time (default the real one). */
  clock?: Clock;
}

/** True when the client talks to an API on loopback (read structurally: engine ports and fakes may carry no baseUrl). */
export function apiOnLoopback(client: unknown): boolean {
  const base = (client as { baseUrl?: unknown } | null)?.baseUrl;
  if (typeof base !== 'string') return false;
  try {
    return isLoopbackHost(new URL(base).hostname);
  } catch {
    return false;
  }
}

/** S3's own words from an error body: `Code: Message`, without markup, bounded. */
export function s3Words(body: string): { code: string | null; words: string } {
  const pick = (tag: string): string | null => new RegExp(`<${tag}>([^<]{0,300})</${tag}>`).exec(body)?.[1]?.trim() ?? null;
  const code = pick('Code');
  const message = pick('Message');
  if (code || message) return { code, words: [code, message].filter(Boolean).join(': ') };
  return { code: null, words: body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200) };
}

/** Only S3 saying the request expired makes a 403 an expired URL; any other 403 (SignatureDoesNotMatch…) is a refusal. */
export function storage403(body: string): UploadError {
  const { code, words } = s3Words(body);
  const expired = code === 'ExpiredToken' || (code === 'AccessDenied' && /expired/i.test(words)) || (code === null && /request has expired/i.test(words));
  if (expired) return new UploadError('expired', `the upload URL expired (403${words ? `: ${words}` : ''})`, 403);
  return new UploadError('http', storageWords(403, body), 403);
}

/** Storage's answer for a person first, then its status and S3's own words (never its XML): "storage refused the upload (400: …)". */
export function storageWords(status: number, body: string): string {
  const { words } = s3Words(body);
  const what = status >= 500 ? 'storage could not take the upload right now' : 'storage refused the upload';
  return `${what} (${status}${words ? `: ${words}` : ''})`;
}

/** The PUT succeeded: `sha256` is the hash of exactly the bytes that were sent. */
export interface PutResult {
  sha256: string;
}

/**
 * Headers the URL decides, never the answer: `Host` (undici sets it from the URL, and the signature covers the URL's
 * host; Vapor returns one, which on another host than the URL's would break the signature or name another server) and
 * the framing headers, which the PUT sets itself (`Content-Length`) or must not send.
 */
const URL_DECIDES = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect']);

/**
 * The PUT's headers: the signed-URL answer's (array values, PSR-7 style, joined as one header; signed ones such as
 * `x-amz-acl` must be sent as they are) less those the URL decides, plus the exact length. Never the Authorization header.
 */
export function putHeaders(returned: Record<string, string | string[]>, size: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(returned)) {
    const lower = name.toLowerCase();
    if (URL_DECIDES.has(lower) || lower === 'authorization') continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  out['content-length'] = String(size);
  return out;
}

/** Before a byte is sent: the URL is https (unless allowed), and the file is there at the size that was hashed. */
async function checkBeforePut(o: PutOptions): Promise<void> {
  if (!/^https:\/\//i.test(o.url) && !o.plainHttpAllowed) {
    throw new UploadError('insecure', 'the upload URL is not https: the file was not sent in clear');
  }
  let st;
  try {
    st = await stat(o.path);
  } catch (err) {
    throw new UploadError('file-gone', 'the file was moved or deleted', null, null, (err as NodeJS.ErrnoException).code ?? null);
  }
  if (st.size !== o.size) throw new UploadError('file-changed', 'the file changed on disk');
}

export async function putFile(o: PutOptions): Promise<PutResult> {
  await checkBeforePut(o);
  const ac = new AbortController();
  const onOuterAbort = (): void => ac.abort(o.signal.reason);
  if (o.signal.aborted) onOuterAbort();
  o.signal.addEventListener('abort', onOuterAbort, { once: true });
  const clock = o.clock ?? realClock;
  let lastProgress = clock.now();
  let stalled = false;
  const stopWatchdog = every(clock, Math.max(50, Math.min(1000, o.stallTimeoutMs / 4)), () => {
    if (clock.now() - lastProgress > o.stallTimeoutMs) {
      stalled = true;
      ac.abort(new UploadError('stall', `no progress for ${Math.round(o.stallTimeoutMs / 1000)} s`));
    }
  });

  // Never more than the hashed size: a file that grows mid-upload must not overrun the declared length.
  const file = createReadStream(o.path, { highWaterMark: 256 * 1024, end: Math.max(0, o.size - 1) });
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  const body = o.bandwidth.throttle((n) => {
    lastProgress = clock.now();
    o.onBytes(n);
  });
  pipeline(file, tap, body, () => undefined);
  const headers = putHeaders(o.headers, o.size);
  try {
    const res = await request(o.url, { method: 'PUT', headers, body, signal: ac.signal, dispatcher: o.dispatcher });
    lastProgress = clock.now();
    const text = await res.body.text().catch(() => '');
    if (res.statusCode >= 200 && res.statusCode < 300) return { sha256: hash.digest('hex') };
    if (res.statusCode === 403) throw storage403(text);
    throw new UploadError('http', storageWords(res.statusCode, text), res.statusCode, parseRetryAfter(res.headers));
  } catch (err) {
    if (err instanceof UploadError) throw err;
    if (stalled) throw new UploadError('stall', `no progress for ${Math.round(o.stallTimeoutMs / 1000)} s`);
    if (o.signal.aborted) {
      const e = new Error('upload aborted');
      e.name = 'AbortError';
      throw e;
    }
    const code = (err as { code?: string }).code ?? null;
    throw new UploadError('network', `network error during upload${code ? ` (${code})` : ''}`, null, null, code);
  } finally {
    stopWatchdog();
    o.signal.removeEventListener('abort', onOuterAbort);
    file.destroy();
    tap.destroy();
    body.destroy();
  }
}
