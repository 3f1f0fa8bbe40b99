// The engine side of a watch: settled files handed to the engine in batches, then followed until stored (indexed and,
// with `move`, moved into Uploaded/) or failed. The folder side (watch-runner.ts) decides what to hand over and when.
import type { BatchOrigin, QueueItem, Target } from '../../../shared/queue';
import { targetKey, type Clock, type UploadEngine } from '../engine';
import { moveToUploaded, type AfterUpload } from './after-upload';
import type { PathIndex } from './path-index';
import type { SettledFile } from './settle';
import type { WatchEvent, WatchStatus } from './watch-runner';

export interface WatchQueueDeps {
  folder: string;
  target: Target;
  after: AfterUpload;
  engine: Pick<UploadEngine, 'add' | 'on' | 'snapshot'>;
  index: PathIndex;
  clock: Clock;
  origin: Extract<BatchOrigin, `watch:${string}`>;
  onEvent(e: WatchEvent): void;
  /** The watch's status changed (a file stored, failed, refused). */
  changed(): void;
}

export interface WatchQueue {
  /** Hands a burst of settled files to the engine. */
  add(batch: SettledFile[]): Promise<void>;
  /** A file changed again while queued: true (and its new size and mtime kept for the index) when it is queued. */
  update(file: SettledFile): boolean;
  /** Handed to the engine and not yet stored or failed. */
  size(): number;
  stored(): number;
  lastFile(): WatchStatus['lastFile'];
  close(): void;
}

/** `move`: a stored file goes into Uploaded/ and leaves the index; returns where it went (null: the move failed). */
async function moveStored(deps: WatchQueueDeps, path: string): Promise<string | null> {
  try {
    const movedTo = await moveToUploaded(deps.folder, path);
    deps.index.forget(path);
    return movedTo;
  } catch (err) {
    deps.onEvent({ type: 'move-failed', path, message: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

/** What the queue holds between the engine's events. */
interface Held {
  tk: string;
  /** Handed to the engine and not yet stored: the size and mtime the file had when it settled. */
  queued: Map<string, SettledFile>;
  stored: number;
  lastFile: WatchStatus['lastFile'];
}

async function storedItem(deps: WatchQueueDeps, held: Held, item: QueueItem, file: SettledFile): Promise<void> {
  if (item.state.status !== 'done') return;
  held.queued.delete(file.path);
  deps.index.stored({ path: file.path, size: file.size, mtimeMs: file.mtimeMs, sha256: item.state.sha256, target: held.tk });
  held.stored++;
  held.lastFile = { name: item.name, at: deps.clock.now() };
  // Only a move waits: a file left in place is announced in the same tick as the engine's event.
  const movedTo = deps.after === 'move' ? await moveStored(deps, file.path) : null;
  deps.onEvent({ type: 'stored', path: file.path, item, movedTo });
  deps.changed();
}

/** The engine's word on items: ours (queued here, same target) end stored, or failed or cancelled. */
function noteItems(deps: WatchQueueDeps, held: Held, items: readonly QueueItem[]): void {
  for (const item of items) {
    const file = held.queued.get(item.path);
    if (!file || targetKey(item.target) !== held.tk) continue;
    if (item.state.status === 'done') void storedItem(deps, held, item, file);
    else if (item.state.status === 'failed' || item.state.status === 'cancelled') {
      held.queued.delete(item.path);
      deps.onEvent({ type: 'failed', path: item.path, item });
      deps.changed();
    }
  }
}

export function createWatchQueue(deps: WatchQueueDeps): WatchQueue {
  const held: Held = { tk: targetKey(deps.target), queued: new Map(), stored: 0, lastFile: null };
  const { queued } = held;
  let closed = false;
  const unsubscribe = deps.engine.on((e) => {
    if (e.type === 'items') noteItems(deps, held, e.items);
  });

  async function add(batch: SettledFile[]): Promise<void> {
    if (batch.length === 0 || closed) return;
    for (const f of batch) queued.set(f.path, f);
    // The path index (persisted) skips files stored in earlier runs even after the queue was cleared of them; the
    // engine's skipUnchanged covers the ones still in its queue, before the index has heard they were stored.
    const report = await deps.engine.add(batch.map((f) => f.path), deps.target, { origin: deps.origin, skipUnchanged: true });
    for (const r of report.refused) {
      queued.delete(r.path);
      deps.onEvent({ type: 'refused', refusal: r });
    }
    // Already in the queue (a restart resumed them): their done event settles them as usual.
    noteItems(deps, held, deps.engine.snapshot().items);
    deps.changed();
  }

  return {
    add,
    update(file) {
      if (!queued.has(file.path)) return false;
      queued.set(file.path, file);
      return true;
    },
    size: () => queued.size,
    stored: () => held.stored,
    lastFile: () => held.lastFile,
    close() {
      closed = true;
      unsubscribe();
    },
  };
}
