// What a watch has stored, by path: size, mtime and sha256 per file and target, so a rescan neither hashes nor queues
// a file already stored. Append-only JSONL (a line per stored file, fsynced), compacted when it opens.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const entrySchema = z.object({ path: z.string(), size: z.number(), mtimeMs: z.number(), sha256: z.string(), target: z.string() });
export type IndexEntry = z.infer<typeof entrySchema>;
/** A path the watch no longer holds (moved into Uploaded/): a file that comes back under its name is looked at anew. */
const goneSchema = z.object({ path: z.string(), gone: z.literal(true) });

export interface PathIndex {
  /** True when `path` was stored for `target` and its size and mtime are still those it had then. */
  unchanged(path: string, stat: { size: number; mtimeMs: number }, target: string): boolean;
  get(path: string): IndexEntry | null;
  /** Records a stored file (durably: a crash right after still knows it). */
  stored(entry: IndexEntry): void;
  forget(path: string): void;
  size(): number;
  close(): void;
}

function load(file: string): Map<string, IndexEntry> {
  const byPath = new Map<string, IndexEntry>();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return byPath;
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      const gone = goneSchema.safeParse(value);
      if (gone.success) byPath.delete(gone.data.path);
      const parsed = entrySchema.safeParse(value);
      // A torn last line or a foreign one only costs a re-hash of that file: the engine's dedup still holds.
      if (parsed.success) byPath.set(parsed.data.path, parsed.data);
    } catch {
      continue;
    }
  }
  return byPath;
}

function rewrite(file: string, entries: Iterable<IndexEntry>): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    let out = '';
    for (const e of entries) out += `${JSON.stringify(e)}\n`;
    writeSync(fd, out);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export function openPathIndex(file: string): PathIndex {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const byPath = load(file);
  // Compacted at open: one line per path, so the file stays as long as the folder's stored files.
  rewrite(file, byPath.values());
  const fd = openSync(file, 'a', 0o600);
  let open = true;
  const append = (value: unknown): void => {
    if (!open) return;
    writeSync(fd, `${JSON.stringify(value)}\n`);
    fsyncSync(fd);
  };
  return {
    unchanged(path, stat, target) {
      const e = byPath.get(path);
      return e !== undefined && e.target === target && e.size === stat.size && e.mtimeMs === stat.mtimeMs;
    },
    get: (path) => byPath.get(path) ?? null,
    stored(entry) {
      byPath.set(entry.path, entry);
      append(entry);
    },
    forget(path) {
      if (byPath.delete(path)) append({ path, gone: true });
    },
    size: () => byPath.size,
    close() {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
}
