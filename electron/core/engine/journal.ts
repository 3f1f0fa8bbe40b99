// Durable queue journal: append-only JSONL (last record per id wins), fsynced at the points that matter, compacted.
import { closeSync, fsync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export type JournalRecord<T> = { t: 'put'; id: string; v: T } | { t: 'del'; id: string };

export interface Journal<T> {
  /** Records loaded at open (after replay), keyed by id, in first-seen order. */
  readonly loaded: Map<string, T>;
  /**
   * Appends a record. write(2) happens now, so it survives kill -9. `durable` also asks for an fsync (survives
   * power loss), group-committed with other durable records within a few milliseconds, off the event loop.
   */
  put(id: string, value: T, durable?: boolean): void;
  del(id: string, durable?: boolean): void;
  /** Resolves once everything appended so far is fsynced: await it before an action that must not be repeated. */
  flush(): Promise<void>;
  /** fsyncs everything appended so far, synchronously. */
  sync(): void;
  /** Rewrites the file with only the live records (atomic rename). */
  compact(live: Iterable<[string, T]>): void;
  close(): void;
  /** Number of records appended since the last compaction (drives compaction). */
  readonly appended: number;
}

const FILE = 'queue.jsonl';

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; rename is still atomic there.
  }
}

/** Replays JSONL text; a torn or corrupt line (a crash mid-write) is skipped, never fatal. */
export function replay<T>(text: string): { records: Map<string, T>; badLines: number } {
  const records = new Map<string, T>();
  let badLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let rec: JournalRecord<T>;
    try {
      rec = JSON.parse(line) as JournalRecord<T>;
    } catch {
      badLines++;
      continue;
    }
    if (rec?.t === 'put' && typeof rec.id === 'string') records.set(rec.id, rec.v);
    else if (rec?.t === 'del' && typeof rec.id === 'string') records.delete(rec.id);
    else badLines++;
  }
  return { records, badLines };
}

export function openJournal<T>(dir: string): Journal<T> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, FILE);
  const tmp = `${path}.tmp`;
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const { records } = replay<T>(text);
  let fd = -1;
  let appended = 0;
  let dirty = false;
  let groupTimer: NodeJS.Timeout | null = null;

  const flush = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (fd < 0 || !dirty) return resolve();
      dirty = false;
      // An error here (fd closed meanwhile) leaves durability to close()'s synchronous fsync.
      fsync(fd, () => resolve());
    });
  const groupCommit = (): void => {
    if (groupTimer) return;
    groupTimer = setTimeout(() => {
      groupTimer = null;
      void flush();
    }, 5);
  };

  const writeLine = (rec: JournalRecord<T>): void => {
    // A line starts on a fresh line even if the previous process died mid-line.
    writeSync(fd, `${JSON.stringify(rec)}\n`);
    appended++;
    dirty = true;
  };

  const compact = (live: Iterable<[string, T]>): void => {
    const tfd = openSync(tmp, 'w');
    try {
      let buf = '';
      for (const [id, v] of live) {
        buf += `${JSON.stringify({ t: 'put', id, v } satisfies JournalRecord<T>)}\n`;
        if (buf.length > 1 << 20) {
          writeSync(tfd, buf);
          buf = '';
        }
      }
      if (buf) writeSync(tfd, buf);
      fsyncSync(tfd);
    } finally {
      closeSync(tfd);
    }
    if (fd >= 0) closeSync(fd);
    renameSync(tmp, path);
    syncDir(dir);
    fd = openSync(path, 'a');
    appended = 0;
    dirty = false;
  };

  // Start from a clean file: drops a torn last line and superseded records.
  compact(records);

  return {
    loaded: records,
    get appended() {
      return appended;
    },
    put(id, value, durable = false) {
      writeLine({ t: 'put', id, v: value });
      if (durable) groupCommit();
    },
    del(id, durable = false) {
      writeLine({ t: 'del', id });
      if (durable) groupCommit();
    },
    flush,
    sync() {
      if (!dirty || fd < 0) return;
      fsyncSync(fd);
      dirty = false;
    },
    compact,
    close() {
      if (groupTimer) clearTimeout(groupTimer);
      groupTimer = null;
      if (fd < 0) return;
      fsyncSync(fd);
      closeSync(fd);
      fd = -1;
    },
  };
}
