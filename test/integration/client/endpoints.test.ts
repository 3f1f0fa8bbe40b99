// Contract: every endpoint the uploader uses, called through RaydocsClient against the real emulator.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { documentParseState, ENDPOINTS, endpointLabel, isTerminalResultStatus, matchEndpoint } from '../../../shared/api';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { CONFIG_HASH, pdfBytes, poll, sha256, uploadKey } from './helpers';

let emu: RunningEmulator;
let client: RaydocsClient;
let templateId: string;
const WS = 1;

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 20 } });
  client = new RaydocsClient({ baseUrl: emu.url, token: emu.token, timeoutMs: 5000 });
  templateId = emu.seed.workspaces[0]?.templates[0]?.id ?? '';
});

afterAll(async () => {
  await emu.close();
});

describe('workspaces and templates', () => {
  it('GET /workspaces lists the seeded workspaces with integer ids', async () => {
    const list = await client.listWorkspaces();
    expect(list.map((w) => [w.id, w.name])).toEqual(emu.seed.workspaces.map((w) => [w.id, w.name]));
  });

  it('GET /workspaces/{id}/extractions/templates pages, and listAllTemplates walks every page', async () => {
    const legal = emu.seed.workspaces[1];
    if (!legal) throw new Error('seed has no second workspace');
    const first = await client.listTemplates(legal.id);
    expect(first.meta.current_page).toBe(1);
    expect(first.meta.last_page).toBeGreaterThan(1);
    const second = await client.listTemplates(legal.id, 2);
    expect(second.meta.current_page).toBe(2);
    const all = await client.listAllTemplates(legal.id);
    expect(all.map((t) => t.id).sort()).toEqual(legal.templates.map((t) => t.id).sort());
  });

  it('GET /extractions/templates/{id} returns the full template', async () => {
    const t = await client.getTemplate(templateId);
    expect(t).toMatchObject({ id: templateId, workspace_id: WS });
    expect(t.schema_json).not.toBeNull();
  });
});

describe('request plumbing', () => {
  it('beforeRequest sees each call as the server logs it: method and path, no query string', async () => {
    const hooked: Array<{ method: string; path: string }> = [];
    const c = new RaydocsClient({ baseUrl: emu.url, token: emu.token, beforeRequest: async (r) => void hooked.push(r) });
    const before = emu.inspect().requests.length;
    await c.listWorkspaces();
    await c.listTemplates(2, 2);
    const logged = emu.inspect().requests.slice(before).map(({ method, path }) => ({ method, path }));
    expect(hooked).toEqual([
      { method: 'GET', path: '/workspaces' },
      { method: 'GET', path: '/workspaces/2/extractions/templates' },
    ]);
    expect(logged).toEqual(hooked);
  });
});

describe('sessions', () => {
  it('creates (201), reads with documents[] and results[], and renames', async () => {
    const created = await client.createSession({ extraction_template_id: templateId, name: 'Contract test' });
    expect(created).toMatchObject({ name: 'Contract test', extraction_template_id: templateId, documents: [], results: [] });
    const read = await client.getSession(created.id);
    expect(read.id).toBe(created.id);
    const renamed = await client.renameSession(created.id, 'Renamed');
    expect(renamed.name).toBe('Renamed');
    expect((await client.getSession(created.id)).name).toBe('Renamed');
  });
});

describe('upload flow', () => {
  it('signed URL → S3 PUT → documents/upload gives the document with our sha256, attached once', async () => {
    const session = await client.createSession({ extraction_template_id: templateId });
    const bytes = pdfBytes();
    const signed = await client.signedStorageUrl({ content_type: 'application/pdf' });
    expect(signed.key).toMatch(/^tmp\//);
    expect(signed.headers['Content-Type']).toBe('application/pdf');
    const key = await uploadKey(client, bytes);
    const [doc] = await client.uploadSessionDocuments(session.id, [key]);
    expect(doc).toMatchObject({ workspace_id: WS, sha256: sha256(bytes), mime: 'application/pdf', size: bytes.length });

    // Same content again through a fresh key: the document is reused and the session link is not duplicated.
    const again = await client.uploadSessionDocuments(session.id, [await uploadKey(client, bytes)]);
    expect(again[0]?.id).toBe(doc?.id);
    const stats = emu.inspect().attachments.filter((a) => a.sessionId === session.id);
    expect(stats).toEqual([expect.objectContaining({ sha256: sha256(bytes), count: 1 })]);

    const listed = await client.listSessionDocuments(session.id);
    expect(listed.map((d) => d.id)).toEqual([doc?.id]);
    // Storage-only: the document is stored and nothing parses it until a run or a reparse.
    expect(listed[0]).toMatchObject({ status: 'uploaded', parsings: [] });
    await client.runExtraction(session.id);
    const ready = await poll(() => client.listSessionDocuments(session.id), (docs) => docs.every((d) => d.parsings.length > 0 && documentParseState(d) !== 'in-progress'));
    expect(documentParseState(ready[0]!)).toBe('ready');
  });

  it('lists more documents than one default page (15) holds', async () => {
    const session = await client.createSession({ extraction_template_id: templateId });
    const keys = await Promise.all(Array.from({ length: 18 }, () => uploadKey(client, pdfBytes())));
    await client.uploadSessionDocuments(session.id, keys);
    expect(await client.listSessionDocuments(session.id)).toHaveLength(18);
  });

  it('detaches (204) and re-attaches by document id', async () => {
    const session = await client.createSession({ extraction_template_id: templateId });
    const [doc] = await client.uploadSessionDocuments(session.id, [await uploadKey(client, pdfBytes())]);
    if (!doc) throw new Error('no document');
    await client.detachSessionDocument(session.id, doc.id);
    expect(await client.listSessionDocuments(session.id)).toEqual([]);
    const attached = await client.attachSessionDocuments(session.id, [doc.id]);
    expect(attached.map((d) => d.id)).toEqual([doc.id]);
    expect((await client.getSession(session.id)).documents.map((d) => d.id)).toEqual([doc.id]);
  });
});

describe('workspace documents', () => {
  it('creates (201, reused false), then reuses identical bytes (200, reused true)', async () => {
    const bytes = pdfBytes();
    const first = await client.createWorkspaceDocument(WS, { key: await uploadKey(client, bytes), filename: 'a.pdf', mime: 'application/pdf' });
    expect(first).toMatchObject({ reused: false, document: { filename: 'a.pdf', sha256: sha256(bytes) } });
    const second = await client.createWorkspaceDocument(WS, { key: await uploadKey(client, bytes), filename: 'copy.pdf' });
    expect(second.reused).toBe(true);
    expect(second.document.id).toBe(first.document.id);
  });

  it('lists with a query (by sha256) and reads one document with parsings', async () => {
    const bytes = pdfBytes();
    const { document } = await client.createWorkspaceDocument(WS, { key: await uploadKey(client, bytes), filename: `find-${randomUUID()}.pdf` });
    const page = await client.listWorkspaceDocuments(WS, { query: sha256(bytes), per_page: 10 });
    expect(page.data.map((d) => d.id)).toEqual([document.id]);
    expect(page.meta).toMatchObject({ current_page: 1, total: 1 });
    expect(await client.getWorkspaceDocument(WS, document.id)).toMatchObject({ id: document.id, status: 'uploaded', parsings: [] });
    await client.reparseDocument(WS, document.id, { config_hash: CONFIG_HASH });
    const read = await poll(() => client.getWorkspaceDocument(WS, document.id), (d) => documentParseState(d) !== 'in-progress');
    expect(read.parsings.map((p) => p.config_hash)).toEqual([CONFIG_HASH]);
    expect(documentParseState(read)).toBe('ready');
  });

  it('reparse queues a parsing for a 64-char config hash', async () => {
    const { document } = await client.createWorkspaceDocument(WS, { key: await uploadKey(client, pdfBytes()), filename: 'r.pdf' });
    const answer = await client.reparseDocument(WS, document.id, { config_hash: CONFIG_HASH, force: true });
    // The body is undocumented: null is a valid answer; when a document comes back it must carry the new parsing.
    if (answer) expect(answer.parsings.map((p) => p.config_hash)).toContain(CONFIG_HASH);
    const done = await poll(
      () => client.getWorkspaceDocument(WS, document.id),
      (d) => d.parsings.some((p) => p.config_hash === CONFIG_HASH && p.status === 'ready'),
    );
    expect(documentParseState(done)).toBe('ready');
  });
});

describe('results and batch', () => {
  it('runs an extraction (201) and polls the result to a terminal status', async () => {
    const session = await client.createSession({ extraction_template_id: templateId });
    await client.uploadSessionDocuments(session.id, [await uploadKey(client, pdfBytes())]);
    const run = await client.runExtraction(session.id);
    expect(run.extraction_session_id).toBe(session.id);
    expect(isTerminalResultStatus(run.status)).toBe(false);
    const final = await poll(() => client.getResult(run.id), (r) => isTerminalResultStatus(r.status));
    expect(final.status).toBe('completed');
    expect(final.document_refs).toHaveLength(1);
    const listed = await client.listResults(session.id);
    expect(listed.map((r) => r.id)).toEqual([run.id]);

    // Exports: the result's workbook, and the batch export by each route the docs name (§7.8).
    const dir = await mkdtemp(join(tmpdir(), 'endpoints-export-'));
    try {
      const one = await client.exportResultExcel(run.id, join(dir, 'one.xlsx'));
      expect(one).toMatchObject({ filename: 'extraction_result.xlsx', bytes: (await stat(join(dir, 'one.xlsx'))).size });
      const played = emu.getVariants();
      try {
        for (const variants of [[], ['prose-batch-export']] as const) {
          emu.setVariants([...variants]);
          const all = await client.exportSessionsExcel(templateId, [session.id], join(dir, 'all.xlsx'));
          expect(all.filename).toBe('sessions_export.xlsx');
        }
      } finally {
        emu.setVariants(played);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('batch-creates one session per key', async () => {
    const keys = [await uploadKey(client, pdfBytes()), await uploadKey(client, pdfBytes())];
    const created = await client.batchCreateSessions(templateId, { files: keys, settings: { auto_extract: false } });
    expect(created).toHaveLength(2);
    expect(created.every((s) => s.name === 'Pending...')).toBe(true);
    expect((await client.getSession(created[0]!.id)).documents).toHaveLength(1);
  });
});

describe('coverage', () => {
  // Runs last: every endpoint the uploader uses was called above and answered with a documented success status.
  it('every endpoint in ENDPOINTS was exercised, each success with its documented status', () => {
    const seen = new Map<string, Set<number>>();
    for (const r of emu.inspect().requests) {
      const endpoint = matchEndpoint(r.method, r.path);
      if (!endpoint || r.status < 200 || r.status >= 300) continue;
      const label = endpointLabel(endpoint);
      seen.set(label, (seen.get(label) ?? new Set()).add(r.status));
      expect(endpoint.success, `${label} answered ${r.status}`).toContain(r.status);
    }
    expect([...seen.keys()].sort()).toEqual(Object.values(ENDPOINTS).map(endpointLabel).sort());
  });
});
