// Clock-driven statuses: parsing (uploaded → processing → processed), reparse, results, batch auto-extract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './index';
import { api, eventually, pdf, sleep, upload } from './test-helpers';
import type { RunningEmulator } from './types';

const STEP = 120;
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, parsing: { stepMs: STEP } });
});
afterAll(() => emu.close());

const w = () => emu.seed.workspaces[0]!;
const createDoc = async (name: string, text = name) => {
  const r = await api(emu, 'POST', `/workspaces/${w().id}/documents`, { key: await upload(emu, pdf(text)), filename: name });
  expect(r.status).toBe(201);
  return r.body.document as { id: string; status: string; parsings: Array<{ status: string; config_hash: string }> };
};
const getDoc = async (id: string) => (await api(emu, 'GET', `/workspaces/${w().id}/documents/${id}`)).body;
const newSession = async () => (await api(emu, 'POST', '/extractions/sessions', { extraction_template_id: w().templates[0]!.id })).body.id as string;

async function watchStatuses(id: string): Promise<string[]> {
  const seen: string[] = [];
  await eventually(async () => {
    const d = await getDoc(id);
    const pair = `${d.status}/${d.parsings.at(-1).status}`;
    if (seen.at(-1) !== pair) seen.push(pair);
    return d.status === 'processed' || d.status === 'failed' ? true : undefined;
  });
  return seen;
}

describe('parsing clock', () => {
  it('moves document uploaded → processing → processed and parsing queued → processing → ready', async () => {
    const doc = await createDoc('clock.pdf');
    expect(doc.status).toBe('uploaded');
    expect(await watchStatuses(doc.id)).toEqual(['uploaded/queued', 'processing/processing', 'processed/ready']);
  });

  it('fails parsing for failNames and for the configured share, and a forced reparse re-runs it', async () => {
    emu.setParsing({ failNames: ['broken.pdf'] });
    const bad = await createDoc('broken.pdf');
    expect((await watchStatuses(bad.id)).at(-1)).toBe('failed/failed');
    emu.setParsing({ failNames: [] });
    const hash = bad.parsings[0]!.config_hash;
    const again = await api(emu, 'POST', `/workspaces/${w().id}/documents/${bad.id}/reparse`, { config_hash: hash });
    expect(again.status).toBe(202);
    expect((await watchStatuses(bad.id)).at(-1)).toBe('processed/ready');

    emu.setParsing({ failRate: 1 });
    const unlucky = await createDoc('unlucky.pdf');
    emu.setParsing({ failRate: 0 });
    expect((await watchStatuses(unlucky.id)).at(-1)).toBe('failed/failed');
  });

  it('reparse: 200 when ready for that hash, 202 when queued or forced, 422 for a hash that is not 64 chars', async () => {
    const doc = await createDoc('reparse.pdf');
    await watchStatuses(doc.id);
    const hash = doc.parsings[0]!.config_hash;
    const url = `/workspaces/${w().id}/documents/${doc.id}/reparse`;
    expect((await api(emu, 'POST', url, { config_hash: hash })).status).toBe(200);
    const forced = await api(emu, 'POST', url, { config_hash: hash, force: true });
    expect(forced.status).toBe(202);
    expect(forced.body.parsings.at(-1).status).toBe('queued');
    expect((await api(emu, 'POST', url, { config_hash: hash })).status).toBe(202); // still queued
    const other = 'b'.repeat(64);
    const added = await api(emu, 'POST', url, { config_hash: other });
    expect(added.status).toBe(202);
    expect(added.body.parsings.map((p: { config_hash: string }) => p.config_hash)).toEqual([hash, other]);
    const bad = await api(emu, 'POST', url, { config_hash: 'cfg_9eeae65063f17f55' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.config_hash).toBeDefined();
  });

  it('replays the same parse failures for the same seed', async () => {
    const pattern = async (seed: number) => {
      const e = await startEmulator({ seed, rateLimit: null, parsing: { stepMs: 0, failRate: 0.5 } });
      try {
        const out: string[] = [];
        for (let i = 0; i < 8; i++) {
          const key = await upload(e, pdf(`seeded ${i}`));
          const r = await api(e, 'POST', `/workspaces/${e.seed.workspaces[0]!.id}/documents`, { key, filename: `f${i}.pdf` });
          out.push((await api(e, 'GET', `/workspaces/${e.seed.workspaces[0]!.id}/documents/${r.body.document.id}`)).body.status);
        }
        return out;
      } finally {
        await e.close();
      }
    };
    const a = await pattern(7);
    expect(await pattern(7)).toEqual(a);
    expect(a).toContain('failed');
    expect(a).toContain('processed');
  });
});

describe('results', () => {
  it('refuses a run on an empty session (422), defers while parsing, then completes with title and data', async () => {
    const sid = await newSession();
    expect((await api(emu, 'POST', `/extractions/sessions/${sid}/results`)).status).toBe(422);
    await api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [await upload(emu, pdf('to extract'))] });
    const run = await api(emu, 'POST', `/extractions/sessions/${sid}/results`);
    expect(run.status).toBe(201);
    expect(run.body.status).toBe('parsing_pending');
    expect(run.body.config_hash).toMatch(/^[0-9a-f]{64}$/);
    const seen = new Set<string>();
    const done = await eventually(async () => {
      const r = (await api(emu, 'GET', `/extractions/results/${run.body.id}`)).body;
      seen.add(r.status);
      return r.status === 'completed' || r.status === 'failed' ? r : undefined;
    });
    expect(done.status).toBe('completed');
    expect(seen.has('processing')).toBe(true);
    expect(done.title).toBeTruthy();
    expect(Object.keys(done.data).length).toBeGreaterThan(0);
    expect(done.document_refs[0]).toMatchObject({ kind: 'documentRef', workspaceId: w().id });
    const list = await api(emu, 'GET', `/extractions/sessions/${sid}/results`);
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([run.body.id]);
    expect(list.body.data[0].data).toBeUndefined();
    // Once documents are ready, a run starts as `created`.
    const second = await api(emu, 'POST', `/extractions/sessions/${sid}/results`);
    expect(second.body.status).toBe('created');
  });

  it('fails a deferred run when a document fails parsing', async () => {
    emu.setParsing({ failNames: ['doomed.pdf'] });
    const doc = await createDoc('doomed.pdf');
    emu.setParsing({ failNames: [] });
    const sid = await newSession();
    await api(emu, 'POST', `/extractions/sessions/${sid}/documents/attach`, { document_ids: [doc.id] });
    const run = await api(emu, 'POST', `/extractions/sessions/${sid}/results`);
    const end = await eventually(async () => {
      const r = (await api(emu, 'GET', `/extractions/results/${run.body.id}`)).body;
      return r.status === 'completed' || r.status === 'failed' ? r.status : undefined;
    });
    expect(end).toBe('failed');
  });
});

describe('batch create', () => {
  it('creates one "Pending..." session per key and auto-extracts once parsing is done', async () => {
    const tid = w().templates[0]!.id;
    const keys = [await upload(emu, pdf('batch a')), await upload(emu, pdf('batch b'))];
    const r = await api(emu, 'POST', `/extractions/templates/${tid}/sessions/batch`, { files: keys, settings: { auto_extract: true } });
    expect(r.status).toBe(201);
    expect(r.body.data).toHaveLength(2);
    expect(r.body.data[0].name).toBe('Pending...');
    const s = (await api(emu, 'GET', `/extractions/sessions/${r.body.data[0].id}`)).body;
    expect(s.documents).toHaveLength(1);
    expect(s.settings).toEqual({ auto_extract: true });
    expect(s.results).toHaveLength(0);
    await sleep(STEP * 2);
    const done = await eventually(async () => {
      const x = (await api(emu, 'GET', `/extractions/sessions/${r.body.data[1].id}`)).body;
      return x.results[0]?.status === 'completed' ? x : undefined;
    });
    expect(done.status).toBe('completed');
    const tooMany = await api(emu, 'POST', `/extractions/templates/${tid}/sessions/batch`, { files: Array.from({ length: 51 }, (_, i) => `tmp/${i}`) });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors.files).toBeDefined();
  });
});
