// What listeners hear: changed items and the summary coalesced by one throttle, plus intake, removed and batch-finished.
import { wasUploaded, type Connectivity, type EngineEvent, type QueueItem, type QueueSummary } from '../../../shared/queue';
import { compactIfLarge } from './journal-writes';
import type { Runtime } from './runtime';
import { createSpeedMeter } from './speed';
import { computeSummary } from './summary';
import { throttle } from './throttle';
import type { Work } from './work';

export interface EngineEvents {
  on(listener: (e: EngineEvent) => void): () => void;
  /** Sent now, not coalesced. */
  emit(e: EngineEvent): void;
  /** The item changed: it goes out with the next coalesced `items` event. */
  markDirty(w: Work): void;
  /** Every item goes out with the next `items` event (start: the recovered queue), without marking each one. */
  markAllDirty(): void;
  /** A removed item's pending change is never sent. */
  forget(id: string): void;
  /** Something the summary shows changed. */
  trigger(): void;
  /** Sends pending changes now if any are due (throttle's trailing edge brought forward). */
  flush(): void;
  /** Sends the items and summary now, whatever is pending. */
  flushNow(): void;
  summary(): QueueSummary;
  /** Emits batch-finished once the batch's intake has ended and every item of it has settled. */
  maybeFinishBatch(batchId: string): void;
  close(): void;
}

export function createEvents(rt: Runtime, connectivity: () => Connectivity): EngineEvents {
  const listeners = new Set<(e: EngineEvent) => void>();
  const dirty = new Set<string>();
  let allDirty = false;
  const speed = createSpeedMeter();

  const emit = (e: EngineEvent): void => {
    for (const l of listeners) {
      try {
        l(e);
      } catch {
        // a listener's bug must not stop the queue
      }
    }
  };
  const allItems = (): QueueItem[] => {
    const items: QueueItem[] = [];
    for (const w of rt.store.works.values()) items.push(w.item);
    return items;
  };
  const summaryOf = (items: QueueItem[]): QueueSummary => computeSummary(items, speed.bps, connectivity(), rt.globalPaused);
  const flushNow = (): void => {
    if (rt.uploadingNow === 0) speed.reset();
    else speed.sample(rt.uploadedBytes, rt.clock.now());
    if (allDirty) {
      allDirty = false;
      dirty.clear();
      const items = allItems();
      if (items.length > 0) emit({ type: 'items', items });
    } else if (dirty.size > 0) {
      const items: QueueItem[] = [];
      for (const id of dirty) {
        const w = rt.store.works.get(id);
        if (w) items.push(w.item);
      }
      dirty.clear();
      if (items.length > 0) emit({ type: 'items', items });
    }
    emit({ type: 'summary', summary: summaryOf(allItems()) });
    compactIfLarge(rt);
    // Keep sampling while bytes move so the speed decays to zero when they stop.
    if (rt.uploadingNow > 0 || speed.bps > 0) emitter.trigger();
  };
  const emitter = throttle(flushNow, rt.cfg.summaryIntervalMs, rt.clock);

  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    markDirty(w) {
      dirty.add(w.item.id);
      emitter.trigger();
    },
    markAllDirty() {
      allDirty = true;
      emitter.trigger();
    },
    forget: (id) => dirty.delete(id),
    trigger: () => emitter.trigger(),
    flush: () => emitter.flush(),
    flushNow,
    summary: () => summaryOf(allItems()),
    maybeFinishBatch(batchId) {
      const b = rt.store.batches.get(batchId);
      if (b && !b.finishedEmitted && !b.intakeOpen && b.active === 0 && b.ids.size > 0) {
        let uploaded = 0;
        let alreadyThere = 0;
        let failed = 0;
        for (const id of b.ids) {
          const s = rt.store.works.get(id)?.item.state;
          if (!s) continue;
          if (s.status === 'done') {
            if (wasUploaded(s.outcome)) uploaded++;
            else alreadyThere++;
          } else if (s.status === 'failed') failed++;
        }
        b.finishedEmitted = true;
        // Consumers see the items' final states before they hear the batch is finished.
        emitter.flush();
        emit({ type: 'batch-finished', batchId, ...(b.origin ? { origin: b.origin } : {}), uploaded, alreadyThere, failed, refused: b.refused });
      }
    },
    close: () => emitter.cancel(),
  };
}
