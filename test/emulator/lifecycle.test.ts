// Clock-driven statuses in both parsing modes: storage-only (default: parsing starts with a reparse or a run)
// and autoParse (every new document parses on its own); reparse, results, batch auto-extract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './index';
import { defaultConfigHash } from './state';
import { api, eventually, pdf, sleep, upload } from './test-helpers';
import type { RunningEmulator } from './types';

const STEP = 120;
let storageOnly: RunningEmulator;
let autoParse: RunningEmulator;
beforeAll(async () => {
  [storageOnly, autoParse] = await Promise.all([
    startEmulator({ rateLimit: null, parsing: { stepMs: STEP } }),
    startEmulator({ rateLimit: null, parsing: { stepMs: STEP, autoParse: true } }),
  ]);
});
afterAll(() => Promise.all([storageOnly.close(), autoParse.close()]));

interface Parsing {
  id: string;
  status: string;
  config_hash: string;
  updated_at: string;
}
interface Doc {
  id: string;
  status: string;
  parsings: Parsing[];
}

/** Calls bound to one emulator (both modes share the same seed, so the same workspace/template ids). */
function on(emu: RunningEmulator) {
  const w = emu.seed.workspaces[0]!;
  const hash = defaultConfigHash(w.id);
  const self = {
    w,
    hash,
    createDoc: async (name: string, text = name): Promise<Doc> => {
      const r = await api(emu, 'POST', `/workspaces/${w.id}/documents`, { key: await upload(emu, pdf(text)), filename: name });
      expect(r.status).toBe(201);
      return r.body.document;
    },
    getDoc: async (id: string): Promise<Doc> => (await api(emu, 'GET', `/workspaces/${w.id}/documents/${id}`)).body,
    reparse: (id: string, body: unknown = { config_hash: hash }) => api(emu, 'POST', `/workspaces/${w.id}/documents/${id}/reparse`, body),
    newSession: async (): Promise<string> => (await api(emu, 'POST', '/extractions/sessions', { extraction_template_id: w.templates[0]!.id })).body.id,
    attach: (sid: string, ids: string[]) => api(emu, 'POST', `/extractions/sessions/${sid}/documents/attach`, { document_ids: ids }),
    run: (sid: string) => api(emu, 'POST', `/extractions/sessions/${sid}/results`),
    sessionDocs: async (sid: string): Promise<Doc[]> => (await api(emu, 'GET', `/extractions/sessions/${sid}/documents`)).body.data,
    /** Polls a document until its status is terminal; returns each distinct `document/parsing` status pair seen. */
    watchStatuses: async (id: string): Promise<string[]> => {
      const seen: string[] = [];
      await eventually(async () => {
        const d = await self.getDoc(id);
        const pair = `${d.status}/${d.parsings.at(-1)?.status ?? 'none'}`;
        if (seen.at(-1) !== pair) seen.push(pair);
        return d.status === 'processed' || d.status === 'failed' ? true : undefined;
      });
      return seen;
    },
    /** Polls a result until it is terminal; returns it with the set of statuses seen on the way. */
    waitResult: async (rid: string) => {
      const seen = new Set<string>();
      const end = await eventually(async () => {
        const r = (await api(emu, 'GET', `/extractions/results/${rid}`)).body;
        seen.add(r.status);
        return r.status === 'completed' || r.status === 'failed' ? r : undefined;
      });
      return { end, seen };
    },
  };
  return self;
}

describe('storage-only (default): "Upload/import is storage-only"', () => {
  it('leaves a new document at `uploaded` with no parsing, on every upload path, however long it waits', async () => {
    const e = on(storageOnly);
    const created = await e.createDoc('stored.pdf');
    expect(created.status).toBe('uploaded');
    expect(created.parsings).toEqual([]);
    const sid = await e.newSession();
    const up = await api(storageOnly, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [await upload(storageOnly, pdf('stored by key'))] });
    expect(up.status).toBe(200);
    expect(up.body.data[0]).toMatchObject({ status: 'uploaded', parsings: [] });
    expect((await e.attach(sid, [created.id])).body.data[0]).toMatchObject({ status: 'uploaded', parsings: [] });
    await sleep(STEP * 3); // three clock steps: an automatic parse would be ready by now
    for (const d of await e.sessionDocs(sid)) expect(d).toMatchObject({ status: 'uploaded', parsings: [] });
    const session = (await api(storageOnly, 'GET', `/extractions/sessions/${sid}`)).body;
    expect(session).toMatchObject({ status: 'pending', results: [] });
    const listed = await api(storageOnly, 'GET', `/workspaces/${e.w.id}/documents?status=uploaded&per_page=100`);
    expect(listed.body.data.map((d: Doc) => d.id)).toContain(created.id);
  });

  it('a reparse starts parsing: uploaded → processing → processed, parsing queued → processing → ready', async () => {
    const e = on(storageOnly);
    const doc = await e.createDoc('reparsed.pdf');
    const r = await e.reparse(doc.id);
    expect(r.status).toBe(202);
    expect(r.body.status).toBe('uploaded');
    expect(r.body.parsings).toEqual([expect.objectContaining({ config_hash: e.hash, status: 'queued', parser_version: 'v1' })]);
    expect(await e.watchStatuses(doc.id)).toEqual(['uploaded/queued', 'processing/processing', 'processed/ready']);
  });

  it('reparse: 200 when ready for that hash, 202 when queued or forced, 422 for a hash that is not 64 chars', async () => {
    const e = on(storageOnly);
    const doc = await e.createDoc('reparse.pdf');
    expect((await e.reparse(doc.id)).status).toBe(202);
    await e.watchStatuses(doc.id);
    expect((await e.reparse(doc.id)).status).toBe(200);
    const forced = await e.reparse(doc.id, { config_hash: e.hash, force: true });
    expect(forced.status).toBe(202);
    expect(forced.body.parsings.at(-1).status).toBe('queued');
    expect((await e.reparse(doc.id)).status).toBe(202); // still queued
    const other = 'b'.repeat(64);
    const added = await e.reparse(doc.id, { config_hash: other });
    expect(added.status).toBe(202);
    expect(added.body.parsings.map((p: Parsing) => p.config_hash)).toEqual([e.hash, other]);
    const bad = await e.reparse(doc.id, { config_hash: 'cfg_9eeae65063f17f55' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.config_hash).toBeDefined();
  });

  it('a run over unparsed documents answers parsing_pending, parses them for its config hash, then completes', async () => {
    const e = on(storageOnly);
    const sid = await e.newSession();
    expect((await e.run(sid)).status).toBe(422); // no documents
    const keys = [await upload(storageOnly, pdf('run a')), await upload(storageOnly, pdf('run b'))];
    await api(storageOnly, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys });
    const run = await e.run(sid);
    expect(run.status).toBe(201);
    expect(run.body.status).toBe('parsing_pending');
    expect(run.body.config_hash).toBe(e.hash);
    // The run requested the parses: each document now holds one parsing for the run's hash.
    const during = await e.sessionDocs(sid);
    expect(during).toHaveLength(2);
    for (const d of during) expect(d.parsings.map((p) => p.config_hash)).toEqual([run.body.config_hash]);
    const { end, seen } = await e.waitResult(run.body.id);
    expect(end.status).toBe('completed');
    expect([...seen]).toEqual(expect.arrayContaining(['parsing_pending', 'processing', 'completed']));
    expect(end.title).toBeTruthy();
    expect(Object.keys(end.data).length).toBeGreaterThan(0);
    expect(end.document_refs.map((r: { documentId: string }) => r.documentId)).toEqual(during.map((d) => d.id));
    for (const d of await e.sessionDocs(sid)) expect(d).toMatchObject({ status: 'processed', parsings: [{ config_hash: e.hash, status: 'ready' }] });
    const list = await api(storageOnly, 'GET', `/extractions/sessions/${sid}/results`);
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([run.body.id]);
    expect(list.body.data[0].data).toBeUndefined();
    // Once parsed, the next run starts as `created` and parses nothing again.
    const second = await e.run(sid);
    expect(second.body.status).toBe('created');
    for (const d of await e.sessionDocs(sid)) expect(d.parsings).toHaveLength(1);
    expect((await e.waitResult(second.body.id)).end.status).toBe('completed');
  });

  it('a run fails when a document it parses fails', async () => {
    const e = on(storageOnly);
    storageOnly.setParsing({ failNames: ['fails-at-run.pdf'] });
    try {
      const doc = await e.createDoc('fails-at-run.pdf');
      const sid = await e.newSession();
      await e.attach(sid, [doc.id]);
      const run = await e.run(sid);
      expect(run.body.status).toBe('parsing_pending');
      expect((await e.waitResult(run.body.id)).end.status).toBe('failed');
      expect(await e.getDoc(doc.id)).toMatchObject({ status: 'failed', parsings: [{ status: 'failed' }] });
    } finally {
      storageOnly.setParsing({ failNames: [] });
    }
  });

  it('a run does not re-parse a failed parsing for its hash: it stays failed and the run fails; a reparse fixes it', async () => {
    const e = on(storageOnly);
    storageOnly.setParsing({ failNames: ['doomed.pdf'] });
    const doc = await e.createDoc('doomed.pdf');
    await e.reparse(doc.id);
    expect((await e.watchStatuses(doc.id)).at(-1)).toBe('failed/failed');
    storageOnly.setParsing({ failNames: [] }); // a new parse would now succeed
    const before = await e.getDoc(doc.id);
    const sid = await e.newSession();
    await e.attach(sid, [doc.id]);
    const run = await e.run(sid);
    expect(run.status).toBe(201);
    expect(run.body.status).toBe('parsing_pending');
    expect((await e.waitResult(run.body.id)).end.status).toBe('failed');
    expect(await e.getDoc(doc.id)).toEqual(before); // same parsing, still failed, not touched
    expect((await e.reparse(doc.id)).status).toBe(202);
    expect((await e.watchStatuses(doc.id)).at(-1)).toBe('processed/ready');
    const again = await e.run(sid);
    expect(again.body.status).toBe('created');
    expect((await e.waitResult(again.body.id)).end.status).toBe('completed');
  });

  it('a run looks at the parsing for its own config hash, not at other hashes the document was parsed with', async () => {
    const e = on(storageOnly);
    const doc = await e.createDoc('other-hash.pdf');
    const other = 'c'.repeat(64);
    await e.reparse(doc.id, { config_hash: other });
    expect((await e.watchStatuses(doc.id)).at(-1)).toBe('processed/ready');
    const sid = await e.newSession();
    await e.attach(sid, [doc.id]);
    const run = await e.run(sid);
    expect(run.body.status).toBe('parsing_pending');
    // A parsing for the run's hash was added next to the ready one for the other hash.
    expect((await e.getDoc(doc.id)).parsings.map((p) => p.config_hash)).toEqual([other, e.hash]);
    expect((await e.waitResult(run.body.id)).end.status).toBe('completed');
  });

  it('batch create with auto_extract starts a run right away that parses the documents and completes', async () => {
    const e = on(storageOnly);
    const tid = e.w.templates[0]!.id;
    const keys = [await upload(storageOnly, pdf('batch so a')), await upload(storageOnly, pdf('batch so b'))];
    const r = await api(storageOnly, 'POST', `/extractions/templates/${tid}/sessions/batch`, { files: keys, settings: { auto_extract: true } });
    expect(r.status).toBe(201);
    expect(r.body.data).toHaveLength(2);
    // The first request after the batch starts both runs; nothing parses on upload, so nothing to wait for:
    // the run is already there, deferred while it parses the document.
    const first = (await api(storageOnly, 'GET', `/extractions/sessions/${r.body.data[0].id}`)).body;
    expect(first.settings).toEqual({ auto_extract: true });
    expect(first.results.map((x: { status: string }) => x.status)).toEqual(['parsing_pending']);
    expect(first.documents[0].parsings).toEqual([expect.objectContaining({ config_hash: e.hash, status: 'queued' })]);
    for (const { id } of r.body.data) {
      const s = (await api(storageOnly, 'GET', `/extractions/sessions/${id}`)).body;
      expect(s.results).toHaveLength(1);
      const { end } = await e.waitResult(s.results[0].id);
      expect(end.status).toBe('completed');
      expect((await e.getDoc(s.documents[0].id)).status).toBe('processed');
      expect((await api(storageOnly, 'GET', `/extractions/sessions/${id}`)).body).toMatchObject({ status: 'completed', results: [{ status: 'completed' }] });
    }
  });

  it('batch create without auto_extract stores the documents and runs nothing', async () => {
    const e = on(storageOnly);
    const r = await api(storageOnly, 'POST', `/extractions/templates/${e.w.templates[0]!.id}/sessions/batch`, { files: [await upload(storageOnly, pdf('batch plain'))] });
    expect(r.status).toBe(201);
    await sleep(STEP * 3);
    const s = (await api(storageOnly, 'GET', `/extractions/sessions/${r.body.data[0].id}`)).body;
    expect(s.results).toEqual([]);
    expect(s.documents[0]).toMatchObject({ status: 'uploaded', parsings: [] });
  });

  it('switches to auto-parse and back with setParsing and POST /__admin/parsing {autoParse}, for new documents only', async () => {
    const e = on(storageOnly);
    const admin = (body: unknown) => fetch(`${storageOnly.url}/__admin/parsing`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const before = await e.createDoc('before-switch.pdf');
    try {
      expect((await admin({ autoParse: true })).status).toBe(200);
      const during = await e.createDoc('admin-switch.pdf');
      expect(during.parsings).toEqual([expect.objectContaining({ config_hash: e.hash, status: 'queued' })]);
      expect((await e.getDoc(before.id)).parsings).toEqual([]); // an earlier document is not parsed by the switch
      expect((await admin({ autoParse: 'yes' })).status).toBe(422);
      expect((await admin({ autoParse: false })).status).toBe(200);
      expect((await e.createDoc('admin-back.pdf')).parsings).toEqual([]);
      storageOnly.setParsing({ autoParse: true });
      expect((await e.createDoc('api-switch.pdf')).parsings).toHaveLength(1);
    } finally {
      storageOnly.setParsing({ autoParse: false });
    }
    expect((await e.createDoc('api-back.pdf')).parsings).toEqual([]);
  });
});

describe('auto-parse (parsing.autoParse: true): parsing starts on its own after upload', () => {
  it('moves document uploaded → processing → processed and parsing queued → processing → ready', async () => {
    const e = on(autoParse);
    const doc = await e.createDoc('clock.pdf');
    expect(doc.status).toBe('uploaded');
    expect(doc.parsings).toEqual([expect.objectContaining({ config_hash: e.hash, status: 'queued' })]);
    expect(await e.watchStatuses(doc.id)).toEqual(['uploaded/queued', 'processing/processing', 'processed/ready']);
    const sid = await e.newSession();
    const up = await api(autoParse, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [await upload(autoParse, pdf('by key'))] });
    expect(up.body.data[0].parsings).toEqual([expect.objectContaining({ status: 'queued', parser_version: 'v1' })]);
  });

  it('fails parsing for failNames and for the configured share, and a reparse re-runs it', async () => {
    const e = on(autoParse);
    autoParse.setParsing({ failNames: ['broken.pdf'] });
    const bad = await e.createDoc('broken.pdf');
    expect((await e.watchStatuses(bad.id)).at(-1)).toBe('failed/failed');
    autoParse.setParsing({ failNames: [] });
    const again = await e.reparse(bad.id, { config_hash: bad.parsings[0]!.config_hash });
    expect(again.status).toBe(202);
    expect((await e.watchStatuses(bad.id)).at(-1)).toBe('processed/ready');

    autoParse.setParsing({ failRate: 1 });
    const unlucky = await e.createDoc('unlucky.pdf');
    autoParse.setParsing({ failRate: 0 });
    expect((await e.watchStatuses(unlucky.id)).at(-1)).toBe('failed/failed');
  });

  it('replays the same parse failures for the same seed', async () => {
    const pattern = async (seed: number) => {
      const x = await startEmulator({ seed, rateLimit: null, parsing: { stepMs: 0, failRate: 0.5, autoParse: true } });
      try {
        const out: string[] = [];
        for (let i = 0; i < 8; i++) {
          const key = await upload(x, pdf(`seeded ${i}`));
          const r = await api(x, 'POST', `/workspaces/${x.seed.workspaces[0]!.id}/documents`, { key, filename: `f${i}.pdf` });
          out.push((await api(x, 'GET', `/workspaces/${x.seed.workspaces[0]!.id}/documents/${r.body.document.id}`)).body.status);
        }
        return out;
      } finally {
        await x.close();
      }
    };
    const a = await pattern(7);
    expect(await pattern(7)).toEqual(a);
    expect(a).toContain('failed');
    expect(a).toContain('processed');
  });

  it('defers a run while the upload parses (no extra parse), then completes; the next run is created', async () => {
    const e = on(autoParse);
    const sid = await e.newSession();
    await api(autoParse, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [await upload(autoParse, pdf('to extract'))] });
    const run = await e.run(sid);
    expect(run.status).toBe(201);
    expect(run.body.status).toBe('parsing_pending');
    expect(run.body.config_hash).toMatch(/^[0-9a-f]{64}$/);
    const { end, seen } = await e.waitResult(run.body.id);
    expect(end.status).toBe('completed');
    expect(seen.has('processing')).toBe(true);
    expect(end.document_refs[0]).toMatchObject({ kind: 'documentRef', workspaceId: e.w.id });
    expect((await e.sessionDocs(sid))[0]!.parsings).toHaveLength(1); // the upload's parse served the run
    expect((await e.run(sid)).body.status).toBe('created');
  });

  it('fails a deferred run when a document fails parsing', async () => {
    const e = on(autoParse);
    autoParse.setParsing({ failNames: ['doomed.pdf'] });
    const doc = await e.createDoc('doomed.pdf');
    autoParse.setParsing({ failNames: [] });
    const sid = await e.newSession();
    await e.attach(sid, [doc.id]);
    const run = await e.run(sid);
    expect((await e.waitResult(run.body.id)).end.status).toBe('failed');
  });

  it('batch create with auto_extract waits for the upload parses, then runs and completes', async () => {
    const tid = on(autoParse).w.templates[0]!.id;
    const keys = [await upload(autoParse, pdf('batch a')), await upload(autoParse, pdf('batch b'))];
    const r = await api(autoParse, 'POST', `/extractions/templates/${tid}/sessions/batch`, { files: keys, settings: { auto_extract: true } });
    expect(r.status).toBe(201);
    expect(r.body.data).toHaveLength(2);
    expect(r.body.data[0].name).toBe('Pending...');
    const s = (await api(autoParse, 'GET', `/extractions/sessions/${r.body.data[0].id}`)).body;
    expect(s.documents).toHaveLength(1);
    expect(s.settings).toEqual({ auto_extract: true });
    expect(s.results).toHaveLength(0); // parsing under way: the run waits for it
    await sleep(STEP * 2);
    const done = await eventually(async () => {
      const x = (await api(autoParse, 'GET', `/extractions/sessions/${r.body.data[1].id}`)).body;
      return x.results[0]?.status === 'completed' ? x : undefined;
    });
    expect(done.status).toBe('completed');
    const tooMany = await api(autoParse, 'POST', `/extractions/templates/${tid}/sessions/batch`, { files: Array.from({ length: 51 }, (_, i) => `tmp/${i}`) });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors.files).toBeDefined();
  });
});
