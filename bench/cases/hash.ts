// Case 1: SHA-256 of a big file warm in the page cache, the engine's hasher vs coreutils `sha256sum`.
import { statSync } from 'node:fs';
import { runWorker, timeCommand } from '../lib/child';
import { bigPdf } from '../lib/files';
import { median, MiB, round } from '../lib/stats';
import type { BenchCase } from '../lib/types';
import type { EngineHashResult } from '../workers/engine-hash';

export const hashCase: BenchCase = {
  name: 'hash',
  description: 'SHA-256 of a 1 GiB file warm in the page cache: engine hasher vs sha256sum',
  async run(ctx) {
    const size = ctx.quick ? 32 * MiB : 1024 * MiB;
    const file = await bigPdf(ctx.sharedDir, size);
    const mib = statSync(file).size / MiB;
    // Warm the page cache and learn the right digest.
    const expected = (await timeCommand('sha256sum', [file])).stdout.split(' ')[0];
    const ours: number[] = [];
    const theirs: number[] = [];
    const rss: number[] = [];
    for (let round = 0; round < ctx.rounds; round++) {
      const sides = [
        async () => {
          const { result } = await runWorker<EngineHashResult & { peakRssMiB: number }>('engine-hash', { path: file });
          rss.push(result.peakRssMiB);
          if (result.sha256 !== expected) throw new Error(`engine hash ${result.sha256} ≠ sha256sum ${expected}`);
          ours.push(mib / (result.elapsedMs / 1000));
        },
        async () => {
          const { ms } = await timeCommand('sha256sum', [file]);
          theirs.push(mib / (ms / 1000));
        },
      ];
      // Alternate which side goes first so neither always gets the warmer cache or the quieter neighbour.
      if (round % 2 === 1) sides.reverse();
      for (const side of sides) await side();
      ctx.log(`round ${round + 1}: engine ${ours.at(-1)!.toFixed(0)} MiB/s, sha256sum ${theirs.at(-1)!.toFixed(0)} MiB/s`);
    }
    const value = median(ours);
    const referenceValue = median(theirs);
    const ratio = value / referenceValue;
    return [
      {
        name: 'hash',
        unit: 'MiB/s',
        value,
        reference: 'sha256sum',
        referenceValue,
        ratio,
        target: '≥ 0.9× sha256sum',
        met: ratio >= 0.9,
        notes:
          `${Math.round(mib)} MiB file warm in the page cache; medians of ${ctx.rounds} interleaved rounds. ` +
          `The hashing process (under tsx) peaks at ${round(median(rss))} MiB RSS.`,
      },
    ];
  },
};
