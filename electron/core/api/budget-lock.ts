// The shared rate budget's lock: an O_EXCL lock file naming its pid and time, taken over from a dead or hung holder.
// Why a lock file and not an append-only log with advisory locks: Node has no flock / LockFileEx without a native
// addon, while an exclusive create is atomic on every file system Linux, macOS and Windows use.
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';

/** The lock is held for one read and one write of a small file: a lock this old belongs to a process that died or hung. */
export const STALE_LOCK_MS = 2000;

/** Whether a process with this pid runs (EPERM: it does, as another user). Shared with the CLI's journal lock. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockIsStale(lock: string, t: number): boolean {
  let text: string;
  let mtime: number;
  try {
    text = readFileSync(lock, 'utf8');
    mtime = statSync(lock).mtimeMs;
  } catch {
    return false; // released meanwhile: the next try creates it
  }
  const [pidText, atText] = text.trim().split(' ');
  const pid = Number(pidText);
  const at = Number(atText);
  // An empty lock is one caught between its create and its write: only its age can tell.
  const since = Number.isFinite(at) && at > 0 ? at : mtime;
  if (t - since > STALE_LOCK_MS) return true;
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid);
}

/** True when the lock is now ours; false while a live holder has it. Other file errors are thrown. */
export function tryLock(lock: string, t: number): boolean {
  try {
    const fd = openSync(lock, 'wx', 0o600);
    writeFileSync(fd, `${process.pid} ${t}`);
    closeSync(fd);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (!lockIsStale(lock, t)) return false;
  // Rename first: of two processes that both judged it stale, only one rename succeeds, so one of them takes over.
  const aside = `${lock}.${process.pid}.stale`;
  try {
    renameSync(lock, aside);
    unlinkSync(aside);
  } catch {
    return false;
  }
  return tryLock(lock, t);
}

export function releaseLock(lock: string): void {
  // Gone already only if a process judged us stale and took it over: nothing of ours to release then.
  try {
    unlinkSync(lock);
  } catch {
    /* taken over */
  }
}
