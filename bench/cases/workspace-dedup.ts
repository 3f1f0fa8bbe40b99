// Case: a folder the workspace already holds, dropped into a new session. Each file is found by its sha256 and attached
// by id: no byte is uploaded, and the push takes about as long as hashing the folder plus the API calls it needs.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { apiRequests, newSessionTarget, pushThroughEngine, startBenchEmulator, type BenchEmulator } from '../lib/emulator';
import { bigPdf } from '../lib/files';
import { median, MiB, round } from '../lib/stats';
import type { BenchCase } from '../lib/types';

/** What the engine cannot avoid: hash every file (two at a time, as its hashers do), then make its calls one by one. */
async function referenceMs(b: BenchEmulator, files: string[], calls: number): Promise<number> {
  const t0 = performance.now();
  const hashOne = (file: string) =>
    new Promise<void>((resolve, reject) => {
      const h = createHash('sha256');
      createReadStream(file, { highWaterMark: 1024 * 1024 }).on('data', (c) => h.update(c)).on('end', () => resolve()).on('error', reject);
    });
  const queue = [...files];
  await Promise.all([0, 1].map(async () => {
    for (let f = queue.shift(); f; f = queue.shift()) await hashOne(f);
  }));
  for (let i = 0; i < calls; i++) {
    const res = await fetch(`${b.emu.url}/workspaces/${b.workspaceId}/documents?query=x`, { headers: { authorization: `Bearer ${b.emu.token}`, accept: 'application/json' } });
    await res.text();
  }
  return performance.now() - t0;
}

export const workspaceDedupCase: BenchCase = {
  name: 'workspace-dedup',
  description: 'a 1 GiB folder already in the workspace, pushed to a new session: bytes uploaded and time vs hashing + API calls',
  async run(ctx) {
    const count = ctx.quick ? 4 : 8;
    const size = ctx.quick ? 8 * MiB : 128 * MiB;
    const files: string[] = [];
    for (let i = 0; i < count; i++) files.push(await bigPdf(path.join(ctx.sharedDir, 'workspace-dedup', String(i)), size));
    const b = await startBenchEmulator();
    const seconds: number[] = [];
    const refs: number[] = [];
    const putBytes: number[] = [];
    const callCounts: number[] = [];
    try {
      const first = await pushThroughEngine(b, { target: await newSessionTarget(b, 'bench first upload'), paths: files, tmpDir: ctx.tmpDir, rateLimit: null });
      ctx.log(`first push (uploads): ${(first.elapsedMs / 1000).toFixed(2)} s`);
      for (let round_ = 0; round_ < ctx.rounds; round_++) {
        const target = await newSessionTarget(b, `bench again ${round_}`);
        const since = Date.now();
        const result = await pushThroughEngine(b, { target, paths: files, tmpDir: ctx.tmpDir, rateLimit: null });
        const puts = b.emu.inspect().requests.filter((r) => r.at >= since && r.method === 'PUT' && r.path.startsWith('/s3'));
        putBytes.push(puts.length * size);
        const calls = apiRequests(b, since).length;
        callCounts.push(calls);
        seconds.push(result.elapsedMs / 1000);
        refs.push((await referenceMs(b, files, calls)) / 1000);
        ctx.log(`round ${round_ + 1}: ${seconds.at(-1)!.toFixed(2)} s, ${puts.length} PUTs, ${calls} API calls; reference ${refs.at(-1)!.toFixed(2)} s`);
      }
    } finally {
      await b.close();
    }
    const value = median(seconds);
    const referenceValue = median(refs);
    const uploaded = Math.max(...putBytes);
    return [
      {
        name: 'workspace-dedup',
        unit: 's',
        value,
        reference: 'hashing the folder + its API calls in a row',
        referenceValue,
        ratio: referenceValue / value,
        target: '≥ 0.7× (close to the unavoidable work)',
        met: referenceValue / value >= 0.7,
        notes: `${count} × ${round(size / MiB)} MiB already in the workspace, pushed to a new session with ${median(callCounts)} API calls (a lookup per file, the attach, the session check).`,
      },
      {
        name: 'workspace-dedup bytes',
        unit: 'bytes uploaded',
        value: uploaded,
        reference: null,
        referenceValue: null,
        ratio: null,
        target: '0',
        met: uploaded === 0,
        notes: 'Worst round, counted from the emulator’s S3 PUT log.',
      },
    ];
  },
};
