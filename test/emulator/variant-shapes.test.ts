// The API-shape variants: PHP's empty arrays, simple and cursor paginators, lists without sha256, G1 field names,
// string workspace ids, and Vapor's own signed-URL answer with an S3 that verifies its signed x-amz-acl.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './index';
import { api, pdf } from './test-helpers';
import type { RunningEmulator } from './types';
import type { Variant } from './variants';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 }, variants: [] });
});
afterAll(() => emu.close());

const play = (...v: Variant[]): void => emu.setVariants(v);
const ws = (i: number) => emu.seed.workspaces[i]!;

/** Signed URL + PUT with the answer's headers less Host (the URL decides it), whatever shape the headers come in. */
async function putKey(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const s = await api(emu, 'POST', '/vapor/signed-storage-url', { content_type: 'application/pdf' });
  expect([200, 201]).toContain(s.status);
  const headers = Object.fromEntries(
    Object.entries(s.body.headers as Record<string, string | string[]>)
      .filter(([k]) => k.toLowerCase() !== 'host')
      .map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
  );
  const res = await request(s.body.url, { method: 'PUT', headers: { ...headers, 'content-length': String(bytes.length) }, body: bytes });
  expect(res.statusCode, await res.body.text()).toBe(200);
  return s.body.key;
}

/** A session of workspace 1 holding `n` documents. */
async function sessionWith(n: number): Promise<string> {
  const s = await api(emu, 'POST', '/extractions/sessions', { extraction_template_id: ws(0).templates[0]!.id, name: 'shapes' });
  const keys = [];
  for (let i = 0; i < n; i++) keys.push(await putKey(pdf(`shapes ${s.body.id} ${i}`)));
  expect((await api(emu, 'POST', `/extractions/sessions/${s.body.id}/documents/upload`, { keys })).status).toBe(200);
  return s.body.id;
}

describe('php-empty-arrays', () => {
  it('empty objects come back as []: session and workspace settings, a pending result’s data and audit_data', async () => {
    play('php-empty-arrays');
    const s = await api(emu, 'POST', '/extractions/sessions', { extraction_template_id: ws(0).templates[0]!.id });
    expect(s.status).toBe(201);
    expect(s.body.settings).toEqual([]);
    expect((await api(emu, 'GET', '/workspaces')).body.data[0].settings).toEqual([]);
    const id = await sessionWith(1);
    const run = await api(emu, 'POST', `/extractions/sessions/${id}/results`);
    expect(run.body).toMatchObject({ status: 'parsing_pending', data: [], audit_data: [] });
    expect((await api(emu, 'GET', `/extractions/templates/${ws(0).templates[0]!.id}`)).body.schema_json.definitions).toEqual([]);
    play();
    expect((await api(emu, 'GET', `/extractions/sessions/${id}`)).body.settings).toEqual({});
  });
});

describe('simple-pagination', () => {
  it('meta has no last_page or total; links.next names the next page (page only, as Laravel), null at the end', async () => {
    play('simple-pagination');
    const p1 = await api(emu, 'GET', `/workspaces/${ws(1).id}/extractions/templates`);
    expect(p1.body.meta).toEqual({ current_page: 1, from: 1, path: `${emu.url}/workspaces/${ws(1).id}/extractions/templates`, per_page: 15, to: 15 });
    expect(p1.body.links).toMatchObject({ prev: null, last: null, next: `${emu.url}/workspaces/${ws(1).id}/extractions/templates?page=2` });
    const p2 = await api(emu, 'GET', `/workspaces/${ws(1).id}/extractions/templates?page=2`);
    expect(p2.body.data).toHaveLength(2);
    expect(p2.body.links.next).toBeNull();
    const id = await sessionWith(3);
    const docs = await api(emu, 'GET', `/extractions/sessions/${id}/documents?per_page=2`);
    expect(docs.body.links.next).toBe(`${emu.url}/extractions/sessions/${id}/documents?page=2`);
    expect((await api(emu, 'GET', `/extractions/sessions/${id}/documents?per_page=2&page=2`)).body).toMatchObject({ links: { next: null }, meta: { current_page: 2, to: 3 } });
    expect((await api(emu, 'GET', '/workspaces')).body).toMatchObject({ links: { next: null }, meta: { current_page: 1, per_page: 15 } });
    expect((await api(emu, 'GET', `/workspaces/${ws(0).id}/documents?per_page=1`)).body.links.next).toContain('?page=2');
    expect((await api(emu, 'GET', `/extractions/sessions/${id}/results`)).body).toMatchObject({ data: [], links: { next: null } });
  });
});

describe('cursor-pagination', () => {
  it('pages by an opaque cursor and meta.next_cursor, with no page numbers; `page` is ignored', async () => {
    play('cursor-pagination');
    const path = `/workspaces/${ws(1).id}/extractions/templates`;
    const p1 = await api(emu, 'GET', path);
    expect(p1.body.meta).toMatchObject({ per_page: 15, prev_cursor: null });
    expect(p1.body.meta).not.toHaveProperty('current_page');
    expect(typeof p1.body.meta.next_cursor).toBe('string');
    expect(p1.body.links.next).toBe(`${emu.url}${path}?cursor=${p1.body.meta.next_cursor}`);
    expect((await api(emu, 'GET', `${path}?page=2`)).body.data).toEqual(p1.body.data);
    const p2 = await api(emu, 'GET', `${path}?cursor=${p1.body.meta.next_cursor}`);
    expect(p2.body.data).toHaveLength(2);
    expect(p2.body.meta.next_cursor).toBeNull();
    const ids = [...p1.body.data, ...p2.body.data].map((t: { id: string }) => t.id).sort();
    expect(ids).toEqual(ws(1).templates.map((t) => t.id).sort());
    expect((await api(emu, 'GET', `${path}?cursor=garbage`)).body.data).toEqual(p1.body.data);
    expect((await api(emu, 'GET', '/workspaces')).body.meta).toMatchObject({ next_cursor: null });
  });
});

describe('no-sha-in-lists', () => {
  it('document lists (session, workspace, a session’s documents) omit sha256; one document read and upload answers keep it', async () => {
    play();
    const id = await sessionWith(1);
    play('no-sha-in-lists');
    const listed = (await api(emu, 'GET', `/extractions/sessions/${id}/documents`)).body.data[0];
    expect(listed).not.toHaveProperty('sha256');
    expect((await api(emu, 'GET', `/extractions/sessions/${id}`)).body.documents[0]).not.toHaveProperty('sha256');
    const inWorkspace = (await api(emu, 'GET', `/workspaces/${ws(0).id}/documents`)).body.data;
    expect(inWorkspace.every((d: object) => !('sha256' in d))).toBe(true);
    expect((await api(emu, 'GET', `/workspaces/${ws(0).id}/documents/${listed.id}`)).body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const up = await api(emu, 'POST', `/extractions/sessions/${id}/documents/upload`, { keys: [await putKey(pdf('sha kept'))] });
    expect(up.body.data[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('g1-field-names and string-workspace-ids', () => {
  it('documents say mime_type and extraction_session_id; workspace_id is a string in bodies', async () => {
    play('g1-field-names', 'string-workspace-ids');
    const id = await sessionWith(1);
    const doc = (await api(emu, 'GET', `/extractions/sessions/${id}/documents`)).body.data[0];
    expect(doc).toMatchObject({ mime_type: 'application/pdf', extraction_session_id: id, workspace_id: String(ws(0).id) });
    expect(doc).not.toHaveProperty('mime');
    expect((await api(emu, 'GET', `/workspaces/${ws(0).id}/documents/${doc.id}`)).body).toMatchObject({ extraction_session_id: null, workspace_id: '1' });
    expect((await api(emu, 'GET', `/extractions/templates/${ws(0).templates[0]!.id}`)).body.workspace_id).toBe('1');
    expect((await api(emu, 'GET', '/workspaces')).body.data[0].id).toBe(1);
  });
});

describe('vapor-signed-url', () => {
  it('answers 201 with array headers naming Host and x-amz-acl; S3 wants x-amz-acl and the URL’s own host', async () => {
    play('vapor-signed-url');
    const s = await api(emu, 'POST', '/vapor/signed-storage-url', { content_type: 'application/pdf' });
    expect(s.status).toBe(201);
    expect(s.body.headers).toEqual({ 'Content-Type': ['application/pdf'], Host: ['raydocs-bucket.s3.us-east-1.amazonaws.com'], 'x-amz-acl': ['private'] });
    expect(new URL(s.body.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host;x-amz-acl');
    const bytes = pdf('vapor');
    const put = async (headers: Record<string, string>) => {
      const res = await request(s.body.url, { method: 'PUT', headers: { ...headers, 'content-length': String(bytes.length) }, body: bytes });
      return { status: res.statusCode, text: await res.body.text() };
    };
    expect(await put({ 'Content-Type': 'application/pdf' })).toMatchObject({ status: 403, text: expect.stringContaining('SignatureDoesNotMatch') });
    const replayed = await put({ 'Content-Type': 'application/pdf', 'x-amz-acl': 'private', Host: 'raydocs-bucket.s3.us-east-1.amazonaws.com' });
    expect(replayed).toMatchObject({ status: 403, text: expect.stringContaining('SignatureDoesNotMatch') });
    expect((await put({ 'Content-Type': 'application/pdf', 'x-amz-acl': 'public-read' })).status).toBe(403);
    expect((await put({ 'Content-Type': 'application/pdf', 'x-amz-acl': 'private' })).status).toBe(200);
  });
});
