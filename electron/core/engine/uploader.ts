// One streaming PUT of a file to a presigned URL: exact headers, explicit length, no bearer token, stall watchdog, and
// the SHA-256 of the bytes as they went out, so what is stored can be checked against what was hashed.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline, Transform } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import { parseRetryAfter } from '../api/error-body';
import type { Bandwidth } from './bandwidth';

export type UploadErrorCode = 'expired' | 'http' | 'stall' | 'network' | 'file-changed' | 'file-gone';

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

export async function putFile(o: PutOptions): Promise<PutResult> {
  let st;
  try {
    st = await stat(o.path);
  } catch (err) {
    throw new UploadError('file-gone', 'the file was moved or deleted', null, null, (err as NodeJS.ErrnoException).code ?? null);
  }
  if (st.size !== o.size) throw new UploadError('file-changed', 'the file changed on disk');

  const ac = new AbortController();
  const onOuterAbort = (): void => ac.abort(o.signal.reason);
  if (o.signal.aborted) onOuterAbort();
  o.signal.addEventListener('abort', onOuterAbort, { once: true });
  let lastProgress = Date.now();
  let stalled = false;
  const watchdog = setInterval(() => {
    if (Date.now() - lastProgress > o.stallTimeoutMs) {
      stalled = true;
      ac.abort(new UploadError('stall', `no progress for ${Math.round(o.stallTimeoutMs / 1000)} s`));
    }
  }, Math.max(50, Math.min(1000, o.stallTimeoutMs / 4)));

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
    lastProgress = Date.now();
    o.onBytes(n);
  });
  pipeline(file, tap, body, () => undefined);
  const headers = putHeaders(o.headers, o.size);
  try {
    const res = await request(o.url, { method: 'PUT', headers, body, signal: ac.signal, dispatcher: o.dispatcher });
    lastProgress = Date.now();
    const text = await res.body.text().catch(() => '');
    if (res.statusCode >= 200 && res.statusCode < 300) return { sha256: hash.digest('hex') };
    const snippet = text.replace(/\s+/g, ' ').slice(0, 200);
    if (res.statusCode === 403) throw new UploadError('expired', `storage refused the upload URL (403${snippet ? `: ${snippet}` : ''})`, 403);
    throw new UploadError('http', `storage answered ${res.statusCode}${snippet ? `: ${snippet}` : ''}`, res.statusCode, parseRetryAfter(res.headers));
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
    clearInterval(watchdog);
    o.signal.removeEventListener('abort', onOuterAbort);
    file.destroy();
    tap.destroy();
    body.destroy();
  }
}
