// Streaming SHA-256 of a file in bounded memory (one read buffer at a time), with progress and abort.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

const CHUNK = 1024 * 1024;
/** The smallest read buffer, for a file said to be tiny (it may have grown since: the rest is read all the same). */
const MIN_CHUNK = 4 * 1024;

/**
 * `sizeHint`: the file's size as last stat'ed. Each read allocates a buffer of the stream's chunk size, so a small
 * file read with 1 MiB chunks costs 1 MiB of garbage; 100,000 of them are what the collector spends its time on.
 */
export async function hashFile(path: string, opts: { onProgress?: (bytes: number) => void; signal?: AbortSignal; sizeHint?: number } = {}): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const chunk = opts.sizeHint === undefined ? CHUNK : Math.min(CHUNK, Math.max(MIN_CHUNK, opts.sizeHint + 1));
  const stream = createReadStream(path, { highWaterMark: chunk, signal: opts.signal });
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
    opts.onProgress?.(size);
  }
  return { sha256: hash.digest('hex'), size };
}
