// Fixture documents for the benchmarks: real PDF magic (intake checks it) and distinct content per file (dedup).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';

/** Writes a `size`-byte PDF-looking file without holding it in memory; reuses it when it already exists. */
export async function bigPdf(dir: string, size: number): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `big-${size}.pdf`);
  if (existsSync(file) && statSync(file).size === size) return file;
  const chunk = randomBytes(4 * 1024 * 1024);
  chunk.write('%PDF-1.7\n', 0, 'latin1');
  const fh = await open(file, 'w');
  try {
    let written = 0;
    while (written < size) {
      const n = Math.min(chunk.length, size - written);
      await fh.write(chunk, 0, n, written);
      // Later chunks differ from the first so the file is not one repeated block.
      chunk.writeUInt32LE(written >>> 0, 64);
      written += n;
    }
  } finally {
    await fh.close();
  }
  return file;
}

/** Writes `count` small PDFs of `size` bytes each, each with distinct content. Returns their paths in order. */
export function smallPdfs(dir: string, count: number, size: number, prefix = 'scan'): string[] {
  mkdirSync(dir, { recursive: true });
  const base = randomBytes(size);
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const header = Buffer.from(`%PDF-1.7\n% ${prefix} ${i} ${Date.now()}\n`, 'latin1');
    header.copy(base, 0);
    base.writeUInt32LE(i, Math.max(header.length, size - 8));
    const file = path.join(dir, `${prefix}-${String(i).padStart(5, '0')}.pdf`);
    writeFileSync(file, base);
    paths.push(file);
  }
  return paths;
}
