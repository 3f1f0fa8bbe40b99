// The workspace side of an upload: names kept through the two-call path (and the fallback without documents-write),
// content the workspace already holds attached without an upload, and a file rewritten while it uploads.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOOKUP_MIN_BYTES } from '../../../electron/core/engine';
import { ALL_ABILITIES } from '../../emulator/index';
import { harness, within, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

const doneOutcomes = (h: Harness) => h.engine.snapshot().items.map((i) => (i.state.status === 'done' ? i.state.outcome : i.state.status));

/** `n` files just above the lookup threshold (distinct content: each has its own header). */
function bigFiles(h: Harness, n: number): string {
  const folder = h.makeFiles(n);
  for (const f of readdirSync(folder)) truncateSync(join(folder, f), LOOKUP_MIN_BYTES + 1024);
  return folder;
}

describe('keeping file names (two-call path)', () => {
  it('content Raydocs already holds is reused on create: the file still uploaded, shown as already in the workspace', async () => {
    h = await harness();
    const folder = h.makeFiles(2);
    await h.engine.add([folder], h.target);
    await within(h.engine.whenIdle(), 20_000, 'first session');
    const second = await h.client.createSession({ extraction_template_id: h.templateId, name: 'second' });
    await h.engine.add([folder], { kind: 'session', workspaceId: h.workspaceId, sessionId: second.id, sessionName: 'second' });
    await within(h.engine.whenIdle(), 20_000, 'second session');
    // Small files are not looked up first: they go up, and Raydocs answers dedup.reused.
    expect(doneOutcomes(h)).toEqual(['uploaded', 'uploaded', 'reused', 'reused']);
    expect(h.events.some((e) => e.type === 'batch-finished' && e.uploaded === 2 && e.alreadyThere === 0)).toBe(true);
  });

  it('names every workspace document after its file, one create per file, attached in one call', async () => {
    h = await harness();
    await h.engine.add([h.makeFiles(4)], h.target);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    expect(doneOutcomes(h)).toEqual(['uploaded', 'uploaded', 'uploaded', 'uploaded']);
    const docs = h.emu.inspect().documents;
    expect(docs.map((d) => d.filename).sort()).toEqual(['file-0000.pdf', 'file-0001.pdf', 'file-0002.pdf', 'file-0003.pdf']);
    expect(docs.every((d) => d.mime === 'application/pdf')).toBe(true);
    const reqs = h.emu.inspect().requests;
    expect(reqs.filter((r) => r.method === 'POST' && r.path === `/workspaces/${h.workspaceId}/documents`)).toHaveLength(4);
    expect(reqs.filter((r) => r.path.endsWith('/documents/attach'))).toHaveLength(1);
    expect(reqs.filter((r) => r.path.endsWith('/documents/upload'))).toHaveLength(0);
  });

  it('without documents-write: one notice in words, then the key-only attach, and the push finishes', async () => {
    h = await harness();
    h.token.value = h.emu.createToken({ abilities: ALL_ABILITIES.filter((a) => a !== 'documents-write') });
    await h.engine.add([h.makeFiles(3)], h.target);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    expect(doneOutcomes(h)).toEqual(['uploaded', 'uploaded', 'uploaded']);
    const notices = h.events.filter((e) => e.type === 'notice' && e.code === 'filenames-not-kept');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ message: expect.stringMatching(/generated names.*documents-write/) });
    const reqs = h.emu.inspect().requests;
    expect(reqs.filter((r) => r.path === `/workspaces/${h.workspaceId}/documents` && r.status === 403).length).toBeGreaterThan(0);
    expect(reqs.filter((r) => r.path.endsWith('/documents/upload') && r.status === 200).length).toBeGreaterThan(0);
    expect(h.emu.inspect().attachments.every((a) => a.count === 1 && a.duplicates === 0)).toBe(true);
  });

  it('turned off: keys are attached with documents/upload and no workspace document is created by name', async () => {
    h = await harness({}, { keepFileNames: false });
    await h.engine.add([h.makeFiles(2)], h.target);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    const reqs = h.emu.inspect().requests;
    expect(reqs.filter((r) => r.method === 'POST' && r.path === `/workspaces/${h.workspaceId}/documents`)).toHaveLength(0);
    expect(reqs.filter((r) => r.path.endsWith('/documents/upload'))).toHaveLength(1);
  });
});

describe('content the workspace already holds', () => {
  it('a second session of the same files uploads 0 bytes: found by sha256, attached by id', async () => {
    h = await harness();
    const folder = bigFiles(h, 3);
    await h.engine.add([folder], h.target);
    await within(h.engine.whenIdle(), 20_000, 'first session');
    const putsBefore = h.emu.inspect().requests.filter((r) => r.method === 'PUT').length;
    expect(putsBefore).toBe(3);

    const second = await h.client.createSession({ extraction_template_id: h.templateId, name: 'second' });
    const target = { kind: 'session' as const, workspaceId: h.workspaceId, sessionId: second.id, sessionName: 'second' };
    await h.engine.add([folder], target);
    await within(h.engine.whenIdle(), 20_000, 'second session');
    const items = h.engine.snapshot().items.filter((i) => i.target.kind === 'session' && i.target.sessionId === second.id);
    expect(items.map((i) => (i.state.status === 'done' ? i.state.outcome : i.state.status))).toEqual(['already-in-workspace', 'already-in-workspace', 'already-in-workspace']);
    expect(h.emu.inspect().requests.filter((r) => r.method === 'PUT')).toHaveLength(putsBefore);
    expect((await h.client.listSessionDocuments(second.id)).map((d) => d.sha256).sort()).toEqual(items.map((i) => (i.state.status === 'done' ? i.state.sha256 : '')).sort());
    // One workspace document per content, whatever the number of sessions.
    expect(new Set(h.emu.inspect().documents.map((d) => d.sha256)).size).toBe(h.emu.inspect().documents.length);
  });

  it('small files are not looked up (the lookup would cost more than the upload)', async () => {
    h = await harness();
    await h.engine.add([h.makeFiles(2)], h.target);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    expect(h.emu.inspect().requests.filter((r) => r.method === 'GET' && r.path === `/workspaces/${h.workspaceId}/documents`)).toHaveLength(0);
  });

  it('without documents-read the lookup is off for the run, with one notice, and files upload as usual', async () => {
    h = await harness();
    h.token.value = h.emu.createToken({ abilities: ALL_ABILITIES.filter((a) => a !== 'documents-read') });
    await h.engine.add([bigFiles(h, 2)], h.target);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    expect(doneOutcomes(h)).toEqual(['uploaded', 'uploaded']);
    expect(h.events.filter((e) => e.type === 'notice' && e.code === 'workspace-lookup-off')).toHaveLength(1);
  });
});

describe('what is stored is what was hashed', () => {
  it('a file rewritten in place during its PUT: nothing wrong is attached, and the session ends with its final content', async () => {
    h = await harness({}, { bandwidthLimitBps: 2 * 1024 * 1024 });
    const folder = h.makeFiles(1);
    const file = join(folder, 'file-0000.pdf');
    truncateSync(file, 3 * 1024 * 1024);
    let rewritten = false;
    const off = h.engine.on((e) => {
      if (rewritten || e.type !== 'items') return;
      if (!e.items.some((i) => i.state.status === 'uploading' && i.state.bytesSent > 256 * 1024)) return;
      rewritten = true;
      // Same size, other bytes: only the hash of what streams can tell.
      const bytes = Buffer.alloc(3 * 1024 * 1024, 7);
      bytes.write('%PDF-1.7\n% rewritten\n', 0, 'latin1');
      writeFileSync(file, bytes);
    });
    await h.engine.add([folder], h.target);
    await within(h.engine.whenIdle(), 30_000, 'idle');
    off();
    expect(rewritten).toBe(true);
    const item = h.engine.snapshot().items[0]!;
    expect(item.state.status).toBe('done');
    const docs = await h.client.listSessionDocuments(h.target.sessionId);
    expect(docs.map((d) => d.sha256)).toEqual([createHash('sha256').update(readFileSync(file)).digest('hex')]);
    expect(h.emu.inspect().requests.filter((r) => r.method === 'PUT').length).toBeGreaterThanOrEqual(2);
    // Caught as the bytes streamed, before any attach: nothing had to be detached, no document was created from them.
    expect(h.emu.inspect().requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    expect(h.emu.inspect().documents).toHaveLength(1);
  });
});

