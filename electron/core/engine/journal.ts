// Durable queue journal: append-only JSONL (last valid record per id wins), fsynced at the points that matter, compacted;
// a record that fails validation at open is moved to a quarantine file beside it, never fatal, never dropped unseen.
import { closeSync, fsync, fsyncSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { load, openOwnerOnly, ownerOnlyDir, quarantine, syncDir, warnSetAside, type SetAside } from './journal-files';
import { anyValue, encodeLine, type JournalRecord, type ValueCodec } from './journal-lines';

export { replay, JOURNAL_VERSION, type JournalRecord, type ValueCodec } from './journal-lines';
export type { SetAside } from './journal-files';

export interface JournalOptions<T> {
  /** Validates (and upgrades) each put's value; default: any value as it is. */
  codec?: ValueCodec<T>;
  /** Told when opening set records aside (default: one warning line on stderr). */
  onSetAside?: (e: SetAside) => void;
}

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
  /** Runs `fn` with its appends gathered into one write(2): a bulk action over thousands of items is not thousands of writes. */
  batch<R>(fn: () => R): R;
  /** Rewrites the file with only the live records (atomic rename). */
  compact(live: Iterable<[string, T]>): void;
  close(): void;
  /** Records in the file: those found at open plus those appended since (drives compaction). */
  readonly appended: number;
  /** Records opening moved to the quarantine file (0 when every line was valid). */
  readonly setAside: number;
}

const FILE = 'queue.jsonl';
/** Beside the journal: the lines it could not use, with the reason, appended (never rewritten). */
export const QUARANTINE_FILE = `${FILE}.quarantine.jsonl`;

/** The file is rewritten when it holds more than this many records for `live` items. */
export function compactionThreshold(live: number): number {
  return Math.max(1000, live * 4);
}

export function openJournal<T>(dir: string, opts: JournalOptions<T> = {}): Journal<T> {
  ownerOnlyDir(dir);
  const path = join(dir, FILE);
  const tmp = `${path}.tmp`;
  const { records, lines, rejected } = load(path, opts.codec ?? (anyValue as ValueCodec<T>));
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

  let gathered: string[] | null = null;
  const writeLine = (rec: JournalRecord<T>): void => {
    // Opening left the file ending on a newline, so every record is a line of its own.
    if (gathered) gathered.push(`${encodeLine(rec)}\n`);
    else writeSync(fd, `${encodeLine(rec)}\n`);
    appended++;
    dirty = true;
  };
  const batch = <R>(fn: () => R): R => {
    if (gathered) return fn();
    const lines: string[] = (gathered = []);
    try {
      return fn();
    } finally {
      gathered = null;
      // Written before batch returns (kill -9 after it loses nothing); one write per MiB keeps the string small.
      let buf = '';
      for (const line of lines) {
        buf += line;
        if (buf.length > 1 << 20) {
          writeSync(fd, buf);
          buf = '';
        }
      }
      if (buf) writeSync(fd, buf);
    }
  };

  const compact = (live: Iterable<[string, T]>): void => {
    const tfd = openOwnerOnly(tmp, 'w');
    let written = 0;
    try {
      let buf = '';
      for (const [id, data] of live) {
        written++;
        buf += `${encodeLine<T>({ t: 'put', id, data })}\n`;
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
    fd = openOwnerOnly(path, 'a');
    appended = written;
    dirty = false;
  };

  // Set-aside lines go to the quarantine file first, then the journal is rewritten without them, so they are moved
  // (read again at every open otherwise) and nothing is lost: a crash between the two only quarantines them twice.
  if (rejected.length > 0) {
    const file = join(dir, QUARANTINE_FILE);
    quarantine(file, path, rejected);
    (opts.onSetAside ?? warnSetAside)({ count: rejected.length, file, reasons: rejected.map((r) => `line ${r.line}: ${r.reason}`) });
  }
  // The file ends on a newline now, so appends start on a fresh line. Rewrite it only when superseded records far
  // outnumber live ones (or lines were set aside); otherwise just append (records already in the file count
  // towards the next compaction).
  if (rejected.length > 0 || lines > compactionThreshold(records.size)) compact(records);
  else {
    fd = openOwnerOnly(path, 'a');
    appended = lines;
  }

  return {
    loaded: records,
    setAside: rejected.length,
    get appended() {
      return appended;
    },
    put(id, value, durable = false) {
      writeLine({ t: 'put', id, data: value });
      if (durable) groupCommit();
    },
    del(id, durable = false) {
      writeLine({ t: 'del', id });
      if (durable) groupCommit();
    },
    flush,
    batch,
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
