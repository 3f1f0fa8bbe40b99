// One watched folder on disk: chokidar's events feed the settler, and the folder's own presence is checked on a clock,
// so an unmounted drive or a deleted folder is a state ("folder missing") that resumes when the folder is back.
import { stat } from 'node:fs/promises';
import { basename, relative, sep } from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { every, type Clock } from '../engine';
import { createSettler, type SettledFile } from './settle';
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

export function watchFolder(opts: FolderWatchOptions): FolderWatch {
  const { clock, root } = opts;
  let current: FolderState = { kind: 'starting' };
  let watcher: FSWatcher | null = null;
  let checking = false;
  const newSettler = () => createSettler({ clock, settleMs: opts.settleMs, onSettled: opts.onFile });
  // A closed settler forgets its timers; a folder that comes back gets a fresh one.
  let settler = newSettler();

  // Read through a function: a close can land during any await.
  const closed = (): boolean => current.kind === 'closed';
  const set = (next: FolderState): void => {
    if (closed()) return;
    current = next;
    opts.onState(next);
  };

  function startWatcher(): void {
    const w = chokidarWatch(root, {
      ignored: ignoredBy(root),
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
    w.on('ready', () => {
      if (watcher === w && current.kind === 'starting') set({ kind: 'watching' });
    });
    w.on('error', () => void presence());
    watcher = w;
  }

  async function stopWatcher(): Promise<void> {
    const w = watcher;
    watcher = null;
    settler.close();
    await w?.close();
  }

  async function presence(): Promise<void> {
    if (checking || closed()) return;
    checking = true;
    try {
      const here = await isFolder(root);
      if (closed()) return;
      if (!here && current.kind !== 'missing') {
        await stopWatcher();
        set({ kind: 'missing', since: clock.now() });
      } else if (here && current.kind === 'missing') {
        set({ kind: 'starting' });
        settler = newSettler();
        startWatcher();
      }
    } finally {
      checking = false;
    }
  }

  const stopPresence = every(clock, opts.presenceMs ?? PRESENCE_MS, () => void presence());
  void (async () => {
    if (await isFolder(root)) startWatcher();
    else set({ kind: 'missing', since: clock.now() });
  })();

  return {
    state: () => current,
    waiting: () => settler.waiting(),
    async close() {
      stopPresence();
      await stopWatcher();
      set({ kind: 'closed' });
    },
  };
}
