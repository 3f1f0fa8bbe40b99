// The emulator's API: tokens and scope, upload/dedup/attach semantics, documents, validation shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './index';
import { api, pdf, signedUrl, upload } from './test-helpers';
import type { RunningEmulator } from './types';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } });
});
afterAll(() => emu.close());

const ws = (i: number) => emu.seed.workspaces[i]!;
const newSession = async (workspace = 0, token = emu.token): Promise<string> => {
  const r = await api(emu, 'POST', '/extractions/sessions', { extraction_template_id: ws(workspace).templates[0]!.id, name: 'test' }, token);
  expect(r.status).toBe(201);
  return r.body.id;
};

describe('tokens, abilities and scope', () => {
  it('lists the seeded workspaces as {data}, each with at least one template', async () => {
    const r = await api(emu, 'GET', '/workspaces');
    expect(r.status).toBe(200);
    expect(r.body.data.map((w: { id: number }) => w.id)).toEqual(emu.seed.workspaces.map((w) => w.id));
    for (const w of emu.seed.workspaces) {
      const t = await api(emu, 'GET', `/workspaces/${w.id}/extractions/templates`);
      expect(t.status).toBe(200);
      expect(t.body.data.length).toBeGreaterThan(0);
      expect(t.body.meta).toMatchObject({ current_page: 1, per_page: 15 });
    }
  });

  it('paginates templates 15 per page', async () => {
    const p1 = await api(emu, 'GET', `/workspaces/${ws(1).id}/extractions/templates`);
    const p2 = await api(emu, 'GET', `/workspaces/${ws(1).id}/extractions/templates?page=2`);
    expect(p1.body.data).toHaveLength(15);
    expect(p2.body.meta).toEqual({ current_page: 2, last_page: 2, per_page: 15, total: ws(1).templates.length });
    expect(p2.body.data).toHaveLength(ws(1).templates.length - 15);
  });

  it('answers 401 for a missing, unknown or revoked token, with a Laravel {message}', async () => {
    expect((await api(emu, 'GET', '/workspaces', undefined, null)).status).toBe(401);
    const unknown = await api(emu, 'GET', '/workspaces', undefined, 'rd_live_nope');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ message: 'Unauthenticated.' });
    const t = emu.createToken();
    expect((await api(emu, 'GET', '/workspaces', undefined, t)).status).toBe(200);
    emu.revokeToken(t);
    expect((await api(emu, 'GET', '/workspaces', undefined, t)).status).toBe(401);
  });

  it('answers 403 when the token lacks the ability, before looking anything up', async () => {
    const t = emu.createToken({ abilities: ['workspaces-read'] });
    expect((await api(emu, 'GET', '/workspaces', undefined, t)).status).toBe(200);
    const r = await api(emu, 'GET', `/workspaces/${ws(0).id}/extractions/templates`, undefined, t);
    expect(r.status).toBe(403);
    expect(typeof r.body.message).toBe('string');
    expect((await api(emu, 'POST', `/extractions/sessions/${ws(0).sessions[0]!.id}/documents/upload`, { keys: ['tmp/x'] }, t)).status).toBe(403);
    // The signed-URL route needs no ability, only a valid token.
    expect((await api(emu, 'POST', '/vapor/signed-storage-url', {}, t)).status).toBe(200);
  });

  it('hides objects outside the token reach with 404 (workspace-scoped token, another user)', async () => {
    const scoped = emu.createToken({ workspaceIds: [ws(0).id] });
    const list = await api(emu, 'GET', '/workspaces', undefined, scoped);
    expect(list.body.data.map((w: { id: number }) => w.id)).toEqual([ws(0).id]);
    expect((await api(emu, 'GET', `/workspaces/${ws(1).id}/extractions/templates`, undefined, scoped)).status).toBe(404);
    expect((await api(emu, 'GET', `/extractions/templates/${ws(1).templates[0]!.id}`, undefined, scoped)).status).toBe(404);
    expect((await api(emu, 'GET', `/extractions/sessions/${ws(1).sessions[0]!.id}`, undefined, scoped)).status).toBe(404);
    const f = emu.seed.foreign;
    expect((await api(emu, 'GET', `/workspaces/${f.workspaceId}/extractions/templates`)).status).toBe(404);
    expect((await api(emu, 'GET', `/extractions/sessions/${f.sessionId}`)).status).toBe(404);
    const create = await api(emu, 'POST', '/extractions/sessions', { extraction_template_id: f.templateId });
    expect(create.status).toBe(422);
    expect(create.body.errors.extraction_template_id).toHaveLength(1);
  });
});

describe('sessions', () => {
  it('creates (201, empty documents/results), gets, renames and deletes', async () => {
    const c = await api(emu, 'POST', '/extractions/sessions', { extraction_template_id: ws(0).templates[0]!.id, name: 'Run A' });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ name: 'Run A', extraction_template_id: ws(0).templates[0]!.id, documents: [], results: [], status: 'pending' });
    const put = await api(emu, 'PUT', `/extractions/sessions/${c.body.id}`, { name: 'Run B' });
    expect(put.status).toBe(200);
    expect((await api(emu, 'GET', `/extractions/sessions/${c.body.id}`)).body.name).toBe('Run B');
    expect((await api(emu, 'DELETE', `/extractions/sessions/${c.body.id}`)).status).toBe(204);
    expect((await api(emu, 'GET', `/extractions/sessions/${c.body.id}`)).status).toBe(404);
  });

  it('reads a body only when it is sent as JSON (Laravel): a JSON text without the content type is a 422', async () => {
    const res = await fetch(`${emu.url}/extractions/sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emu.token}`, Accept: 'application/json', 'Content-Type': 'text/plain' },
      body: JSON.stringify({ extraction_template_id: ws(0).templates[0]!.id }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: Record<string, string[]> }).errors.extraction_template_id).toBeDefined();
  });

  it('answers 422 with {message, errors:{field:[...]}} for an invalid body', async () => {
    const r = await api(emu, 'POST', '/extractions/sessions', { name: 5 });
    expect(r.status).toBe(422);
    expect(typeof r.body.message).toBe('string');
    expect(Object.keys(r.body.errors).sort()).toEqual(['extraction_template_id', 'name']);
  });
});

describe('upload, dedup and attach', () => {
  it('turns keys into documents with sha256/size/mime from the stored bytes, named <uuid>.<ext>, not parsed (storage-only)', async () => {
    const sid = await newSession();
    const key = await upload(emu, pdf('one'));
    const r = await api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [key] });
    expect(r.status).toBe(200);
    const doc = r.body.data[0];
    expect(doc).toMatchObject({ workspace_id: ws(0).id, mime: 'application/pdf', size: pdf('one').length, status: 'uploaded' });
    expect(doc.filename).toBe(`${key.slice(4)}.pdf`);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.parsings).toEqual([]);
  });

  it('with parsing.autoParse, a new document comes back with a queued parsing for the default config hash', async () => {
    const e = await startEmulator({ rateLimit: null, parsing: { stepMs: 30, autoParse: true } });
    try {
      const r = await api(e, 'POST', `/workspaces/${e.seed.workspaces[0]!.id}/documents`, { key: await upload(e, pdf('auto')), filename: 'auto.pdf' });
      expect(r.status).toBe(201);
      expect(r.body.document.status).toBe('uploaded');
      expect(r.body.document.parsings).toEqual([expect.objectContaining({ status: 'queued', parser_version: 'v1', config_hash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    } finally {
      await e.close();
    }
  });

  it('refuses a consumed key, an unknown key and an unsupported format with 422, and changes nothing', async () => {
    const sid = await newSession();
    const key = await upload(emu, pdf('consume me'));
    expect((await api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [key] })).status).toBe(200);
    const again = await api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [key] });
    expect(again.status).toBe(422);
    expect(again.body.errors['keys.0']).toHaveLength(1);
    const unknown = await api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: ['tmp/never-issued'] });
    expect(unknown.status).toBe(422);
    const notUploaded = await signedUrl(emu);
    expect((await api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [notUploaded.key] })).status).toBe(422);
    const good = await upload(emu, pdf('good one'));
    const text = await upload(emu, new TextEncoder().encode('just text'), 'text/plain');
    const mixed = await api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [good, text] });
    expect(mixed.status).toBe(422);
    expect(mixed.body.errors['keys.1'][0]).toContain('pdf');
    expect(mixed.body.errors['keys.0']).toBeUndefined();
    // The good key was not consumed by the failed request.
    expect((await api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [good] })).status).toBe(200);
  });

  it('sniffs docx, pptx, doc, png, jpeg and tiff by magic bytes', async () => {
    const sid = await newSession();
    const zip = (dirName: string) => new Uint8Array(Buffer.from(`PK\x03\x04....[Content_Types].xml....${dirName}/document.xml....PK\x05\x06`, 'latin1'));
    const cases: Array<[Uint8Array<ArrayBuffer>, string]> = [
      [zip('word'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [zip('ppt'), 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
      [new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1]), 'application/msword'],
      [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 2]), 'image/png'],
      [new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 3]), 'image/jpeg'],
      [new Uint8Array([0x49, 0x49, 0x2a, 0x00, 4]), 'image/tiff'],
      [new Uint8Array([0x4d, 0x4d, 0x00, 0x2a, 5]), 'image/tiff'],
    ];
    for (const [bytes, mime] of cases) {
      const key = await upload(emu, bytes, 'application/octet-stream');
      const r = await api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [key] });
      expect(r.status, mime).toBe(200);
      expect(r.body.data[0].mime).toBe(mime);
    }
    const xlsx = await upload(emu, zip('xl'), 'application/octet-stream');
    expect((await api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [xlsx] })).status).toBe(422);
  });

  it('dedups per workspace by sha256 and attaches idempotently (counted in inspect)', async () => {
    const sid = await newSession();
    const bytes = pdf('same bytes');
    const first = await api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [await upload(emu, bytes)] });
    const second = await api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [await upload(emu, bytes)] });
    expect(second.status).toBe(200);
    expect(second.body.data[0].id).toBe(first.body.data[0].id);
    const list = await api(emu, 'GET', `/extractions/sessions/${sid}/documents`);
    expect(list.body.data).toHaveLength(1);
    const attach = await api(emu, 'POST', `/extractions/sessions/${sid}/documents/attach`, { document_ids: [first.body.data[0].id] });
    expect(attach.status).toBe(200);
    expect((await api(emu, 'GET', `/extractions/sessions/${sid}`)).body.documents).toHaveLength(1);
    const stat = emu.inspect().attachments.find((a) => a.sessionId === sid);
    expect(stat).toEqual({ sessionId: sid, sha256: first.body.data[0].sha256, count: 1, duplicates: 2 });
    // Another session in the same workspace reuses the document; another workspace gets its own.
    const sid2 = await newSession();
    const other = await api(emu, 'POST', `/extractions/sessions/${sid2}/documents/upload`, { keys: [await upload(emu, bytes)] });
    expect(other.body.data[0].id).toBe(first.body.data[0].id);
    const sid3 = await newSession(1);
    const elsewhere = await api(emu, 'POST', `/extractions/sessions/${sid3}/documents/upload`, { keys: [await upload(emu, bytes)] });
    expect(elsewhere.body.data[0].id).not.toBe(first.body.data[0].id);
    expect(elsewhere.body.data[0].workspace_id).toBe(ws(1).id);
  });

  it('creates-or-reuses workspace documents (201 new, 200 reused) and refuses cross-workspace attach', async () => {
    const w = ws(0).id;
    const bytes = pdf('workspace first');
    const a = await api(emu, 'POST', `/workspaces/${w}/documents`, { key: await upload(emu, bytes), filename: 'Invoice 1.pdf' });
    expect(a.status).toBe(201);
    expect(a.body.dedup).toEqual({ reused: false, matched_by: 'sha256' });
    expect(a.body.document.filename).toBe('Invoice 1.pdf');
    expect(a.body.document_ref).toMatchObject({ kind: 'documentRef', documentId: a.body.document.id, workspaceId: w, sha256: a.body.document.sha256 });
    const b = await api(emu, 'POST', `/workspaces/${w}/documents`, { key: await upload(emu, bytes), filename: 'copy.pdf' });
    expect(b.status).toBe(200);
    expect(b.body.dedup.reused).toBe(true);
    expect(b.body.document).toMatchObject({ id: a.body.document.id, filename: 'Invoice 1.pdf' });
    const missing = await api(emu, 'POST', `/workspaces/${w}/documents`, { key: await upload(emu, pdf('no name')) });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.filename).toBeDefined();

    const sid = await newSession(0);
    expect((await api(emu, 'POST', `/extractions/sessions/${sid}/documents/attach`, { document_ids: [a.body.document.id] })).status).toBe(200);
    const otherWs = await newSession(1);
    const cross = await api(emu, 'POST', `/extractions/sessions/${otherWs}/documents/attach`, { document_ids: [a.body.document.id] });
    expect(cross.status).toBe(422);
    expect(cross.body.errors['document_ids.0']).toBeDefined();

    const found = await api(emu, 'GET', `/workspaces/${w}/documents?query=${a.body.document.sha256}`);
    expect(found.body.data.map((d: { id: string }) => d.id)).toEqual([a.body.document.id]);
    const byName = await api(emu, 'GET', `/workspaces/${w}/documents?query=invoice%201`);
    expect(byName.body.data.map((d: { id: string }) => d.id)).toContain(a.body.document.id);
    expect((await api(emu, 'GET', `/workspaces/${w}/documents?per_page=101`)).status).toBe(422);
    expect((await api(emu, 'GET', `/workspaces/${w}/documents/${a.body.document.id}`)).body.id).toBe(a.body.document.id);
    expect((await api(emu, 'GET', `/workspaces/${ws(1).id}/documents/${a.body.document.id}`)).status).toBe(404);
  });

  it('detaches (204) without deleting the workspace document; re-attaching counts a new link', async () => {
    const sid = await newSession();
    const up = await api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys: [await upload(emu, pdf('detach me'))] });
    const id = up.body.data[0].id;
    expect((await api(emu, 'DELETE', `/extractions/sessions/${sid}/documents/${id}`)).status).toBe(204);
    expect((await api(emu, 'DELETE', `/extractions/sessions/${sid}/documents/${id}`)).status).toBe(404);
    expect((await api(emu, 'GET', `/extractions/sessions/${sid}/documents`)).body.data).toHaveLength(0);
    expect((await api(emu, 'GET', `/workspaces/${ws(0).id}/documents/${id}`)).status).toBe(200);
    await api(emu, 'POST', `/extractions/sessions/${sid}/documents/attach`, { document_ids: [id] });
    expect(emu.inspect().attachments.find((a) => a.sessionId === sid)?.count).toBe(2);
  });

  it('paginates the session document list (15 by default, per_page up to 100)', async () => {
    const sid = await newSession();
    const keys = [];
    for (let i = 0; i < 17; i++) keys.push(await upload(emu, pdf(`page item ${i}`)));
    expect((await api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys })).status).toBe(200);
    const p1 = await api(emu, 'GET', `/extractions/sessions/${sid}/documents`);
    expect(p1.body.data).toHaveLength(15);
    expect(p1.body.meta).toEqual({ current_page: 1, last_page: 2, per_page: 15, total: 17 });
    expect(p1.body.data[0].parsings).toEqual([]); // storage-only: listed with parsings[], empty until a reparse or run
    const all = await api(emu, 'GET', `/extractions/sessions/${sid}/documents?per_page=100`);
    expect(all.body.data).toHaveLength(17);
  });
});
