// Intake streams into the queue: a batch's first files are queued and uploaded while its walk is still going on. The
// walk is held at its last folder (that folder's listing waits for a gate the test opens), so each test knows the
// walk cannot have ended: what it sees then was queued before add() could resolve.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as FsWorker from '../../../electron/core/intake/fs-worker';
import type { IntakeReport } from '../../../shared/queue';
import { writeFile } from '../../fixtures/make-files';
import { harness, until, within, type Harness } from './harness';

const gate = vi.hoisted(() => {
  const g = { folder: '', open: (): void => undefined, opened: Promise.resolve() };
  return {
    g,
    /** Holds the listing of `folder` until `open()`. */
    hold(folder: string): void {
      g.folder = folder;
      g.opened = new Promise<void>((resolve) => (g.open = resolve));
    },
  };
});

vi.mock('../../../electron/core/intake/fs-worker', async (importOriginal) => {
  const actual = await importOriginal<typeof FsWorker>();
  return {
    ...actual,
    listFolder: async (dir: string) => {
      if (dir === gate.g.folder) await gate.g.opened;
      return actual.listFolder(dir);
    },
  };
});

let h: Harness;
afterEach(async () => {
  gate.g.open();
  await h?.close();
});

/** A dropped folder: `first/` with `n` files, then `last/` (walked last, its listing held) with one. */
function tree(h: Harness, n: number): { root: string; last: string } {
  const root = h.makeFiles(0, 'drop');
  mkdirSync(join(root, 'first'));
  mkdirSync(join(root, 'last'));
  for (let i = 0; i < n; i++) writeFile(join(root, 'first', `scan-${String(i).padStart(3, '0')}.pdf`), 'pdf');
  writeFile(join(root, 'last', 'late.pdf'), 'pdf');
  const last = join(root, 'last');
  gate.hold(last);
  return { root, last };
}

const statusesIn = (h: Harness, dir: string): string[] => h.engine.snapshot().items.filter((i) => i.path.startsWith(dir)).map((i) => i.state.status);

describe('intake streams into the queue', () => {
  it('the first files of a large add are queued, uploaded and stored before add() resolves', async () => {
    h = await harness();
    const { root, last } = tree(h, 40);
    let report: IntakeReport | null = null;
    const adding = h.engine.add([root], h.target).then((r) => (report = r));
    // The walk cannot end before the gate opens: without streaming no file would be queued, and this would time out.
    await until(() => statusesIn(h, join(root, 'first')).filter((s) => s === 'done').length === 40, 20_000, 'the first folder stored while the walk waits');
    expect(report).toBeNull();
    expect(statusesIn(h, last)).toEqual([]);
    // A batch whose walk goes on is not finished, and the engine is not idle, however done its items are.
    let idle = false;
    void h.engine.whenIdle().then(() => (idle = true));
    await new Promise((r) => setImmediate(r));
    expect(idle).toBe(false);
    expect(h.events.some((e) => e.type === 'batch-finished')).toBe(false);

    gate.g.open();
    const r = await within(adding, 20_000, 'add() once the walk goes on');
    expect(r).toMatchObject({ accepted: 41, duplicates: 0, refused: [] });
    await within(h.engine.whenIdle(), 20_000, 'idle');
    expect(statusesIn(h, root)).toEqual(Array(41).fill('done'));
    // The report comes first, then the batch's end, once.
    const kinds = h.events.filter((e) => e.type === 'intake' || e.type === 'batch-finished').map((e) => e.type);
    expect(kinds).toEqual(['intake', 'batch-finished']);
    expect(h.events.find((e) => e.type === 'batch-finished')).toMatchObject({ batchId: r.batchId, uploaded: 41, failed: 0 });
  }, 60_000);

  it('Cancel all during the walk stops it: the files not queued yet are not queued', async () => {
    h = await harness();
    h.engine.pause();
    const { root, last } = tree(h, 30);
    const adding = h.engine.add([root], h.target);
    await until(() => statusesIn(h, root).length === 30, 20_000, 'the first folder queued');
    expect(h.engine.cancelAll()).toBe(30);
    gate.g.open();
    const r = await within(adding, 20_000, 'add()');
    expect(r.accepted).toBe(30);
    expect(statusesIn(h, last)).toEqual([]);
    expect(statusesIn(h, root)).toEqual(Array(30).fill('cancelled'));
    await until(() => h.events.some((e) => e.type === 'batch-finished'), 5_000, 'the batch finished');
    expect(h.events.find((e) => e.type === 'batch-finished')).toMatchObject({ batchId: r.batchId, uploaded: 0 });
  }, 60_000);

  it('a pause during the walk holds the files found after it too', async () => {
    h = await harness({}, { concurrency: 1 });
    const { root, last } = tree(h, 5);
    const adding = h.engine.add([root], h.target);
    await until(() => statusesIn(h, root).length === 5, 20_000, 'the first folder queued');
    h.engine.pause();
    gate.g.open();
    await within(adding, 20_000, 'add()');
    expect(statusesIn(h, last)).toEqual(['paused']);
    h.engine.resume();
    await within(h.engine.whenIdle(), 20_000, 'idle after resume');
    expect(statusesIn(h, root)).toEqual(Array(6).fill('done'));
  }, 60_000);
});
