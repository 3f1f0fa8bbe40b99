// Case 7: a 10,000-file queue in flight; the messages reaching the renderer per second must stay ≤ 10 however
// big the queue is (the desktop event batcher between the engine and IPC). A smaller queue is run beside it.
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { runWorker } from '../lib/child';
import { newSessionTarget, startBenchEmulator } from '../lib/emulator';
import { smallPdfs } from '../lib/files';
import { round } from '../lib/stats';
import type { BenchCase, CaseContext } from '../lib/types';
import type { IpcRateInput, IpcRateResult } from '../workers/ipc-rate';

const LIMIT_PER_S = 10;

async function measure(ctx: CaseContext, count: number, windowMs: number): Promise<IpcRateResult> {
  const files = smallPdfs(path.join(ctx.tmpDir, `files-${count}`), count, 1024);
  const b = await startBenchEmulator();
  try {
    const target = await newSessionTarget(b, `bench ipc-rate ${count}`);
    const input: IpcRateInput = {
      baseUrl: b.emu.url,
      token: b.emu.token,
      target,
      paths: files,
      userDataDir: mkdtempSync(path.join(ctx.tmpDir, 'userdata-')),
      windowMs,
    };
    const r = (await runWorker<IpcRateResult>('ipc-rate', input)).result;
    ctx.log(`${count} files: per second ${r.perSecond.join(' ')}; at the end: ${JSON.stringify(r.countsAtEnd)}`);
    return r;
  } finally {
    await b.close();
  }
}

const describe = (count: number, r: IpcRateResult): string =>
  `${count} files: peak ${Math.max(...r.perSecond)}/s, mean ${round(r.messages / r.perSecond.length)}/s, ` +
  `${round(r.itemUpdates / Math.max(1, r.messages))} item updates and ${round(r.bytes / Math.max(1, r.messages) / 1024)} KiB a message, ` +
  `${r.activeAtEnd} of ${r.total} still active at the end (${Object.entries(r.countsAtEnd).map(([s, n]) => `${n} ${s}`).join(', ')})`;

export const ipcRateCase: BenchCase = {
  name: 'ipc-rate',
  description: 'a 10,000-file queue in flight: messages per second reaching the renderer',
  async run(ctx) {
    const sizes = ctx.quick ? [500] : [1_000, 10_000];
    const windowMs = ctx.quick ? 2_000 : 10_000;
    const runs: Array<[number, IpcRateResult]> = [];
    for (const count of sizes) runs.push([count, await measure(ctx, count, windowMs)]);
    const peak = Math.max(...runs.flatMap(([, r]) => r.perSecond));
    return [
      {
        name: 'ipc-rate',
        unit: 'messages/s (peak second)',
        value: peak,
        reference: null,
        referenceValue: null,
        ratio: null,
        target: `≤ ${LIMIT_PER_S}/s`,
        met: peak <= LIMIT_PER_S,
        notes:
          `Counted on the app service's 'queue:events' (engine → event batcher → IPC) for ${windowMs / 1000} s from one queue:add. ` +
          `${runs.map(([count, r]) => describe(count, r)).join('; ')}.`,
      },
    ];
  },
};
