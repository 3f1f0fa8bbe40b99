// Per-key polling with backoff (one timer per session), spread so that many sessions share one polling budget.
import { realClock, type Clock, type TimerHandle } from './clock';

export interface PollOutcome {
  /** False when nothing is left to watch under this key: the poller forgets it. */
  keep: boolean;
  /** The poll failed: back off harder, at least `minDelayMs`. */
  failed?: boolean;
  minDelayMs?: number;
}

export interface PollerOptions {
  initialMs: number;
  maxMs: number;
  poll(key: string): Promise<PollOutcome>;
  /** Whether polls may run now (online, signed in). Otherwise they wait and `kickAll()` restarts them. */
  active(): boolean;
  clock?: Clock;
}

export interface Poller {
  /** Starts polling `key` (no-op if it is polled); `reset` goes back to the initial interval. */
  ensure(key: string, reset?: boolean): void;
  /** Polls every key now (back online, signed in again). */
  kickAll(): void;
  close(): void;
}

export function createPoller(o: PollerOptions): Poller {
  const clock = o.clock ?? realClock;
  const polls = new Map<string, { timer: TimerHandle | null; interval: number; running: boolean }>();
  let closed = false;

  const schedule = (key: string, delay: number): void => {
    const p = polls.get(key);
    if (!p || closed || p.running) return;
    clock.clearTimeout(p.timer);
    // About two polls per initial interval across all keys, however many there are (one session per file).
    const spread = delay > 0 ? Math.max(delay, polls.size * (o.initialMs / 2)) : 0;
    p.timer = clock.setTimeout(() => {
      p.timer = null;
      void run(key);
    }, spread);
  };

  const run = async (key: string): Promise<void> => {
    const p = polls.get(key);
    if (!p || closed) return;
    if (!o.active()) return schedule(key, p.interval);
    p.running = true;
    let out: PollOutcome;
    try {
      out = await o.poll(key);
    } catch {
      out = { keep: true, failed: true };
    }
    p.running = false;
    if (closed) return;
    if (!out.keep) {
      polls.delete(key);
      return;
    }
    p.interval = out.failed ? Math.min(o.maxMs, Math.max(p.interval * 2, out.minDelayMs ?? 0)) : Math.min(o.maxMs, Math.round(p.interval * 1.5));
    schedule(key, p.interval);
  };

  return {
    ensure(key, reset = false) {
      const p = polls.get(key);
      if (!p) {
        polls.set(key, { timer: null, interval: o.initialMs, running: false });
        schedule(key, o.initialMs);
      } else if (reset) {
        p.interval = o.initialMs;
        schedule(key, o.initialMs);
      }
    },
    kickAll() {
      for (const key of polls.keys()) schedule(key, 0);
    },
    close() {
      closed = true;
      for (const p of polls.values()) clock.clearTimeout(p.timer);
      polls.clear();
    },
  };
}
