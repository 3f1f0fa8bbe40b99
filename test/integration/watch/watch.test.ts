// Watched folders end to end: real files, real chokidar, the real engine and a real emulator. Exactly once per file in
// bursts, a slow writer uploaded whole, temp names never, a restart that hashes nothing, a folder that goes and comes
// back, an outage caught up, and the move into Uploaded/ only after a verified attach.
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../shared/queue';
import { realClock } from '../../../electron/core/engine';
import { openPathIndex } from '../../../electron/core/watch/path-index';
import { startWatch, type WatchConfig, type WatchEvent, type WatchRunner } from '../../../electron/core/watch/watch-runner';
import { fileBytes } from '../../fixtures/make-files';
import { attachCounts, harness, until, type Harness } from '../engine/harness';

let h: Harness | null = null;
const runners: WatchRunner[] = [];
afterEach(async () => {
  for (const r of runners.splice(0)) await r.close();
  await h?.close();
  h = null;
});

function run(hh: Harness, folder: string, over: Partial<WatchConfig> = {}, engine = hh.engine) {
  const events: WatchEvent[] = [];
  const index = openPathIndex(join(hh.dir, 'watch-index.jsonl'));
  const runner = startWatch({
    config: { folder, target: hh.target, recursive: false, settleMs: 400, after: 'leave', ...over },
    engine,
    index,
    clock: realClock,
    origin: 'watch:test',
    presenceMs: 200,
    onEvent: (e) => events.push(e),
  });
  runners.push({ ...runner, close: async () => (await runner.close(), index.close()) });
  return { runner, events, stored: () => events.filter((e) => e.type === 'stored').length };
}

const pdf = (salt: string) => fileBytes('pdf', salt);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const hashes = (events: EngineEvent[]) => events.filter((e) => e.type === 'hashed').length;
const puts = (hh: Harness) => hh.emu.inspect().requests.filter((r) => r.method === 'PUT').length;

describe('a watched folder', () => {
  it('files copied in bursts are each stored exactly once, under their names; a restart hashes and uploads nothing', async () => {
    h = await harness();
    const folder = join(h.dir, 'scans');
    mkdirSync(folder);
    const w = run(h, folder);
    const total = 500;
    for (let burst = 0; burst < 10; burst++) {
      for (let i = 0; i < total / 10; i++) writeFileSync(join(folder, `scan-${burst}-${i}.pdf`), pdf(`burst ${burst} file ${i}`));
      await new Promise((r) => setTimeout(r, 150));
    }
    await until(() => w.stored() === total, 120_000, `${total} files stored`);
    const counts = attachCounts(h.emu, h.target.sessionId);
    expect(counts).toHaveLength(total);
    expect(counts.every((c) => c === 1)).toBe(true);
    expect(hashes(h.events)).toBe(total);
    const names = new Set(h.emu.inspect().documents.map((d) => d.filename));
    for (const f of readdirSync(folder)) expect(names.has(f), f).toBe(true);

    // Restart: a new engine on the same journal and a new runner on the same index.
    await runners.pop()!.close();
    await h.engine.close();
    const putsBefore = puts(h);
    const from = h.events.length;
    const engine = h.newEngine();
    const again = run(h, folder, {}, engine);
    await until(() => again.runner.status().folder.kind === 'watching' && again.runner.status().unchanged === total, 30_000, 'the rescan');
    await new Promise((r) => setTimeout(r, 800));
    expect(hashes(h.events.slice(from))).toBe(0);
    expect(puts(h)).toBe(putsBefore);
    expect(again.runner.status().waiting).toBe(0);
  }, 180_000);

  it('a file written over 10 s in chunks is uploaded once, whole; temp names never; a .part renamed to .pdf once', async () => {
    h = await harness();
    const folder = join(h.dir, 'scanner');
    mkdirSync(folder);
    const w = run(h, folder, { settleMs: 1500 });
    const slow = join(folder, 'slow-scan.pdf');
    writeFileSync(slow, pdf('slow scan, page 1'));
    for (const name of ['draft.pdf.crdownload', 'x.tmp', '~$locked.docx', '.hidden.pdf', 'late.pdf.part']) writeFileSync(join(folder, name), pdf(name));
    for (let t = 0; t < 20; t++) {
      await new Promise((r) => setTimeout(r, 500));
      appendFileSync(slow, `% chunk ${t} ${'x'.repeat(2000)}\n`);
    }
    renameSync(join(folder, 'late.pdf.part'), join(folder, 'late.pdf'));
    await until(() => w.stored() === 2, 30_000, 'two stored');
    await new Promise((r) => setTimeout(r, 2500));
    const docs = h.emu.inspect().documents;
    expect(docs.map((d) => d.filename).sort()).toEqual(['late.pdf', 'slow-scan.pdf']);
    expect(docs.find((d) => d.filename === 'slow-scan.pdf')!.sha256).toBe(sha(slow));
    expect(attachCounts(h.emu, h.target.sessionId)).toEqual([1, 1]);
  }, 60_000);

  it('a removed folder shows "missing", and the watch resumes when it is back', async () => {
    h = await harness();
    const folder = join(h.dir, 'usb');
    mkdirSync(folder);
    const w = run(h, folder);
    await until(() => w.runner.status().folder.kind === 'watching', 10_000, 'watching');
    rmSync(folder, { recursive: true });
    await until(() => w.runner.status().folder.kind === 'missing', 10_000, 'folder missing');
    mkdirSync(folder);
    writeFileSync(join(folder, 'after.pdf'), pdf('after the drive came back'));
    await until(() => w.stored() === 1, 20_000, 'the file stored after the folder came back');
    expect(w.events.some((e) => e.type === 'status' && e.status.folder.kind === 'missing')).toBe(true);
    expect(w.runner.status().folder.kind).toBe('watching');
  }, 40_000);

  it('an outage while files keep arriving: the queue goes offline, then catches up by itself', async () => {
    h = await harness();
    const folder = join(h.dir, 'office');
    mkdirSync(folder);
    const w = run(h, folder);
    writeFileSync(join(folder, 'before.pdf'), pdf('before'));
    await until(() => w.stored() === 1, 20_000, 'first stored');
    h.emu.outage(10);
    for (let i = 0; i < 5; i++) {
      writeFileSync(join(folder, `during-${i}.pdf`), pdf(`during ${i}`));
      await new Promise((r) => setTimeout(r, 600));
    }
    await until(() => h!.events.some((e) => e.type === 'summary' && e.summary.connectivity.state === 'offline'), 15_000, 'offline');
    await until(() => w.stored() === 6, 40_000, 'caught up after the outage');
    expect(attachCounts(h.emu, h.target.sessionId).every((c) => c === 1)).toBe(true);
  }, 70_000);

  it('--after move: a file goes to Uploaded/ only once its attach is verified, and a clash gets a suffix', async () => {
    h = await harness();
    const folder = join(h.dir, 'inbox');
    mkdirSync(join(folder, 'Uploaded'), { recursive: true });
    writeFileSync(join(folder, 'Uploaded', 'invoice.pdf'), 'an older file of that name');
    const w = run(h, folder, { after: 'move' });
    writeFileSync(join(folder, 'invoice.pdf'), pdf('the new invoice'));
    await until(() => w.stored() === 1, 20_000, 'stored');
    const ev = w.events.find((e) => e.type === 'stored');
    expect(ev && ev.type === 'stored' && ev.item.state.status === 'done').toBe(true);
    expect(ev && ev.type === 'stored' && ev.movedTo).toBe(join(folder, 'Uploaded', 'invoice (1).pdf'));
    expect(readdirSync(folder)).toEqual(['Uploaded']);
    expect(readFileSync(join(folder, 'Uploaded', 'invoice.pdf'), 'utf8')).toBe('an older file of that name');
    // Nothing in Uploaded/ is ever taken.
    await new Promise((r) => setTimeout(r, 1000));
    expect(attachCounts(h.emu, h.target.sessionId)).toEqual([1]);
  }, 40_000);
});

describe('a watch batch remembers where it came from', () => {
  it("the items and the batch-finished event carry the watch's origin, also for a batch resumed after a restart", async () => {
    h = await harness();
    const folder = join(h.dir, 'origin');
    mkdirSync(folder);
    const w = run(h, folder);
    writeFileSync(join(folder, 'a.pdf'), pdf('origin a'));
    await until(() => w.stored() === 1, 20_000, 'stored');
    const done = h.events.find((e) => e.type === 'batch-finished');
    expect(done && done.type === 'batch-finished' && done.origin).toBe('watch:test');
    expect(h.engine.snapshot().items[0]?.origin).toBe('watch:test');
    // The journal keeps it: a new engine on the same journal reads the item with its origin.
    await runners.pop()!.close();
    await h.engine.close();
    const again = h.newEngine();
    await again.start();
    expect(again.snapshot().items.map((i) => i.origin)).toEqual(['watch:test']);
  }, 30_000);
});
