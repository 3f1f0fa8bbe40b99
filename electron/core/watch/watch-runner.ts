// A watch: a folder's settled files go to the engine in one batch per burst, exactly once per content and target;
// stored files enter the path index (and, with `move`, the Uploaded/ folder once the attach is verified).
import type { BatchOrigin, QueueItem, Refusal, Target } from '../../../shared/queue';
import { targetKey, type Clock, type TimerHandle, type UploadEngine } from '../engine';
import { moveToUploaded, type AfterUpload } from './after-upload';
import { watchFolder, type FolderState, type FolderWatch } from './folder-watch';
import type { PathIndex } from './path-index';
import type { SettledFile } from './settle';

export interface WatchConfig {
  folder: string;
  target: Target;
  recursive: boolean;
  settleMs: number;
  after: AfterUpload;
  usePolling?: boolean;
}

export interface WatchStatus {
  folder: FolderState;
  paused: boolean;
  /** Seen and still settling, or handed to the queue and not yet stored. */
  waiting: number;
  stored: number;
  /** Files skipped at a rescan because the index knows them stored, unchanged. */
  unchanged: number;
  lastFile: { name: string; at: number } | null;
}

export type WatchEvent =
  | { type: 'stored'; path: string; item: QueueItem; movedTo: string | null }
  | { type: 'refused'; refusal: Refusal }
  | { type: 'failed'; path: string; item: QueueItem }
  | { type: 'move-failed'; path: string; message: string }
  | { type: 'status'; status: WatchStatus };

export interface WatchRunnerDeps {
  config: WatchConfig;
  engine: Pick<UploadEngine, 'add' | 'on' | 'snapshot'>;
  index: PathIndex;
  clock: Clock;
  /** The batches' origin (`watch:<id>`): notifications leave them to the watch's own quiet-period notice. */
  origin: Extract<BatchOrigin, `watch:${string}`>;
  onEvent(e: WatchEvent): void;
  /** While other files are still settling, settled ones gather this long into one batch (default 300 ms). */
  gatherMs?: number;
  presenceMs?: number;
}

export interface WatchRunner {
  status(): WatchStatus;
  pause(): Promise<void>;
  resume(): void;
  paused(): boolean;
  close(): Promise<void>;
}

export function startWatch(deps: WatchRunnerDeps): WatchRunner {
  const { config, engine, index, clock } = deps;
  const tk = targetKey(config.target);
  /** Handed to the engine and not yet stored: the size and mtime the file had when it settled. */
  const queued = new Map<string, SettledFile>();
  let gathered: SettledFile[] = [];
  let gatherTimer: TimerHandle | null = null;
  let folder: FolderWatch | null = null;
  let folderState: FolderState = { kind: 'starting' };
  let stored = 0;
  let unchanged = 0;
  let lastFile: WatchStatus['lastFile'] = null;
  let closed = false;

  const status = (): WatchStatus => ({ folder: folderState, paused: folder === null && !closed, waiting: (folder?.waiting() ?? 0) + gathered.length + queued.size, stored, unchanged, lastFile });
  const changed = (): void => deps.onEvent({ type: 'status', status: status() });

  async function flush(): Promise<void> {
    gatherTimer = null;
    const batch = gathered;
    gathered = [];
    if (batch.length === 0 || closed) return;
    for (const f of batch) queued.set(f.path, f);
    // The path index (persisted) skips files stored in earlier runs even after the queue was cleared of them; the
    // engine's skipUnchanged covers the ones still in its queue, before the index has heard they were stored.
    const report = await engine.add(batch.map((f) => f.path), config.target, { origin: deps.origin, skipUnchanged: true });
    for (const r of report.refused) {
      queued.delete(r.path);
      deps.onEvent({ type: 'refused', refusal: r });
    }
    // Already in the queue (a restart resumed them): their done event settles them as usual.
    note(engine.snapshot().items);
    changed();
  }

  function onFile(file: SettledFile): void {
    if (closed) return;
    if (index.unchanged(file.path, file, tk)) {
      unchanged++;
      return;
    }
    if (queued.has(file.path)) {
      // Changed again while queued: the engine re-hashes a changed file itself; this is the size and mtime to index.
      queued.set(file.path, file);
      return;
    }
    gathered.push(file);
    // The last of a burst to settle (none still settling) goes at once; before that, the burst gathers into one batch.
    if ((folder?.waiting() ?? 0) === 0) {
      clock.clearTimeout(gatherTimer);
      void flush();
    } else gatherTimer ??= clock.setTimeout(() => void flush(), deps.gatherMs ?? 300);
  }

  async function storedItem(item: QueueItem, file: SettledFile): Promise<void> {
    if (item.state.status !== 'done') return;
    queued.delete(file.path);
    index.stored({ path: file.path, size: file.size, mtimeMs: file.mtimeMs, sha256: item.state.sha256, target: tk });
    stored++;
    lastFile = { name: item.name, at: clock.now() };
    let movedTo: string | null = null;
    if (config.after === 'move') {
      try {
        movedTo = await moveToUploaded(config.folder, file.path);
        index.forget(file.path);
      } catch (err) {
        deps.onEvent({ type: 'move-failed', path: file.path, message: err instanceof Error ? err.message : String(err) });
      }
    }
    deps.onEvent({ type: 'stored', path: file.path, item, movedTo });
    changed();
  }

  function note(items: readonly QueueItem[]): void {
    for (const item of items) {
      const file = queued.get(item.path);
      if (!file || targetKey(item.target) !== tk) continue;
      if (item.state.status === 'done') void storedItem(item, file);
      else if (item.state.status === 'failed' || item.state.status === 'cancelled') {
        queued.delete(item.path);
        deps.onEvent({ type: 'failed', path: item.path, item });
        changed();
      }
    }
  }
  const unsubscribe = engine.on((e) => {
    if (e.type === 'items') note(e.items);
  });

  function open(): void {
    folder = watchFolder({
      root: config.folder,
      recursive: config.recursive,
      settleMs: config.settleMs,
      ...(config.usePolling ? { usePolling: true } : {}),
      ...(deps.presenceMs ? { presenceMs: deps.presenceMs } : {}),
      clock,
      onFile,
      onState(s) {
        folderState = s;
        changed();
      },
    });
  }
  open();

  return {
    status,
    paused: () => folder === null,
    async pause() {
      const f = folder;
      folder = null;
      await f?.close();
      folderState = { kind: 'closed' };
      changed();
    },
    resume() {
      if (!folder && !closed) open();
    },
    async close() {
      closed = true;
      unsubscribe();
      clock.clearTimeout(gatherTimer);
      await folder?.close();
      folder = null;
    },
  };
}
