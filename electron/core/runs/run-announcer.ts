// Settled runs go out to listeners in gathered lists (a one-per-file batch makes one summary), and wait for the first.
import type { RunView } from '../../../shared/runs';
import type { TimerHandle } from '../engine';
import type { Clock } from './run-tracker';

export interface RunAnnouncer {
  /** A run that settled: announced with those settling within the gather time of it. */
  add(run: RunView): void;
  /** Held runs go to the first listener at once (also after a restart). */
  subscribe(listener: (runs: RunView[]) => void): () => void;
  close(): void;
}

export function createRunAnnouncer(clock: Clock, gatherMs: number, log: (level: 'warn', message: string) => void): RunAnnouncer {
  const listeners = new Set<(runs: RunView[]) => void>();
  let held: RunView[] = [];
  let gatherTimer: TimerHandle | null = null;

  function flush(): void {
    gatherTimer = null;
    if (listeners.size === 0 || held.length === 0) return;
    const out = held;
    held = [];
    for (const l of listeners) {
      try {
        l(out);
      } catch (err) {
        log('warn', `run listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  return {
    add(run) {
      held.push(run);
      gatherTimer ??= clock.setTimeout(flush, gatherMs);
    },
    subscribe(listener) {
      listeners.add(listener);
      if (held.length > 0) gatherTimer ??= clock.setTimeout(flush, 0);
      return () => listeners.delete(listener);
    },
    close() {
      if (gatherTimer !== null) clock.clearTimeout(gatherTimer);
      gatherTimer = null;
      listeners.clear();
    },
  };
}
