// Streaming SHA-256 of a file in bounded memory (one read buffer at a time), with progress and abort.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

const CHUNK = 1024 * 1024;

export async function hashFile(path: string, opts: { onProgress?: (bytes: number) => void; signal?: AbortSignal } = {}): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const stream = createReadStream(path, { highWaterMark: CHUNK, signal: opts.signal });
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
    opts.onProgress?.(size);
  }
  return { sha256: hash.digest('hex'), size };
}
