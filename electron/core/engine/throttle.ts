// Coalesces frequent notifications into at most one call per interval (leading + trailing edge).
export interface Throttled {
  trigger(): void;
  flush(): void;
  cancel(): void;
}

export function throttle(fn: () => void, intervalMs: number): Throttled {
  let timer: NodeJS.Timeout | null = null;
  let pending = false;
  let lastRun = 0;
  const run = (): void => {
    timer = null;
    pending = false;
    lastRun = Date.now();
    fn();
  };
  return {
    trigger() {
      pending = true;
      if (timer) return;
      const wait = Math.max(0, lastRun + intervalMs - Date.now());
      timer = setTimeout(run, wait);
    },
    flush() {
      if (timer) clearTimeout(timer);
      if (pending) run();
      else timer = null;
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = false;
    },
  };
}
