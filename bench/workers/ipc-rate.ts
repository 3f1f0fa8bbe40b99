// Worker: a big queue in flight through the real engine and the desktop event batcher; counts the messages that
// would cross IPC to the renderer, per second.
import { RaydocsClient } from '../../electron/core/api/client';
import { createEventBatcher } from '../../electron/core/desktop/event-batcher';
import { createEngine } from '../../electron/core/engine/engine';
import type { EngineEvent, Target } from '../../shared/queue';
import { runMain, workerInput } from '../lib/worker-io';

export interface IpcRateInput {
  baseUrl: string;
  token: string;
  target: Target;
  paths: string[];
  journalDir: string;
  windowMs: number;
}

export interface IpcRateResult {
  /** Messages in each whole second of the window. */
  perSecond: number[];
  messages: number;
  engineEvents: number;
  /** Item updates carried, and the JSON size of all messages. */
  itemUpdates: number;
  bytes: number;
  /** Items still active when the window closed: the queue was in flight the whole time. */
  activeAtEnd: number;
  total: number;
}

runMain(async (): Promise<IpcRateResult> => {
  const input = workerInput<IpcRateInput>();
  const client = new RaydocsClient({ baseUrl: input.baseUrl, token: input.token });
  // The emulator's rate limit is off: lift the engine's limiter too, so the queue moves as fast as it can.
  const engine = createEngine({ client, journalDir: input.journalDir, rateLimit: { count: 1_000_000, windowMs: 60_000 } });
  await engine.start();

  const sends: number[] = [];
  let itemUpdates = 0;
  let bytes = 0;
  let engineEvents = 0;
  const batcher = createEventBatcher((events: EngineEvent[]) => {
    sends.push(performance.now());
    for (const e of events) if (e.type === 'items') itemUpdates += e.items.length;
    // What structured-clone over IPC would carry, near enough.
    bytes += JSON.stringify(events).length;
  });
  const off = engine.on((e) => {
    engineEvents++;
    batcher.push(e);
  });

  const t0 = performance.now();
  const added = engine.add(input.paths, input.target);
  await new Promise((r) => setTimeout(r, input.windowMs));
  const t1 = performance.now();
  const { items, summary } = engine.snapshot();
  const activeAtEnd = items.filter((i) => !['done', 'failed', 'cancelled'].includes(i.state.status)).length;
  off();
  batcher.close();
  const seconds = Math.floor((t1 - t0) / 1000);
  const perSecond = Array.from({ length: seconds }, (_, s) => sends.filter((t) => t >= t0 + s * 1000 && t < t0 + (s + 1) * 1000).length);
  await added.catch(() => undefined);
  await engine.close();
  return {
    perSecond,
    messages: sends.filter((t) => t < t0 + seconds * 1000).length,
    engineEvents,
    itemUpdates,
    bytes,
    activeAtEnd,
    total: Math.max(summary.total, items.length),
  };
});
