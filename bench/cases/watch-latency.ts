// Case: a file landing in a watched folder, from the moment it is written to its attach, against the same kind of
// file handed to the engine by hand (a drop). The watch may cost its settle time and little else.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { RaydocsClient } from '../../electron/core/api/client';
import { createEngine, realClock, type UploadEngine } from '../../electron/core/engine';
import { openPathIndex } from '../../electron/core/watch/path-index';
import { startWatch, type WatchEvent } from '../../electron/core/watch/watch-runner';
import { newSessionTarget, startBenchEmulator } from '../lib/emulator';
import { smallPdfs } from '../lib/files';
import { median, MiB, round } from '../lib/stats';
import type { BenchCase } from '../lib/types';

/** Resolves when the engine reports `file` stored. */
function storedOnce(engine: UploadEngine, file: string): Promise<void> {
  return new Promise((resolve) => {
    const off = engine.on((e) => {
      if (e.type === 'items' && e.items.some((i) => i.path === file && i.state.status === 'done')) {
        off();
        resolve();
      }
    });
  });
}

export const watchLatencyCase: BenchCase = {
  name: 'watch-latency',
  description: 'a file written into a watched folder until it is attached, vs the same size of file dropped by hand (plus the settle time)',
  async run(ctx) {
    const rounds = ctx.quick ? 2 : 5;
    const settleMs = ctx.quick ? 300 : 2000;
    const size = 2 * MiB;
    const sources = smallPdfs(path.join(ctx.tmpDir, 'sources'), rounds * 2, size, 'latency');
    const b = await startBenchEmulator();
    const client = new RaydocsClient({ baseUrl: b.emu.url, token: b.emu.token });
    const engine = createEngine({ client, journalDir: mkdtempSync(path.join(ctx.tmpDir, 'journal-')) });
    const target = await newSessionTarget(b, 'watch latency');
    const folder = path.join(ctx.tmpDir, 'watched');
    const dropped = path.join(ctx.tmpDir, 'dropped');
    mkdirSync(folder);
    mkdirSync(dropped);
    const index = openPathIndex(path.join(ctx.tmpDir, 'index.jsonl'));
    const stored = new Map<string, () => void>();
    const runner = startWatch({
      config: { folder, target, recursive: false, settleMs, after: 'leave' },
      engine,
      index,
      clock: realClock,
      origin: 'watch:bench',
      onEvent: (e: WatchEvent) => {
        if (e.type === 'stored') stored.get(e.path)?.();
      },
    });
    const hand: number[] = [];
    const watched: number[] = [];
    try {
      await engine.start();
      for (let r = 0; r < rounds; r++) {
        // By hand: the file is there, then added, as a drop does.
        const a = path.join(dropped, path.basename(sources[2 * r]!));
        copyFileSync(sources[2 * r]!, a);
        const t0 = performance.now();
        const doneA = storedOnce(engine, a);
        await engine.add([a], target);
        await doneA;
        hand.push(performance.now() - t0);
        // Watched: written into the folder; the clock starts once the last byte is on disk.
        const w = path.join(folder, path.basename(sources[2 * r + 1]!));
        const doneW = new Promise<void>((resolve) => stored.set(w, resolve));
        copyFileSync(sources[2 * r + 1]!, w);
        const t1 = performance.now();
        await doneW;
        watched.push(performance.now() - t1);
        ctx.log(`round ${r + 1}: by hand ${round(hand.at(-1)!)} ms, watched ${round(watched.at(-1)!)} ms (settle ${settleMs} ms)`);
      }
    } finally {
      await runner.close();
      index.close();
      await engine.close();
      await b.close();
    }
    const value = median(watched);
    const byHand = median(hand);
    const bound = 1.2 * byHand + settleMs;
    return [
      {
        name: 'watch-latency',
        unit: 'ms',
        value,
        reference: `the same file dropped by hand, + the ${settleMs} ms settle`,
        referenceValue: byHand + settleMs,
        ratio: (byHand + settleMs) / value,
        target: `≤ 1.2× by hand + settle (${round(bound)} ms)`,
        met: value <= bound,
        notes: `${rounds} rounds of a ${round(size / MiB)} MiB PDF; by hand ${round(byHand)} ms median. The watch adds the settle and one look at the file; a burst gathers only while some of its files are still settling.`,
      },
    ];
  },
};
