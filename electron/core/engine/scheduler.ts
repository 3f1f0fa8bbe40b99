// Starts each ready item's next step when a slot is free (hashers, upload slots, API steps only while online), each as
// a run of its own (run.ts) that the step checks instead of flags on the item. With every upload slot busy, it asks
// ahead for the presigned URLs of the files next in line (url-prefetch.ts), one per slot.
import { beginRun, type Run } from './run';
import type { Runtime } from './runtime';
import { createUploadGate } from './upload-gate';
import { createUrlPrefetch, createUrlSigner, type UrlSource } from './url-prefetch';
import type { Work } from './work';

/** Ready uploads looked at past the last one started, when picking those to ask URLs ahead for (bounds a long line). */
const AHEAD_SCAN = 64;
/**
 * Checks under way at once. A check is mostly in memory (the session's documents are loaded once), so this is no
 * throttle in use; it keeps a restart of a large queue from starting every recovered check in one tick (docs/engine.md).
 */
export const CHECKS_IN_FLIGHT = 256;

export interface Scheduler {
  pump(): void;
  /** Drops the URLs asked ahead (the engine is closing). */
  close(): void;
  /** Pump once at the end of this tick, however many completions ask for it. */
  schedulePump(): void;
}

export interface StepRunners {
  runHash(w: Work, run: Run): Promise<void>;
  runCheck(w: Work, run: Run): Promise<void>;
  runUpload(w: Work, run: Run, urls: UrlSource): Promise<void>;
  /** Attaches go out in batches: each item's run begins when its batch is sent (attach-step.ts). */
  enqueueAttach(w: Work): void;
  /** Enough keys are waiting for or in attach calls (attach-step.ts): the rest stay in line. */
  attachFull(): boolean;
}

export function createScheduler(rt: Runtime, online: () => boolean, steps: StepRunners): Scheduler {
  let pumpQueued = false;
  const gate = rt.cfg.oneUploadUntilAttached ? createUploadGate(rt) : null;
  const prefetch = createUrlPrefetch(rt, createUrlSigner(rt));

  const canRun = (w: Work): boolean => {
    const s = w.item.state.status;
    return !w.run && !w.timer && !w.inAttachBatch && w.followerOf === null && (s === 'queued' || s === 'attaching');
  };

  const pump = (): void => {
    if (rt.closed || !rt.journal) return;
    const isOnline = online();
    const hashConcurrency = rt.cfg.hashConcurrency;
    for (const [step, set] of rt.store.ready) {
      if (step === 'hashing' && rt.hashingNow >= hashConcurrency) continue;
      if (step === 'checking' && rt.checkingNow >= CHECKS_IN_FLIGHT) continue;
      if (step === 'attaching' && steps.attachFull()) continue;
      if (step !== 'hashing' && !isOnline) continue;
      if (step === 'uploading') {
        pumpUploads(set);
        continue;
      }
      for (const id of set) {
        const w = rt.store.works.get(id);
        if (!w || w.next !== step || !canRun(w)) {
          set.delete(id);
          continue;
        }
        if (step === 'hashing') {
          if (rt.hashingNow >= hashConcurrency) break;
          set.delete(id);
          void steps.runHash(w, beginRun(w));
        } else if (step === 'checking') {
          if (rt.checkingNow >= CHECKS_IN_FLIGHT) break;
          set.delete(id);
          void steps.runCheck(w, beginRun(w));
        } else {
          if (steps.attachFull()) break;
          set.delete(id);
          steps.enqueueAttach(w);
        }
      }
    }
  };

  /** Starts uploads while slots are free; with all busy, asks ahead for the URLs of the next ones in line. */
  function pumpUploads(set: Set<string>): void {
    const next: Work[] = [];
    let scanned = 0;
    for (const id of set) {
      const w = rt.store.works.get(id);
      if (!w || w.next !== 'uploading' || !canRun(w)) {
        set.delete(id);
        continue;
      }
      if (rt.uploadingNow < rt.concurrency) {
        if (gate && !gate.admit(w)) continue; // stays in line until its target's first upload is attached
        set.delete(id);
        // The URL source is taken before the run starts: it checks the item is as it was when its URL was asked.
        const urls = prefetch.sourceFor(w);
        void steps.runUpload(w, beginRun(w), urls);
        continue;
      }
      // Behind an unproven target's first upload: no URL ahead (a target that refuses attaches then costs nothing).
      if (!gate || gate.proven(w)) next.push(w);
      if (next.length >= rt.concurrency || ++scanned >= AHEAD_SCAN) break;
    }
    prefetch.fill(next, rt.concurrency);
  }

  return {
    pump,
    close: () => prefetch.close(),
    schedulePump() {
      if (pumpQueued) return;
      pumpQueued = true;
      queueMicrotask(() => {
        pumpQueued = false;
        pump();
      });
    },
  };
}
