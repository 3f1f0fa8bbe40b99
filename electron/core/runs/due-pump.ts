// One timer for everything the tracker polls: starts what is due, oldest first, within an in-flight cap, then sleeps.
import type { Clock as EngineClock, TimerHandle } from '../engine';

/** The engine's clock without chance (electron/core/engine/clock.ts): the app can hand both the same one. */
export type Clock = Pick<EngineClock, 'now' | 'setTimeout' | 'clearTimeout'>;

/** Something polled: when it is next due (null: never again), and whether a poll of it is under way. */
export interface DueEntry {
  dueAt: number | null;
  inFlight: boolean;
}

export interface DueJob {
  entry: DueEntry;
  go(): Promise<void>;
}

export interface DuePump {
  /** Sets the one timer for the next thing due (after any change of what is due). */
  arm(): void;
  /** Begins pumping (arm() does nothing before). */
  start(): void;
  /** No more polls start and no timer is left. */
  close(): void;
}

export function createDuePump(opts: { clock: Clock; maxInFlight: number; jobs(): Iterable<DueJob> }): DuePump {
  const { clock, maxInFlight } = opts;
  let timer: TimerHandle | null = null;
  let running = false;
  let inFlight = 0;

  /** Starts what is due (oldest first, within the in-flight cap), then sleeps until the next thing is due. */
  function pump(): void {
    timer = null;
    if (!running) return;
    const t = clock.now();
    const due: Array<DueJob & { at: number }> = [];
    for (const job of opts.jobs()) {
      const { dueAt, inFlight: busy } = job.entry;
      if (!busy && dueAt !== null && dueAt <= t) due.push({ ...job, at: dueAt });
    }
    due.sort((a, b) => a.at - b.at);
    for (const job of due) {
      if (inFlight >= maxInFlight) break;
      inFlight++;
      job.entry.inFlight = true;
      void job.go().finally(() => {
        inFlight--;
        job.entry.inFlight = false;
        arm();
      });
    }
    arm();
  }

  function arm(): void {
    if (!running) return;
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    if (inFlight >= maxInFlight) return; // a finishing poll re-arms
    let next = Infinity;
    for (const { entry } of opts.jobs()) if (!entry.inFlight && entry.dueAt !== null) next = Math.min(next, entry.dueAt);
    if (next === Infinity) return; // everything settled: no timer, no polling
    timer = clock.setTimeout(pump, Math.max(0, next - clock.now()));
  }

  return {
    arm,
    start() {
      running = true;
      arm();
    },
    close() {
      running = false;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
