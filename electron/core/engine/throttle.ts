// Coalesces frequent notifications into at most one call per interval (leading + trailing edge).
import { realClock, type Clock, type TimerHandle } from './clock';

export interface Throttled {
  trigger(): void;
  flush(): void;
  cancel(): void;
}

export function throttle(fn: () => void, intervalMs: number, clock: Clock = realClock): Throttled {
  let timer: TimerHandle | null = null;
  let pending = false;
  let lastRun = 0;
  const run = (): void => {
    timer = null;
    pending = false;
    lastRun = clock.now();
    fn();
  };
  return {
    trigger() {
      pending = true;
      if (timer) return;
      const wait = Math.max(0, lastRun + intervalMs - clock.now());
      timer = clock.setTimeout(run, wait);
    },
    flush() {
      clock.clearTimeout(timer);
      if (pending) run();
      else timer = null;
    },
    cancel() {
      clock.clearTimeout(timer);
      timer = null;
      pending = false;
    },
  };
}
