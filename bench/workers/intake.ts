// Worker: one folder of many small files given to the real engine: the add() call timed (scan, sniff, queueing),
// then the time until the first PUT reaches storage; the engine's peak RSS comes with the result.
import { RaydocsClient } from '../../electron/core/api/client';
import { createEngine } from '../../electron/core/engine';
import type { Target } from '../../shared/queue';
import { runMain, workerInput } from '../lib/worker-io';

export interface IntakeInput {
  baseUrl: string;
  token: string;
  target: Target;
  folder: string;
  journalDir: string;
}

export interface IntakeResult {
  /**
   * add() from call to resolve: the tree's scan, each file's sniff and size check, the items queued and journaled
   * (group by group as the walk goes on, so the first items' hashing and uploads run meanwhile).
   */
  intakeMs: number;
  /** From add() until an item was first seen uploading (its PUT under way). */
  firstPutMs: number;
  accepted: number;
}

runMain(async (): Promise<IntakeResult> => {
  const input = workerInput<IntakeInput>();
  // No client-side limiter: the emulator's limit is off, and only the first upload is timed.
  const client = new RaydocsClient({ baseUrl: input.baseUrl, token: input.token });
  const engine = createEngine({ client, journalDir: input.journalDir });
  await engine.start();
  let firstPutAt: number | null = null;
  const sawPut = new Promise<void>((resolve) => {
    engine.on((e) => {
      if (firstPutAt !== null || e.type !== 'items') return;
      if (e.items.some((i) => i.state.status === 'uploading')) {
        firstPutAt = performance.now();
        resolve();
      }
    });
  });
  const t0 = performance.now();
  const report = await engine.add([input.folder], input.target, { origin: 'cli' });
  const intakeMs = performance.now() - t0;
  await sawPut;
  return { intakeMs, firstPutMs: firstPutAt! - t0, accepted: report.accepted };
});
