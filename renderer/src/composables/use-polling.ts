// Runs a task now and then every interval while `active` is true and the window is visible; never overlaps runs.
// The interval may be a function, read before each wait: fast while something moves, slow when all is settled.
import { onBeforeUnmount, watch, type Ref } from 'vue';

export function usePolling(task: () => Promise<void>, intervalMs: number | (() => number), active: Ref<boolean>) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let stopped = false;

  const visible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden';

  function clear(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function schedule(): void {
    clear();
    if (stopped || !active.value || !visible()) return;
    timer = setTimeout(() => void tick(), typeof intervalMs === 'function' ? intervalMs() : intervalMs);
  }

  async function tick(): Promise<void> {
    if (running || stopped || !active.value || !visible()) return;
    running = true;
    try {
      await task();
    } finally {
      running = false;
      schedule();
    }
  }

  function onVisibility(): void {
    if (visible()) void tick();
    else clear();
  }

  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
  watch(active, (on) => (on ? void tick() : clear()), { immediate: true });

  function stop(): void {
    stopped = true;
    clear();
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
  }
  onBeforeUnmount(stop);

  return { refresh: tick, stop };
}
