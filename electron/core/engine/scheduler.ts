// Starts each ready item's next step when a slot is free (hashers, upload slots, API steps only while online), each as
// a run of its own (run.ts) that the step checks instead of flags on the item.
import { beginRun, type Run } from './run';
import type { Runtime } from './runtime';
import { createUploadGate } from './upload-gate';
import type { Work } from './work';

export interface Scheduler {
  pump(): void;
  /** Pump once at the end of this tick, however many completions ask for it. */
  schedulePump(): void;
}

export interface StepRunners {
  runHash(w: Work, run: Run): Promise<void>;
  runCheck(w: Work, run: Run): Promise<void>;
  runUpload(w: Work, run: Run): Promise<void>;
  /** Attaches go out in batches: each item's run begins when its batch is sent (attach-step.ts). */
  enqueueAttach(w: Work): void;
}

export function createScheduler(rt: Runtime, online: () => boolean, steps: StepRunners): Scheduler {
  let pumpQueued = false;
  const gate = rt.cfg.oneUploadUntilAttached ? createUploadGate(rt) : null;

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
      if (step !== 'hashing' && !isOnline) continue;
      if (step === 'uploading' && rt.uploadingNow >= rt.concurrency) continue;
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
          set.delete(id);
          void steps.runCheck(w, beginRun(w));
        } else if (step === 'uploading') {
          if (rt.uploadingNow >= rt.concurrency) break;
          if (gate && !gate.admit(w)) continue; // stays in line until its target's first upload is attached
          set.delete(id);
          void steps.runUpload(w, beginRun(w));
        } else {
          set.delete(id);
          steps.enqueueAttach(w);
        }
      }
    }
  };

  return {
    pump,
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
