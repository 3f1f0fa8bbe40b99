// A fake engine clock (electron/core/engine/clock.ts): virtual time that moves only when a test or a driver moves it,
// and seeded chance. Only the engine sees it: the emulator, undici and fs keep real time (docs/engine.md, "The clock").
import { setImmediate as realImmediate } from 'node:timers/promises';
import type { Clock, TimerHandle } from '../../electron/core/engine';
import { createRng } from '../emulator/prng';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

export interface FakeClock extends Clock {
  /** Timers not yet fired nor cleared. */
  pending(): number;
  /** When the next timer is due, or null. */
  nextAt(): number | null;
  /**
   * Moves time forward `ms`, firing every timer due on the way in time order (ties in the order they were set), and
   * lets promise chains and I/O callbacks run after each: what a step does once woken happens before the next timer.
   */
  advance(ms: number): Promise<void>;
  /** Moves to the next timer and fires it (and any due with it); false when none is pending. */
  next(): Promise<boolean>;
  /** Fires timers until `pred()` holds, at most `maxMs` of virtual time ahead; throws if it never does. */
  runUntil(pred: () => boolean, maxMs: number, what: string): Promise<void>;
}

/** Lets queued promise continuations and ready I/O callbacks run (one real macrotask turn, a few times). */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await realImmediate();
}

export function createFakeClock(opts: { start?: number; seed?: number } = {}): FakeClock {
  let t = opts.start ?? Date.UTC(2026, 0, 1);
  let seq = 0;
  const timers = new Map<object, Timer>();
  const random = createRng(opts.seed ?? 1);

  const earliest = (): [object, Timer] | null => {
    let best: [object, Timer] | null = null;
    for (const e of timers) if (!best || e[1].at < best[1].at || (e[1].at === best[1].at && e[1].seq < best[1].seq)) best = e;
    return best;
  };
  /** Fires the earliest timer due at or before `until`; false when there is none. */
  const fireOne = (until: number): boolean => {
    const e = earliest();
    if (!e || e[1].at > until) return false;
    timers.delete(e[0]);
    t = Math.max(t, e[1].at);
    e[1].fn();
    return true;
  };

  const clock: FakeClock = {
    now: () => t,
    random,
    setTimeout(fn, ms) {
      const handle: TimerHandle = { fake: ++seq };
      timers.set(handle, { at: t + Math.max(0, ms), seq, fn });
      return handle;
    },
    clearTimeout(handle) {
      if (handle) timers.delete(handle);
    },
    pending: () => timers.size,
    nextAt: () => earliest()?.[1].at ?? null,
    async advance(ms) {
      const until = t + ms;
      await settle();
      while (fireOne(until)) await settle();
      // A driver and a test may both move the clock: time never goes back.
      t = Math.max(t, until);
      await settle();
    },
    async next() {
      const at = clock.nextAt();
      if (at === null) return false;
      await clock.advance(Math.max(0, at - t));
      return true;
    },
    async runUntil(pred, maxMs, what) {
      const limit = t + maxMs;
      await settle();
      while (!pred()) {
        const at = clock.nextAt();
        if (at === null || at > limit) throw new Error(`${what} did not happen within ${maxMs} ms of fake time (${timers.size} timers pending)`);
        await clock.advance(at - t);
      }
    },
  };
  return clock;
}

/**
 * Drives a fake clock beside real I/O (integration tests): every `tickMs` of real time, time moves on by the real time
 * that passed, and, when `idle()` says nothing measured in real time is under way (no PUT, whose stall watchdog and
 * bandwidth pacing time real bytes), jumps straight to the next timer. So a 60 s Retry-After or a 30 s backoff costs no
 * real time, while a transfer never looks slower than it is. Returns stop().
 */
export function driveClock(clock: FakeClock, idle: () => boolean, tickMs = 5): () => void {
  let last = Date.now();
  let busy = false;
  const tick = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const real = Date.now();
      const elapsed = real - last;
      last = real;
      const at = clock.nextAt();
      const jump = idle() && at !== null ? Math.max(elapsed, at - clock.now()) : elapsed;
      await clock.advance(jump);
    } finally {
      busy = false;
    }
  };
  const interval = setInterval(() => void tick(), tickMs);
  return () => clearInterval(interval);
}
