// A file is taken only once it has settled: size and mtime unchanged for `settleMs`, and openable for reading.
import { open, stat } from 'node:fs/promises';
import type { Clock, TimerHandle } from '../engine';

export interface SettledFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface SettlerDeps {
  clock: Clock;
  settleMs: number;
  onSettled(file: SettledFile): void;
  /** Tests replace the disk; the watch uses the real one. */
  stat?: (path: string) => Promise<{ size: number; mtimeMs: number; isFile(): boolean }>;
  /** A scanner on Windows holds the file exclusively while writing: opening it for reading fails until it is done. */
  canRead?: (path: string) => Promise<boolean>;
}

export interface Settler {
  /** Something happened to `path` (it appeared or changed): its quiet period starts again. */
  observe(path: string): void;
  /** `path` went away (deleted, renamed out of the folder): it is no longer waited for. */
  forget(path: string): void;
  /** Files seen but not yet settled. */
  waiting(): number;
  close(): void;
}

async function canReadFile(path: string): Promise<boolean> {
  try {
    await (await open(path, 'r')).close();
    return true;
  } catch {
    return false;
  }
}

/** A regular file's size and mtime now, or null when it is gone or is not a file. */
async function look(path: string, statOf: NonNullable<SettlerDeps['stat']> = stat): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const s = await statOf(path);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}

interface Pending {
  size: number;
  mtimeMs: number;
  since: number;
  timer: TimerHandle | null;
}

export function createSettler(deps: SettlerDeps): Settler {
  const { clock, settleMs } = deps;
  const canRead = deps.canRead ?? canReadFile;
  const pending = new Map<string, Pending>();
  let closed = false;

  const schedule = (path: string, p: Pending, ms: number): void => {
    clock.clearTimeout(p.timer);
    p.timer = clock.setTimeout(() => void check(path), ms);
  };

  async function check(path: string): Promise<void> {
    const p = pending.get(path);
    if (!p || closed) return;
    p.timer = null;
    const now = await look(path, deps.stat);
    if (pending.get(path) !== p || closed) return;
    if (!now) {
      pending.delete(path);
      return;
    }
    if (now.size !== p.size || now.mtimeMs !== p.mtimeMs) {
      // Still being written: the quiet period starts from this look.
      Object.assign(p, now, { since: clock.now() });
      schedule(path, p, settleMs);
      return;
    }
    const quietFor = clock.now() - p.since;
    if (quietFor < settleMs) return schedule(path, p, settleMs - quietFor);
    if (!(await canRead(path))) return schedule(path, p, settleMs);
    if (pending.get(path) !== p || closed) return;
    pending.delete(path);
    deps.onSettled({ path, size: now.size, mtimeMs: now.mtimeMs });
  }

  return {
    observe(path) {
      if (closed) return;
      let p = pending.get(path);
      if (!p) {
        p = { size: -1, mtimeMs: -1, since: clock.now(), timer: null };
        pending.set(path, p);
      }
      // Look now: a change of size or mtime restarts the quiet period from this look; none leaves it running.
      schedule(path, p, 0);
    },
    forget(path) {
      const p = pending.get(path);
      if (!p) return;
      clock.clearTimeout(p.timer);
      pending.delete(path);
    },
    waiting: () => pending.size,
    close() {
      closed = true;
      for (const p of pending.values()) clock.clearTimeout(p.timer);
      pending.clear();
    },
  };
}
