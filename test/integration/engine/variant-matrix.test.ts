// The engine against every reading of the docs the emulator can play (test/emulator/README.md "Variants"), one at a
// time and all compatible ones together: a mixed push through a crash, an outage, one session per file and a reparse,
// each finished and exactly once.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, ReparseError, type UploadEngine } from '../../../electron/core/engine';
import type { QueueItem, Target } from '../../../shared/queue';
import { allCompatible, VARIANTS, type Variant } from '../../emulator/index';
import { writeFile } from '../../fixtures/make-files';
import { dyingAtAttach, FAST, harness, until, within, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

const RUNS: Array<{ name: string; variants: Variant[] }> = [...VARIANTS.map((v) => ({ name: v, variants: [v] })), { name: 'all compatible variants', variants: allCompatible() }];

/** Exactly once in the session: one link per file's content, and never a second attach request for it. */
function expectExactlyOnce(h: Harness, sessionId: string, files: number): void {
  const links = h.emu.inspect().attachments.filter((a) => a.sessionId === sessionId);
  expect(links.map((a) => [a.count, a.duplicates])).toEqual(Array(files).fill([1, 0]));
}

const statuses = (items: QueueItem[]) => items.map((i) => i.state.status);

async function mixedPushThroughACrash(h: Harness): Promise<UploadEngine> {
  const dir = join(h.dir, 'mixed');
  mkdirSync(dir);
  for (const [name, kind] of [['a.pdf', 'pdf'], ['b.png', 'png'], ['c.docx', 'docx'], ['d.jpeg', 'jpeg'], ['e.tiff', 'tiff'], ['f.pptx', 'pptx']] as const) writeFile(join(dir, name), kind);
  let died!: () => void;
  const death = new Promise<void>((r) => (died = r));
  const a = createEngine({ ...FAST, client: dyingAtAttach(h.client, () => died()), journalDir: h.journalDir });
  await a.add([dir], h.target);
  await within(death, 20_000, 'the first attach');
  await a.close();
  const b = h.newEngine();
  await b.start();
  await within(b.whenIdle(), 30_000, 'the resumed push');
  expect(statuses(b.snapshot().items)).toEqual(Array(6).fill('done'));
  expectExactlyOnce(h, h.target.sessionId, 6);
  return b;
}

async function pushThroughAnOutage(h: Harness, e: UploadEngine): Promise<void> {
  const session = await h.client.createSession({ extraction_template_id: h.templateId, name: 'outage' });
  const target: Target = { kind: 'session', workspaceId: h.workspaceId, sessionId: session.id, sessionName: session.name };
  const before = h.calls.length;
  await e.add([h.makeFiles(4)], target);
  // The outage starts once the push has reached the server: waited for, not slept.
  await until(() => h.calls.length > before, 10_000, 'the push to start');
  h.emu.outage(1.5);
  await within(e.whenIdle(), 30_000, 'the push after the outage');
  expect(statuses(e.snapshot().items.filter((i) => i.target === target || (i.target.kind === 'session' && i.target.sessionId === session.id)))).toEqual(Array(4).fill('done'));
  expectExactlyOnce(h, session.id, 4);
}

async function onePerFile(h: Harness, e: UploadEngine): Promise<void> {
  await e.add([h.makeFiles(3)], { kind: 'session-per-file', workspaceId: h.workspaceId, templateId: h.templateId, templateName: 't', autoExtract: false });
  await within(e.whenIdle(), 30_000, 'one session per file');
  const perFile = e.snapshot().items.filter((i) => i.target.kind === 'session-per-file');
  expect(statuses(perFile)).toEqual(['done', 'done', 'done']);
  const sessions = new Set(perFile.map((i) => (i.state.status === 'done' ? i.state.sessionId : '')));
  expect(sessions.size).toBe(3);
  for (const s of sessions) expectExactlyOnce(h, s, 1);
}

/** A run parses the stored documents; a reparse of one then reaches a ready parsing, or says plainly why it cannot. */
async function runThenReparse(h: Harness, e: UploadEngine): Promise<void> {
  const mine = () => e.snapshot().items.filter((i) => i.target.kind === 'session' && i.target.sessionId === h.target.sessionId);
  await h.client.runExtraction(h.target.sessionId);
  e.refreshDocuments(h.target.sessionId);
  const parsed = (i: QueueItem) => i.state.status === 'done' && i.state.parsings.some((p) => p.status === 'ready');
  await until(() => mine().some(parsed), 20_000, 'a parse after the run');
  const item = mine().find(parsed)!;
  try {
    await e.reparse(item.id);
  } catch (err) {
    // A config hash the API's reparse takes (64 hex) may not exist in this reading: the message must say so.
    expect(err).toBeInstanceOf(ReparseError);
    expect((err as Error).message).toMatch(/extraction|run/i);
    return;
  }
  await until(() => {
    const now = mine().find((i) => i.id === item.id);
    return !!now && now.state.status === 'done' && now.state.parsings.some((p) => p.status === 'ready');
  }, 20_000, 'the reparse');
  expect(mine().find((i) => i.id === item.id)?.state.status).toBe('done');
}

describe.each(RUNS)('against $name', ({ variants }) => {
  it('mixed push through a crash, an outage, one session per file, a run and a reparse: finished, exactly once', async () => {
    h = await harness({ variants, parsing: { stepMs: 30 } }, { retry: { baseMs: 50, capMs: 500, budget: 20 } });
    const e = await mixedPushThroughACrash(h);
    await pushThroughAnOutage(h, e);
    await onePerFile(h, e);
    await runThenReparse(h, e);
  }, 90_000);
});
