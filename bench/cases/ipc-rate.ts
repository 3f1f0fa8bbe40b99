// Case 7: a 10,000-file queue in flight; the messages reaching the renderer per second must stay ≤ 10 however
// big the queue is (the desktop event batcher between the engine and IPC).
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { runWorker } from '../lib/child';
import { newSessionTarget, startBenchEmulator } from '../lib/emulator';
import { smallPdfs } from '../lib/files';
import { round } from '../lib/stats';
import type { BenchCase } from '../lib/types';
import type { IpcRateInput, IpcRateResult } from '../workers/ipc-rate';

const LIMIT_PER_S = 10;

export const ipcRateCase: BenchCase = {
  name: 'ipc-rate',
  description: 'a 10,000-file queue in flight: messages per second reaching the renderer',
  async run(ctx) {
    const count = ctx.quick ? 500 : 10_000;
    const windowMs = ctx.quick ? 3_000 : 15_000;
    const files = smallPdfs(path.join(ctx.tmpDir, 'files'), count, 1024);
    const b = await startBenchEmulator();
    let r: IpcRateResult;
    try {
      const target = await newSessionTarget(b, 'bench ipc-rate');
      const input: IpcRateInput = {
        baseUrl: b.emu.url,
        token: b.emu.token,
        target,
        paths: files,
        userDataDir: mkdtempSync(path.join(ctx.tmpDir, 'userdata-')),
        windowMs,
      };
      r = (await runWorker<IpcRateResult>('ipc-rate', input)).result;
    } finally {
      await b.close();
    }
    const peak = Math.max(...r.perSecond);
    const mean = r.messages / r.perSecond.length;
    ctx.log(`per second: ${r.perSecond.join(' ')}; at the end: ${JSON.stringify(r.countsAtEnd)}`);
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
          `${count} files queued, watched for ${windowMs / 1000} s from queue:add; at the end ${r.activeAtEnd} of ${r.total} were still active ` +
          `(${Object.entries(r.countsAtEnd).map(([s, n]) => `${n} ${s}`).join(', ')}). ` +
          `Counted on the app service's 'queue:events' (engine → event batcher → IPC); mean ${round(mean)} messages/s of ` +
          `${round(r.itemUpdates / Math.max(1, r.messages))} item updates and ${round(r.bytes / Math.max(1, r.messages) / 1024)} KiB on average.`,
      },
    ];
  },
};
