// One watched folder on disk: chokidar's events feed the settler, and the folder's own presence is checked on a clock,
// so an unmounted drive or a deleted folder is a state ("folder missing") that resumes when the folder is back.
import { stat } from 'node:fs/promises';
import { basename, relative, sep } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import { every, type Clock } from '../engine';
import { createSettler, type SettledFile, type Settler } from './settle';
import { isIgnoredPath, UPLOADED_FOLDER } from './watch-names';

export type FolderState =
  | { kind: 'starting' }
  | { kind: 'watching' }
  | { kind: 'missing'; since: number }
  | { kind: 'error'; message: string }
  | { kind: 'closed' };

export interface FolderWatchOptions {
  root: string;
  recursive: boolean;
  settleMs: number;
  /** Polls instead of OS events: network shares and some mounted drives send none. */
  usePolling?: boolean;
  /** How often the folder's presence is checked (default 2 s). */
  presenceMs?: number;
  clock: Clock;
  onFile(file: SettledFile): void;
  onState(state: FolderState): void;
}

export interface FolderWatch {
  state(): FolderState;
  /** Files seen and still settling. */
  waiting(): number;
  close(): Promise<void>;
}

const PRESENCE_MS = 2000;

function inside(root: string, path: string): string[] {
  const rel = relative(root, path);
  return rel === '' ? [] : rel.split(sep);
}

/** Chokidar's filter: hidden folders, the Uploaded/ folder, partial and temporary files. */
export function ignoredBy(root: string): (path: string, stats?: { isDirectory(): boolean }) => boolean {
  return (path, stats) => {
    const parts = inside(root, path);
    if (parts.length === 0) return false;
    if (parts[0] === UPLOADED_FOLDER) return true;
    if (stats?.isDirectory()) return basename(path).startsWith('.');
    // Without stats chokidar asks again with them: a folder is judged by its name only.
    return parts.slice(0, -1).some((p) => p.startsWith('.')) || isIgnoredPath(path);
  };
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** `fn` once at a time: a call while one is under way is dropped (the next tick looks again). */
function oneAtATime(fn: () => Promise<void>): () => Promise<void> {
  let running = false;
  return async () => {
    if (running) return;
    running = true;
    try {
      await fn();
    } finally {
      running = false;
    }
  };
}

/** One spell of the folder being there: chokidar's events into a fresh settler (a closed settler forgets its timers). */
interface Spell {
  settler: Settler;
  close(): Promise<void>;
}

function openSpell(opts: FolderWatchOptions, on: { ready(): void; error(): void }): Spell {
  const settler = createSettler({ clock: opts.clock, settleMs: opts.settleMs, onSettled: opts.onFile });
  const w = chokidarWatch(opts.root, {
    ignored: ignoredBy(opts.root),
    // Existing files arrive as 'add' too: that is the reconcile at start (the index skips stored ones).
    ignoreInitial: false,
    followSymlinks: false,
    ...(opts.recursive ? {} : { depth: 0 }),
    usePolling: opts.usePolling ?? false,
    interval: 1000,
    ignorePermissionErrors: true,
  });
  w.on('add', (p) => settler.observe(p));
  w.on('change', (p) => settler.observe(p));
  w.on('unlink', (p) => settler.forget(p));
  w.on('ready', () => on.ready());
  w.on('error', () => on.error());
  return {
    settler,
    async close() {
      settler.close();
      await w.close();
    },
  };
}

export function watchFolder(opts: FolderWatchOptions): FolderWatch {
  const { clock, root } = opts;
  let current: FolderState = { kind: 'starting' };
  let spell: Spell | null = null;

  // Read through a function: a close can land during any await.
  const closed = (): boolean => current.kind === 'closed';
  const set = (next: FolderState): void => {
    if (closed()) return;
    current = next;
    opts.onState(next);
  };

  function start(): void {
    const s = openSpell(opts, {
      ready: () => {
        if (spell === s && current.kind === 'starting') set({ kind: 'watching' });
      },
      error: () => void presence(),
    });
    spell = s;
  }

  async function stop(): Promise<void> {
    const s = spell;
    spell = null;
    await s?.close();
  }

  // Checked on the clock and on a watcher error: gone → missing (watcher closed), back → watched again with a rescan.
  const presence = oneAtATime(async () => {
    if (closed()) return;
    const here = await isFolder(root);
    if (closed()) return;
    if (!here && current.kind !== 'missing') {
      await stop();
      set({ kind: 'missing', since: clock.now() });
    } else if (here && current.kind === 'missing') {
      set({ kind: 'starting' });
      start();
    }
  });

  const stopPresence = every(clock, opts.presenceMs ?? PRESENCE_MS, () => void presence());
  void (async () => {
    if (await isFolder(root)) start();
    else set({ kind: 'missing', since: clock.now() });
  })();

  return {
    state: () => current,
    waiting: () => spell?.settler.waiting() ?? 0,
    async close() {
      stopPresence();
      await stop();
      set({ kind: 'closed' });
    },
  };
}
