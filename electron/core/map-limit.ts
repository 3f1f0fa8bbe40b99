// Bounded-concurrency map: at most `limit` calls in flight, results in input order.

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Runs the functions given to it with at most `limit` in flight, the others waiting in line (first come, first run). */
export function createLimiter(limit: number): <R>(fn: () => Promise<R>) => Promise<R> {
  let running = 0;
  const waiting: Array<() => void> = [];
  const done = (): void => {
    running--;
    waiting.shift()?.();
  };
  return <R>(fn: () => Promise<R>): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      const go = (): void => {
        running++;
        fn().then(resolve, reject).finally(done);
      };
      if (running < limit) go();
      else waiting.push(go);
    });
}
