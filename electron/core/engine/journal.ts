// Durable queue journal: append-only JSONL (last valid record per id wins), fsynced at the points that matter, compacted;
// a record that fails validation at open is moved to a quarantine file beside it, never fatal, never dropped unseen.
import { chmodSync, closeSync, existsSync, fchmodSync, fsync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { anyValue, encodeLine, replay, type JournalRecord, type Rejected, type ReplayResult, type ValueCodec } from './journal-lines';

export { replay, JOURNAL_VERSION, type JournalRecord, type ValueCodec } from './journal-lines';

/** What opening set aside: how many records, where they went, and why (one reason per record). */
export interface SetAside {
  count: number;
  file: string;
  reasons: string[];
}

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

/**
 * Reads the journal and makes its end safe to append to: a torn last line (a crash mid-write: not even JSON) is cut
 * off with ftruncate + fsync, the normal end of a kill -9, not an error; a last line that is whole JSON but lacks its
 * newline gets one (and is then validated like any other). No rewrite of the file.
 */
function load<T>(path: string, codec: ValueCodec<T>): ReplayResult<T> {
  if (!existsSync(path)) return { records: new Map(), rejected: [], badLines: 0, lines: 0 };
  const buf = readFileSync(path);
  if (buf.length === 0 || buf[buf.length - 1] === 0x0a) return replay(buf.toString('utf8'), codec);
  // The byte after the last newline starts the unterminated tail (newline is one byte in UTF-8).
  const cut = buf.lastIndexOf(0x0a) + 1;
  const tail = buf.subarray(cut).toString('utf8');
  const whole = isJson(tail);
  const fd = openSync(path, 'r+');
  try {
    if (whole) writeSync(fd, '\n', buf.length);
    else ftruncateSync(fd, cut);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const text = buf.toString('utf8', 0, cut);
  return replay(whole ? `${text}${tail}\n` : text, codec);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Appends the lines replay set aside to the quarantine file beside the journal (owner-only, fsynced), one JSON line
 * each: when, which line, why, and the line as it was. Called before the journal is rewritten without them.
 */
function quarantine(file: string, journal: string, rejected: readonly Rejected[]): void {
  const at = new Date().toISOString();
  const fd = openOwnerOnly(file, 'a');
  try {
    writeSync(fd, rejected.map((r) => `${JSON.stringify({ at, journal, line: r.line, reason: r.reason, raw: r.raw })}\n`).join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Control characters out of a warning meant for a terminal or a log line. */
const plain = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

function warnSetAside(e: SetAside): void {
  const first = e.reasons.slice(0, 3).join('; ');
  console.warn(plain(`Queue journal: ${e.count} record(s) could not be read and were set aside in ${e.file} (${first}${e.reasons.length > 3 ? '; …' : ''}). The rest of the queue was recovered.`));
}

/** The journal names the person's files and sessions: its folder is 0700 and its file 0600, whatever the umask or an older version left. */
function ownerOnlyDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(dir, 0o700);
  } catch {
    // Not ours to change (or not a POSIX file system): the file mode below still applies.
  }
}

function openOwnerOnly(path: string, flags: string): number {
  const fd = openSync(path, flags, 0o600);
  try {
    fchmodSync(fd, 0o600);
  } catch {
    // Windows has no POSIX modes.
  }
  return fd;
}

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
