// A watch: a folder's settled files go to the engine in one batch per burst, exactly once per content and target;
// stored files enter the path index (and, with `move`, the Uploaded/ folder once the attach is verified: watch-queue.ts).
import type { BatchOrigin, QueueItem, Refusal, Target } from '../../../shared/queue';
import { targetKey, type Clock, type TimerHandle, type UploadEngine } from '../engine';
import type { AfterUpload } from './after-upload';
import { watchFolder, type FolderState, type FolderWatch } from './folder-watch';
import type { PathIndex } from './path-index';
import type { SettledFile } from './settle';
import { createWatchQueue } from './watch-queue';

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

/** Settled files gather into one batch while others still settle; the last of a burst sends the batch at once. */
interface Bursts {
  push(file: SettledFile): void;
  size(): number;
  close(): void;
}

function gatherBursts(clock: Clock, gatherMs: number, stillSettling: () => number, send: (batch: SettledFile[]) => void): Bursts {
  let gathered: SettledFile[] = [];
  let timer: TimerHandle | null = null;
  const flush = (): void => {
    timer = null;
    const batch = gathered;
    gathered = [];
    send(batch);
  };
  return {
    push(file) {
      gathered.push(file);
      if (stillSettling() === 0) {
        clock.clearTimeout(timer);
        flush();
      } else timer ??= clock.setTimeout(flush, gatherMs);
    },
    size: () => gathered.length,
    close: () => clock.clearTimeout(timer),
  };
}

function openFolder(deps: WatchRunnerDeps, onFile: (file: SettledFile) => void, onState: (s: FolderState) => void): FolderWatch {
  const { config } = deps;
  return watchFolder({
    root: config.folder,
    recursive: config.recursive,
    settleMs: config.settleMs,
    ...(config.usePolling ? { usePolling: true } : {}),
    ...(deps.presenceMs ? { presenceMs: deps.presenceMs } : {}),
    clock: deps.clock,
    onFile,
    onState,
  });
}

export function startWatch(deps: WatchRunnerDeps): WatchRunner {
  const { config, clock } = deps;
  const tk = targetKey(config.target);
  let folder: FolderWatch | null = null;
  let folderState: FolderState = { kind: 'starting' };
  let unchanged = 0;
  let closed = false;

  const status = (): WatchStatus => ({ folder: folderState, paused: folder === null && !closed, waiting: (folder?.waiting() ?? 0) + bursts.size() + queue.size(), stored: queue.stored(), unchanged, lastFile: queue.lastFile() });
  const changed = (): void => deps.onEvent({ type: 'status', status: status() });
  const { folder: root, target, after } = config;
  const queue = createWatchQueue({ folder: root, target, after, engine: deps.engine, index: deps.index, clock, origin: deps.origin, onEvent: deps.onEvent, changed });
  const bursts = gatherBursts(clock, deps.gatherMs ?? 300, () => folder?.waiting() ?? 0, (batch) => void queue.add(batch));

  function onFile(file: SettledFile): void {
    if (closed) return;
    if (deps.index.unchanged(file.path, file, tk)) {
      unchanged++;
      return;
    }
    // Changed again while queued: the engine re-hashes a changed file itself; this is the size and mtime to index.
    if (!queue.update(file)) bursts.push(file);
  }

  const open = (): void => {
    folder = openFolder(deps, onFile, (s) => {
      folderState = s;
      changed();
    });
  };
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
      queue.close();
      bursts.close();
      await folder?.close();
      folder = null;
    },
  };
}
