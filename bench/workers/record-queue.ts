// Worker: queues files through the app service (real engine + event batcher) and records what the renderer would
// receive: the queue snapshot once intake is done, then every 'queue:events' message with its time, for replay.
import { writeFileSync } from 'node:fs';
import type { EngineEvent, QueueItem, QueueSummary, Target } from '../../shared/queue';
import { startBenchAppService } from '../lib/app-service';
import { runMain, workerInput } from '../lib/worker-io';

export interface RecordQueueInput {
  baseUrl: string;
  token: string;
  target: Target;
  paths: string[];
  userDataDir: string;
  recordMs: number;
  outFile: string;
}

export interface Recording {
  snapshot: { items: QueueItem[]; summary: QueueSummary };
  /** `at`: ms since the snapshot was taken. */
  messages: Array<{ at: number; events: EngineEvent[] }>;
}

export interface RecordQueueResult {
  intakeMs: number;
  items: number;
  messages: number;
  itemUpdates: number;
  bytes: number;
}

runMain(async (): Promise<RecordQueueResult> => {
  const input = workerInput<RecordQueueInput>();
  const service = await startBenchAppService(input);
  const t0 = performance.now();
  const added = await service.invoke('queue:add', { paths: input.paths, target: input.target });
  if (!added.ok) throw new Error(`queue:add failed: ${added.error.message}`);
  const intakeMs = performance.now() - t0;
  const snap = await service.invoke('queue:snapshot', undefined);
  if (!snap.ok) throw new Error(`queue:snapshot failed: ${snap.error.message}`);
  const start = performance.now();
  const messages: Recording['messages'] = [];
  const off = service.onEvent((event, payload) => {
    if (event === 'queue:events') messages.push({ at: performance.now() - start, events: payload as EngineEvent[] });
  });
  await new Promise((r) => setTimeout(r, input.recordMs));
  off();
  await service.close();
  const recording: Recording = { snapshot: snap.value, messages };
  const json = JSON.stringify(recording);
  writeFileSync(input.outFile, json);
  let itemUpdates = 0;
  for (const m of messages) for (const e of m.events) if (e.type === 'items') itemUpdates += e.items.length;
  return { intakeMs, items: snap.value.items.length, messages: messages.length, itemUpdates, bytes: json.length };
});
