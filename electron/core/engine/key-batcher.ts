// Collects ids per key for a short window (or until `max`), then hands each batch over: attach calls share work.
import { realClock, type Clock, type TimerHandle } from './clock';

export interface KeyBatcher {
  /** Adds `id` under `key`; `alone` sends it in a batch of its own right away. */
  add(key: string, id: string, alone?: boolean): void;
  close(): void;
}

export function createKeyBatcher(o: { windowMs: number; max: number; onBatch(key: string, ids: string[]): void; clock?: Clock }): KeyBatcher {
  const clock = o.clock ?? realClock;
  const queues = new Map<string, { ids: string[]; timer: TimerHandle | null }>();
  let closed = false;

  const flush = (key: string): void => {
    const q = queues.get(key);
    if (!q || closed) return;
    clock.clearTimeout(q.timer);
    q.timer = null;
    const ids = q.ids.splice(0, o.max);
    if (q.ids.length > 0) q.timer = clock.setTimeout(() => flush(key), o.windowMs);
    else queues.delete(key);
    if (ids.length > 0) o.onBatch(key, ids);
  };

  return {
    add(key, id, alone = false) {
      if (closed) return;
      if (alone) {
        clock.setTimeout(() => !closed && o.onBatch(key, [id]), 0);
        return;
      }
      let q = queues.get(key);
      if (!q) queues.set(key, (q = { ids: [], timer: null }));
      q.ids.push(id);
      if (q.ids.length >= o.max) flush(key);
      else if (!q.timer) q.timer = clock.setTimeout(() => flush(key), o.windowMs);
    },
    close() {
      closed = true;
      for (const q of queues.values()) clock.clearTimeout(q.timer);
      queues.clear();
    },
  };
}
