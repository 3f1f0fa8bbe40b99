// The emulator's S3: presigned PUT only, verified like S3, body streamed to disk while hashing (never buffered).
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Env } from './context';
import { dropConnection, sendS3Error } from './http-util';

const MAX_OBJECT_BYTES = 5 * 1024 ** 3; // S3's single-PUT limit

export interface ResetFault {
  afterBytes: number;
}

let partCounter = 0;

export async function handleS3(env: Env, req: IncomingMessage, res: ServerResponse, url: URL, reset: ResetFault | null, dropResponse = false): Promise<void> {
  const prefix = `/s3/${env.bucket}/`;
  if (!url.pathname.startsWith(prefix)) return sendS3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
  const key = decodeURIComponent(url.pathname.slice(prefix.length));
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    // A bearer token must never reach S3; S3 itself refuses anything but AWS auth schemes.
    if (/^Bearer\b/i.test(auth)) return sendS3Error(res, 400, 'InvalidArgument', 'Unsupported Authorization Type', { ArgumentName: 'Authorization', ArgumentValue: 'Bearer ***' });
    return sendS3Error(res, 400, 'InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified', { ArgumentName: 'Authorization' });
  }
  if (req.method !== 'PUT') return sendS3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: req.method ?? '' });
  const verdict = await env.signer.verify('PUT', url, req.headers, new Date());
  if (!verdict.ok) return sendS3Error(res, verdict.status, verdict.code, verdict.message, verdict.extra);
  const lengthHeader = req.headers['content-length'];
  if (lengthHeader === undefined) return sendS3Error(res, 411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
  if (Number(lengthHeader) > MAX_OBJECT_BYTES) return sendS3Error(res, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.');

  if (/100-continue/i.test(String(req.headers.expect ?? ''))) res.writeContinue();
  const dir = join(env.dataDir, 's3', ...key.split('/').slice(0, -1));
  await mkdir(dir, { recursive: true });
  const base = join(env.dataDir, 's3', key);
  const n = ++partCounter;
  const part = `${base}.part-${n}`;
  const sha = createHash('sha256');
  const md5 = createHash('md5');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (reset && size >= reset.afterBytes) {
        // Injected fault: the connection dies mid-body, as a flaky network would do it.
        dropConnection(req);
        cb(new Error('injected reset'));
        return;
      }
      sha.update(chunk);
      md5.update(chunk);
      cb(null, chunk);
    },
    flush(cb) {
      if (reset) {
        dropConnection(req); // body shorter than the reset threshold: drop it before answering
        cb(new Error('injected reset'));
        return;
      }
      cb();
    },
  });
  try {
    await pipeline(req, meter, createWriteStream(part));
  } catch {
    await rm(part, { force: true });
    if (!res.headersSent) dropConnection(req);
    return;
  }
  // Last write wins: each PUT lands in its own file, swapped in when complete.
  const finalPath = `${base}.${n}`;
  await rename(part, finalPath);
  const previous = env.world.tmp.get(key);
  // The replaced object's file is left in place: a request that already resolved the key may be reading it.
  env.world.tmp.set(key, {
    key,
    path: finalPath,
    sha256: sha.digest('hex'),
    size,
    contentType: String(req.headers['content-type'] ?? 'binary/octet-stream'),
    uploadedAt: Date.now(),
    consumed: previous?.consumed ?? false,
  });
  env.world.uploads += 1;
  if (dropResponse) return dropConnection(req); // stored, but the client never hears so
  res.writeHead(200, { ETag: `"${md5.digest('hex')}"`, 'Content-Length': '0' });
  res.end();
}
