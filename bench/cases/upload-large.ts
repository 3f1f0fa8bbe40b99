// Case 2: one big file to the emulator's S3 endpoint: the engine vs `curl -T` to a fresh presigned URL, plus the
// cookbook's read-it-all-into-memory client for the memory comparison. Each side runs in its own process.
import { statSync } from 'node:fs';
import { runWorker, timeCommand } from '../lib/child';
import { newSessionTarget, pushThroughEngine, signedUrl, startBenchEmulator, type BenchEmulator } from '../lib/emulator';
import { bigPdf } from '../lib/files';
import { median, MiB, round } from '../lib/stats';
import type { BenchCase } from '../lib/types';
import type { EnginePushResult } from '../workers/engine-push';
import type { NaivePushInput, NaivePushResult } from '../workers/naive-push';

const RSS_LIMIT_MIB = 150;

/** A run that attached the file without sending it (found in the workspace) measured no upload. */
function sentItsBytes(result: EnginePushResult, side: string): void {
  if (result.uploaded !== 1) throw new Error(`the ${side} attached the file without uploading it: nothing was measured`);
}

export const uploadLargeCase: BenchCase = {
  name: 'upload-large',
  description: '1 GiB through the engine to the emulator S3 vs curl -T; engine peak RSS vs a read-into-memory client',
  async run(ctx) {
    const size = ctx.quick ? 32 * MiB : 1024 * MiB;
    const file = await bigPdf(ctx.sharedDir, size);
    const mib = statSync(file).size / MiB;
    const engineUpload: number[] = [];
    const engineEndToEnd: number[] = [];
    const phases = { beforePut: [] as number[], put: [] as number[], afterPut: [] as number[] };
    const engineRss: number[] = [];
    const bundledRss: number[] = [];
    const curl: number[] = [];
    const naive: number[] = [];
    const naiveRss: number[] = [];

    const baseline = (await runWorker<{ peakRssMiB: number }>('baseline', {})).result.peakRssMiB;
    const bundledBaseline = (await runWorker<{ peakRssMiB: number }>('baseline', {}, { bundled: true })).result.peakRssMiB;
    for (let round_ = 0; round_ < ctx.rounds; round_++) {
      const sides: Array<(b: BenchEmulator) => Promise<void>> = [
        async (b) => {
          const target = await newSessionTarget(b, `bench engine ${round_}`);
          const result = await pushThroughEngine(b, { target, paths: [file], tmpDir: ctx.tmpDir, trackPhases: true });
          sentItsBytes(result, 'engine');
          if (result.firstUploadAtMs === null || result.lastUploadEndAtMs === null) throw new Error('engine upload phase not observed');
          engineUpload.push(mib / ((result.lastUploadEndAtMs - result.firstUploadAtMs) / 1000));
          engineEndToEnd.push(mib / (result.elapsedMs / 1000));
          phases.beforePut.push(result.firstUploadAtMs / 1000);
          phases.put.push((result.lastUploadEndAtMs - result.firstUploadAtMs) / 1000);
          phases.afterPut.push((result.elapsedMs - result.lastUploadEndAtMs) / 1000);
          engineRss.push(result.peakRssMiB);
        },
        async (b) => {
          // The engine as the desktop app runs it: bundled plain JS, no TypeScript loader in the process.
          const target = await newSessionTarget(b, `bench engine bundled ${round_}`);
          const result = await pushThroughEngine(b, { target, paths: [file], tmpDir: ctx.tmpDir, bundled: true });
          sentItsBytes(result, 'bundled engine');
          bundledRss.push(result.peakRssMiB);
        },
        async (b) => {
          const signed = await signedUrl(b);
          const headers = Object.entries(signed.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
          const { ms } = await timeCommand('curl', ['-sS', '--fail', '-T', file, ...headers, '-o', '/dev/null', signed.url]);
          curl.push(mib / (ms / 1000));
        },
        async (b) => {
          const target = await newSessionTarget(b, `bench naive ${round_}`);
          if (target.kind !== 'session') throw new Error('unreachable');
          const input: NaivePushInput = { baseUrl: b.emu.url, token: b.emu.token, sessionId: target.sessionId, paths: [file] };
          const { result } = await runWorker<NaivePushResult & { peakRssMiB: number }>('naive-push', input);
          if (result.failure) throw new Error(`naive client failed: ${result.failure.message}`);
          naive.push(mib / (result.elapsedMs / 1000));
          naiveRss.push(result.peakRssMiB);
        },
      ];
      // A fresh emulator per side: an earlier side's upload of the same bytes would otherwise be in the workspace, and
      // the engine's workspace lookup (check step) would attach it without uploading anything. Its data dir holds
      // the uploaded GiB and is deleted on close. The order rotates each round so no side always runs first.
      for (let i = 0; i < sides.length; i++) {
        const b = await startBenchEmulator();
        try {
          await sides[(i + round_) % sides.length]!(b);
        } finally {
          await b.close();
        }
      }
      ctx.log(
        `round ${round_ + 1}: engine PUT ${engineUpload.at(-1)!.toFixed(0)} MiB/s (end to end ${engineEndToEnd.at(-1)!.toFixed(0)}), ` +
          `curl ${curl.at(-1)!.toFixed(0)} MiB/s, naive ${naive.at(-1)!.toFixed(0)} MiB/s; RSS engine ${engineRss.at(-1)!.toFixed(0)} MiB (bundled ${bundledRss.at(-1)!.toFixed(0)}), naive ${naiveRss.at(-1)!.toFixed(0)} MiB`,
      );
    }

    const value = median(engineUpload);
    const referenceValue = median(curl);
    // The desktop app runs the engine bundled to plain JS in its main process: that process is the one the target is for.
    const rss = median(bundledRss);
    const naiveRssMedian = median(naiveRss);
    return [
      {
        name: 'upload-large',
        unit: 'MiB/s',
        value,
        reference: 'curl -T (presigned URL)',
        referenceValue,
        ratio: value / referenceValue,
        target: '≥ 0.85× curl',
        met: value / referenceValue >= 0.85,
        notes:
          `${Math.round(mib)} MiB file. Ours is the engine's PUT phase (signing the URL + streaming PUT, from the item entering ` +
          `"uploading" to leaving it). End to end (intake + hash + PUT + attach) the engine does ${round(median(engineEndToEnd))} MiB/s: ` +
          `${round(median(phases.beforePut))} s intake and hashing, ${round(median(phases.put))} s PUT, ${round(median(phases.afterPut))} s attach. ` +
          `The naive read-into-memory client does ${round(median(naive))} MiB/s (sign + PUT + attach).`,
      },
      {
        name: 'upload-large peak RSS',
        unit: 'MiB',
        value: rss,
        reference: 'naive client (whole file in memory)',
        referenceValue: naiveRssMedian,
        ratio: naiveRssMedian / rss,
        target: `≤ ${RSS_LIMIT_MIB} MiB`,
        met: rss <= RSS_LIMIT_MIB,
        notes:
          `Peak RSS (VmHWM) of each side's own Node process, median of ${ctx.rounds} rounds, with the engine bundled to plain JS as ` +
          `the desktop main process runs it (idle baseline ${round(bundledBaseline)} MiB, so the upload adds ${round(rss - bundledBaseline)} MiB). ` +
          `Under tsx, as the CLI runs it, the same upload peaks at ${round(median(engineRss))} MiB (the TypeScript loader alone: ` +
          `${round(baseline)} MiB).`,
      },
    ];
  },
};
