// Case 3: many small files with 50 ms added to every API and S3 request: the engine at its default concurrency, on both
// attach paths (names kept, key-only), vs the naive client that signs, PUTs and attaches one file after another. The
// engine asks each next file's URL while the current PUT streams (docs/engine.md, "uploading"), so a slot pays one round
// trip per file.
import path from 'node:path';
import { runWorker } from '../lib/child';
import { newSessionTarget, pushThroughEngine, startBenchEmulator } from '../lib/emulator';
import { smallPdfs } from '../lib/files';
import { median, round } from '../lib/stats';
import type { BenchCase } from '../lib/types';
import type { NaivePushInput, NaivePushResult } from '../workers/naive-push';

const LATENCY_MS = 50;
/** The engine's default concurrency (EngineOptions.concurrency). */
const ENGINE_CONCURRENCY = 4;
/** Perfect overlap gives 12× (see the bound below); 7× leaves room for the engine's and the emulator's own work. */
const TARGET_RATIO = 7;
/** The emulator's rate limit is off here, so the client's limiter is lifted to match; all else is default. */
const NO_LIMIT = null;

export const manySmallLatencyCase: BenchCase = {
  name: 'many-small-latency',
  description: '300 × 64 KiB with 50 ms latency on every request: engine defaults vs a naive sequential client',
  async run(ctx) {
    const count = ctx.quick ? 10 : 300;
    const files = smallPdfs(path.join(ctx.tmpDir, 'files'), count, 64 * 1024);
    const keyFiles = smallPdfs(path.join(ctx.tmpDir, 'files-key-only'), count, 64 * 1024, 'key-only');
    const ours: number[] = [];
    const keyOnly: number[] = [];
    const theirs: number[] = [];
    const b = await startBenchEmulator();
    try {
      b.emu.setFaults({ latencyMs: LATENCY_MS });
      for (let round_ = 0; round_ < ctx.rounds; round_++) {
        const sides = [
          async () => {
            const target = await newSessionTarget(b, `bench engine ${round_}`);
            const result = await pushThroughEngine(b, { target, paths: files, tmpDir: ctx.tmpDir, rateLimit: NO_LIMIT });
            ours.push(count / (result.elapsedMs / 1000));
          },
          async () => {
            // The same content in a fresh session would be found in the workspace: fresh bytes for a fair upload.
            const target = await newSessionTarget(b, `bench engine key-only ${round_}`);
            const result = await pushThroughEngine(b, { target, paths: keyFiles, tmpDir: ctx.tmpDir, rateLimit: NO_LIMIT, engine: { keepFileNames: false } });
            keyOnly.push(count / (result.elapsedMs / 1000));
          },
          async () => {
            const target = await newSessionTarget(b, `bench naive ${round_}`);
            if (target.kind !== 'session') throw new Error('unreachable');
            const input: NaivePushInput = { baseUrl: b.emu.url, token: b.emu.token, sessionId: target.sessionId, paths: files };
            const { result } = await runWorker<NaivePushResult>('naive-push', input);
            if (result.failure) throw new Error(`naive client failed: ${result.failure.message}`);
            theirs.push(count / (result.elapsedMs / 1000));
          },
        ];
        if (round_ % 2 === 1) sides.reverse();
        for (const side of sides) await side();
        ctx.log(`round ${round_ + 1}: engine ${ours.at(-1)!.toFixed(1)} files/s (key-only ${keyOnly.at(-1)!.toFixed(1)}), naive ${theirs.at(-1)!.toFixed(2)} files/s`);
      }
    } finally {
      await b.close();
    }
    const value = median(ours);
    const referenceValue = median(theirs);
    const ratio = value / referenceValue;
    const latencyS = LATENCY_MS / 1000;
    // With the URL asked ahead, each upload slot needs one round trip per file (the PUT); signing, creates (4 at a time)
    // and batched attaches overlap with it.
    const engineBound = ENGINE_CONCURRENCY / latencyS;
    // The naive client pays three round trips per file (sign, PUT, attach).
    const naiveBound = 1 / (3 * latencyS);
    const keyValue = median(keyOnly);
    return [
      {
        name: 'many-small-latency',
        unit: 'files/s',
        value,
        reference: 'naive sequential client',
        referenceValue,
        ratio,
        target: `≥ ${TARGET_RATIO}× naive`,
        met: ratio >= TARGET_RATIO,
        notes:
          `${count} × 64 KiB, +${LATENCY_MS} ms on every API and S3 request. Theoretical bound at concurrency ${ENGINE_CONCURRENCY} ` +
          `with the next URL asked while the PUT streams (one round trip per file in each slot): ${round(engineBound)} files/s (${round(engineBound / naiveBound)}× the naive client's own bound of ` +
          `${round(naiveBound)} files/s); the engine reaches ${Math.round((value / engineBound) * 100)}% of it. ` +
          `Engine at default settings (file names kept: one more call per file) except its client-side rate limiter, lifted because the emulator's limit is off in this case.`,
      },
      {
        name: 'many-small-latency key-only',
        unit: 'files/s',
        value: keyValue,
        reference: 'naive sequential client',
        referenceValue,
        ratio: keyValue / referenceValue,
        target: `≥ ${TARGET_RATIO}× naive`,
        met: keyValue / referenceValue >= TARGET_RATIO,
        notes: `The same run with "Keep file names" off (documents/upload with keys, no workspace document create): ${round(keyValue / value)}× the default path's rate.`,
      },
    ];
  },
};
