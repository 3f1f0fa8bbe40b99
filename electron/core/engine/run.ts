// One attempt at an item's step: begun when the step starts, checked by the step after every await, made stale by an
// interrupt (pause, cancel, remove, a refused target, close), which also aborts whatever the attempt was waiting for.
import type { Work } from './work';

export interface Run {
  /** Aborted when the attempt is interrupted: hand it to whatever the step awaits (hashing, the PUT, the limiter). */
  readonly signal: AbortSignal;
  /** True once the item was interrupted or this attempt finished: a late completion must then change nothing. */
  stale(): boolean;
  /** The step settled the item (next step, retry, failure…): it may be scheduled again. Idempotent; no-op when stale. */
  finish(): void;
}

/** The attempt an item holds while a step runs (`Work.run`); only the engine's interrupt cancels it. */
export interface ActiveRun extends Run {
  cancel(): void;
}

/**
 * Starts an attempt at `w`'s next step. The scheduler calls it (and the attach step, when a batch of keys goes out).
 * The AbortController is made when a step first asks for the signal: a restart begins tens of thousands of runs at once
 * (checks, attach batches) and most never hand their signal to anything, while each controller costs an EventTarget.
 */
export function beginRun(w: Work): Run {
  let ac: AbortController | null = null;
  let cancelled = false;
  const run: ActiveRun = {
    get signal() {
      if (!ac) {
        ac = new AbortController();
        if (cancelled) ac.abort();
      }
      return ac.signal;
    },
    stale: () => w.run !== run,
    finish() {
      if (w.run === run) w.run = null;
    },
    cancel() {
      if (w.run === run) w.run = null;
      cancelled = true;
      ac?.abort();
    },
  };
  w.run = run;
  return run;
}

/** Interrupts `w`'s attempt, if one is under way. True when there was one. */
export function cancelRun(w: Work): boolean {
  const run = w.run;
  if (!run) return false;
  run.cancel();
  return true;
}
