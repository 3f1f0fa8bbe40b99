// Worker: a big queue in flight through the app service (real engine + the desktop event batcher), as Electron main
// and the e2e harness run it; counts the 'queue:events' messages that would cross IPC to the renderer, per second.
import type { EngineEvent, Target } from '../../shared/queue';
import { startBenchAppService } from '../lib/app-service';
import { runMain, workerInput } from '../lib/worker-io';

export interface IpcRateInput {
  baseUrl: string;
  token: string;
  target: Target;
  paths: string[];
  userDataDir: string;
  windowMs: number;
}

export interface IpcRateResult {
  /** Messages in each whole second of the window. */
  perSecond: number[];
  messages: number;
  /** Item updates carried, and the JSON size of all messages. */
  itemUpdates: number;
  bytes: number;
  /** Items still active when the window closed: the queue was in flight the whole time. */
  activeAtEnd: number;
  total: number;
  countsAtEnd: Record<string, number>;
}

runMain(async (): Promise<IpcRateResult> => {
  const input = workerInput<IpcRateInput>();
  const service = await startBenchAppService(input);

  const sends: number[] = [];
  let itemUpdates = 0;
  let bytes = 0;
  const off = service.onEvent((event, payload) => {
    if (event !== 'queue:events') return;
    sends.push(performance.now());
    const events = payload as EngineEvent[];
    for (const e of events) if (e.type === 'items') itemUpdates += e.items.length;
    // What structured clone over IPC would carry, near enough.
    bytes += JSON.stringify(events).length;
  });

  const t0 = performance.now();
  // Through the same validation and handler as the renderer's call.
  const added = service.invoke('queue:add', { paths: input.paths, target: input.target });
  await new Promise((r) => setTimeout(r, input.windowMs));
  const t1 = performance.now();
  const summary = service.queue.summary();
  off();
  const seconds = Math.floor((t1 - t0) / 1000);
  const perSecond = Array.from({ length: seconds }, (_, s) => sends.filter((t) => t >= t0 + s * 1000 && t < t0 + (s + 1) * 1000).length);
  const added_ = await added;
  if (!added_.ok) throw new Error(`queue:add failed: ${added_.error.code}: ${added_.error.message}`);
  const finished = summary.counts.done + summary.counts.failed + summary.counts.cancelled;
  await service.close();
  return {
    perSecond,
    messages: sends.filter((t) => t < t0 + seconds * 1000).length,
    itemUpdates,
    bytes,
    activeAtEnd: summary.total - finished,
    total: summary.total,
    countsAtEnd: Object.fromEntries(Object.entries(summary.counts).filter(([, n]) => n > 0)),
  };
});
