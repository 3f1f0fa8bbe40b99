// The engine's only source of time and chance (docs/engine.md, "The clock"): tests hand it a fake one and drive its timers.

/** An opaque timer handle (an object, so always truthy): only the clock that made it can clear it. */
export type TimerHandle = object;

export interface Clock {
  /** Milliseconds since the epoch, as Date.now(). */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** A handle that already fired or was cleared, or null, is ignored. */
  clearTimeout(handle: TimerHandle | null): void;
  /** Uniform in [0, 1), as Math.random(): the backoff's jitter. */
  random(): number;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => {
    if (h != null) clearTimeout(h as ReturnType<typeof setTimeout>);
  },
  random: () => Math.random(),
};

/** Calls `fn` every `ms` until the returned function is called: setInterval on the clock's one-shot timers. */
export function every(clock: Clock, ms: number, fn: () => void): () => void {
  let handle: TimerHandle | null = null;
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    handle = clock.setTimeout(tick, ms);
    fn();
  };
  handle = clock.setTimeout(tick, ms);
  return () => {
    stopped = true;
    clock.clearTimeout(handle);
  };
}
