// The journal's file work: reading it with a torn tail made safe, the quarantine file beside it, owner-only modes.
import { chmodSync, closeSync, existsSync, fchmodSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { replay, type Rejected, type ReplayResult, type ValueCodec } from './journal-lines';

/** What opening set aside: how many records, where they went, and why (one reason per record). */
export interface SetAside {
  count: number;
  file: string;
  reasons: string[];
}

export function syncDir(dir: string): void {
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
export function load<T>(path: string, codec: ValueCodec<T>): ReplayResult<T> {
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
export function quarantine(file: string, journal: string, rejected: readonly Rejected[]): void {
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

export function warnSetAside(e: SetAside): void {
  const first = e.reasons.slice(0, 3).join('; ');
  console.warn(plain(`Queue journal: ${e.count} record(s) could not be read and were set aside in ${e.file} (${first}${e.reasons.length > 3 ? '; …' : ''}). The rest of the queue was recovered.`));
}

/** The journal names the person's files and sessions: its folder is 0700 and its file 0600, whatever the umask or an older version left. */
export function ownerOnlyDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(dir, 0o700);
  } catch {
    // Not ours to change (or not a POSIX file system): the file mode below still applies.
  }
}

export function openOwnerOnly(path: string, flags: string): number {
  const fd = openSync(path, flags, 0o600);
  try {
    fchmodSync(fd, 0o600);
  } catch {
    // Windows has no POSIX modes.
  }
  return fd;
}
