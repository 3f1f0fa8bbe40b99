// Durable queue journal: append-only JSONL (last record per id wins), fsynced at the points that matter, compacted.
import { chmodSync, closeSync, existsSync, fchmodSync, fsync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
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
  /** Records in the file: those found at open plus those appended since (drives compaction). */
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

/** Lines as this module writes them: `{"t":"put","id":"…","v":…}` / `{"t":"del","id":"…"}` (JSON.stringify keeps key order). */
const PUT_PREFIX = '{"t":"put","id":"';
const DEL_PREFIX = '{"t":"del","id":"';
const PREFIX_LEN = PUT_PREFIX.length;

/** A line's kind and id read from its prefix without parsing it, or null when it is not in the form we write. */
function peek(line: string): { put: boolean; id: string } | null {
  const put = line.startsWith(PUT_PREFIX);
  if (!put && !line.startsWith(DEL_PREFIX)) return null;
  const close = line.indexOf('"', PREFIX_LEN);
  if (close < 0) return null;
  const id = line.slice(PREFIX_LEN, close);
  // An escaped id would need JSON's own decoding; the general path handles it.
  if (id.includes('\\')) return null;
  if (put ? !line.startsWith('","v":', close) : line.length !== close + 2 || !line.endsWith('"}')) return null;
  return { put, id };
}

/** Parses one line as a record, or null (torn, corrupt or not a record). */
function parseRecord<T>(line: string): JournalRecord<T> | null {
  let rec: JournalRecord<T>;
  try {
    rec = JSON.parse(line) as JournalRecord<T>;
  } catch {
    return null;
  }
  if ((rec?.t === 'put' && 'v' in rec) || rec?.t === 'del') return typeof rec.id === 'string' ? rec : null;
  return null;
}

/** Replays line by line, parsing every line: the reference behaviour, used when a winning line turns out corrupt. */
function replayEveryLine<T>(text: string): { records: Map<string, T>; badLines: number; lines: number } {
  const records = new Map<string, T>();
  let badLines = 0;
  let lines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    lines++;
    const rec = parseRecord<T>(line);
    if (!rec) badLines++;
    else if (rec.t === 'put') records.set(rec.id, rec.v);
    else records.delete(rec.id);
  }
  return { records, badLines, lines };
}

/**
 * Replays JSONL text: last record per id wins, a delete removes, a torn or corrupt line is skipped (never fatal).
 * Only the winning line of each id is JSON-parsed: superseded records are recognised by their prefix alone.
 * `lines` counts the non-empty lines (records in the file, which drives compaction).
 */
export function replay<T>(text: string): { records: Map<string, T>; badLines: number; lines: number } {
  // id → its winning line; Map order is first-seen order (a delete then a put moves an id to the end).
  const winners = new Map<string, string>();
  let badLines = 0;
  let lines = 0;
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    pos = nl + 1;
    if (line.length === 0 || line.trim() === '') continue;
    lines++;
    let p = peek(line);
    if (!p) {
      const rec = parseRecord(line);
      if (!rec) {
        badLines++;
        continue;
      }
      p = { put: rec.t === 'put', id: rec.id };
    }
    if (p.put) winners.set(p.id, line);
    else winners.delete(p.id);
  }
  const records = new Map<string, T>();
  for (const [id, line] of winners) {
    const rec = parseRecord<T>(line);
    // A corrupt winner means an earlier record of that id should win: replay the slow, exact way.
    if (!rec || rec.t !== 'put' || rec.id !== id) return replayEveryLine<T>(text);
    records.set(id, rec.v);
  }
  return { records, badLines, lines };
}

/**
 * Reads the journal and makes its end safe to append to: a torn last line (a crash mid-write) is cut off with
 * ftruncate + fsync; a complete last record that only lacks its newline gets one. No rewrite of the file.
 */
function load<T>(path: string): { records: Map<string, T>; lines: number } {
  if (!existsSync(path)) return { records: new Map(), lines: 0 };
  const buf = readFileSync(path);
  if (buf.length === 0 || buf[buf.length - 1] === 0x0a) return replay<T>(buf.toString('utf8'));
  // The byte after the last newline starts the unterminated tail (newline is one byte in UTF-8).
  const cut = buf.lastIndexOf(0x0a) + 1;
  const tail = buf.subarray(cut).toString('utf8');
  const wholeRecord = parseRecord(tail) !== null;
  const fd = openSync(path, 'r+');
  try {
    if (wholeRecord) writeSync(fd, '\n', buf.length);
    else ftruncateSync(fd, cut);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const text = buf.toString('utf8', 0, cut);
  return replay<T>(wholeRecord ? `${text}${tail}\n` : text);
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

export function openJournal<T>(dir: string): Journal<T> {
  ownerOnlyDir(dir);
  const path = join(dir, FILE);
  const tmp = `${path}.tmp`;
  const { records, lines } = load<T>(path);
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
    // Opening left the file ending on a newline, so every record is a line of its own.
    writeSync(fd, `${JSON.stringify(rec)}\n`);
    appended++;
    dirty = true;
  };

  const compact = (live: Iterable<[string, T]>): void => {
    const tfd = openOwnerOnly(tmp, 'w');
    let written = 0;
    try {
      let buf = '';
      for (const [id, v] of live) {
        written++;
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
    fd = openOwnerOnly(path, 'a');
    appended = written;
    dirty = false;
  };

  // The file ends on a newline now, so appends start on a fresh line. Rewrite it only when superseded records far
  // outnumber live ones; otherwise just append (records already in the file count towards the next compaction).
  if (lines > compactionThreshold(records.size)) compact(records);
  else {
    fd = openOwnerOnly(path, 'a');
    appended = lines;
  }

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
