// Issue 14's acceptance: a watch restarted over 2,000 stored files hashes nothing, uploads nothing, and is steady; the
// time to steady is printed (measured, not bounded).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { realClock } from '../../../electron/core/engine';
import { openPathIndex } from '../../../electron/core/watch/path-index';
import { startWatch, type WatchRunner } from '../../../electron/core/watch/watch-runner';
import { fileBytes } from '../../fixtures/make-files';
import { harness, until, within, type Harness } from '../engine/harness';

const TOTAL = 2000;
let h: Harness;
afterAll(() => h?.close());

const hashes = (from: number): number => h.events.slice(from).filter((e) => e.type === 'hashed').length;
const puts = (): number => h.emu.inspect().requests.filter((r) => r.method === 'PUT').length;

/** A new engine on the same journal and a watch on the same index; resolves with the runner once it is steady. */
async function restart(folder: string, what: string): Promise<{ runner: WatchRunner; close(): Promise<void>; ms: number }> {
  await h.engine.close();
  const t0 = performance.now();
  h.engine = h.newEngine();
  const index = openPathIndex(join(h.dir, 'watch-index.jsonl'));
  const runner = startWatch({
    config: { folder, target: h.target, recursive: false, settleMs: 400, after: 'leave' },
    engine: h.engine,
    index,
    clock: realClock,
    origin: 'watch:restart',
    presenceMs: 200,
    onEvent: () => undefined,
  });
  const steady = (): boolean => {
    const s = runner.status();
    return s.folder.kind === 'watching' && s.waiting === 0 && s.stored + s.unchanged === TOTAL;
  };
  await until(steady, 120_000, `${what}: steady`);
  const ms = performance.now() - t0;
  return { runner, ms, close: async () => (await runner.close(), index.close()) };
}

describe('a watch restarted over 2,000 stored files', () => {
  it('hashes none and uploads none, whether its path index knows them or only the queue does', async () => {
    h = await harness();
    const folder = join(h.dir, 'scans');
    mkdirSync(folder);
    for (let i = 0; i < TOTAL; i++) writeFileSync(join(folder, `scan-${String(i).padStart(4, '0')}.pdf`), fileBytes('pdf', `stored ${i}`));
    // Stored through the queue first (faster than through the watch): the watch's index knows none of them yet.
    await h.engine.add([folder], h.target);
    await within(h.engine.whenIdle(), 240_000, `${TOTAL} files stored`);
    expect(h.engine.snapshot().items.filter((i) => i.state.status === 'done')).toHaveLength(TOTAL);

    // The queue knows them, the index does not: the engine's skipUnchanged answers, and the index learns them.
    let from = h.events.length;
    let before = puts();
    const first = await restart(folder, 'index empty');
    expect(hashes(from)).toBe(0);
    expect(puts()).toBe(before);
    expect(first.runner.status().stored).toBe(TOTAL);
    await first.close();

    // Both know them: the index answers before the engine is asked.
    from = h.events.length;
    before = puts();
    const second = await restart(folder, 'index full');
    expect(hashes(from)).toBe(0);
    expect(puts()).toBe(before);
    expect(second.runner.status().unchanged).toBe(TOTAL);
    await second.close();
    console.log(`watch restart over ${TOTAL} stored files: steady in ${Math.round(first.ms)} ms (path index empty), ${Math.round(second.ms)} ms (path index full); 0 hashes, 0 PUTs`);
  }, 420_000);
});
