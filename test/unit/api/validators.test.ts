// Validators: one test per tolerated variant the docs show, and the rejections that protect the app.
import { describe, expect, it } from 'vitest';
import { parseResponse, responses, ResponseShapeError, type ResponseName, type ResponseOf } from '../../../shared/api';
import { g1Doc, g2Doc, meta, result, session, template, ws } from './fixtures';

function parse<N extends ResponseName>(name: N, body: unknown): ResponseOf<N> {
  return parseResponse(`TEST ${name}`, responses[name], body) as ResponseOf<N>;
}

function shapeError(fn: () => unknown): ResponseShapeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ResponseShapeError) return err;
    throw err;
  }
  throw new Error('expected a ResponseShapeError');
}

describe('list envelopes', () => {
  it('accepts workspaces as a bare array (prose)', () => {
    expect(parse('listWorkspaces', [ws]).data).toEqual([{ id: 12, name: 'Finance', icon: '📁', created_at: ws.created_at, updated_at: ws.updated_at }]);
  });
  it('accepts workspaces in a {data} envelope (OpenAPI, official clients)', () => {
    expect(parse('listWorkspaces', { data: [ws] }).data[0]?.id).toBe(12);
  });
  it('accepts a workspace id sent as a numeric string and makes it a number', () => {
    expect(parse('listWorkspaces', [{ ...ws, id: '12' }]).data[0]?.id).toBe(12);
  });
  it('accepts session documents as {data, meta} and as a bare G1 array', () => {
    expect(parse('listSessionDocuments', { data: [g2Doc], meta }).data).toHaveLength(1);
    expect(parse('listSessionDocuments', [g1Doc]).data[0]?.extraction_session_id).toBe(g1Doc.extraction_session_id);
  });
  it('accepts batch-created sessions bare or enveloped', () => {
    const item = { id: 's-9', name: 'Pending...', created_at: '2026-03-04T10:00:00Z' };
    expect(parse('batchCreateSessions', [item])).toEqual([item]);
    expect(parse('batchCreateSessions', { data: [item] })).toEqual([item]);
  });
});

describe('pagination shapes', () => {
  it('reads {data, meta}', () => {
    expect(parse('listTemplates', { data: [template], meta }).meta).toEqual(meta);
  });
  it("reads Laravel's plain paginator (page fields beside data)", () => {
    const page = parse('listTemplates', { data: [template], ...meta, from: 1, to: 15 });
    expect(page.meta).toEqual(meta);
  });
  it('reads a bare array as one complete page', () => {
    expect(parse('listTemplates', [template]).meta).toEqual({ current_page: 1, last_page: 1, per_page: 1, total: 1 });
  });
  it('accepts a template list item without schema_json/settings (prose list example)', () => {
    const t = parse('listTemplates', { data: [{ id: template.id, name: 'Invoices' }], meta }).data[0];
    expect(t).toMatchObject({ id: template.id, name: 'Invoices', schema_json: null, settings: null });
  });
  it('accepts string page numbers', () => {
    expect(parse('listWorkspaceDocuments', { data: [], meta: { current_page: '2', last_page: '3', per_page: '15', total: '31' } }).meta.last_page).toBe(3);
  });
});

describe('documents', () => {
  it('keeps G2 documents as they are, sha256 lower-cased for comparison', () => {
    const doc = parse('getWorkspaceDocument', g2Doc);
    expect(doc).toMatchObject({ id: g2Doc.id, workspace_id: 12, mime: 'application/pdf', size: 48213, status: 'processed', sha256: 'a'.repeat(64) });
    expect(doc.parsings).toEqual([g2Doc.parsings[0]]);
  });
  it('normalizes G1 names: mime_type → mime, meta.file_size → size', () => {
    const doc = parse('getWorkspaceDocument', g1Doc);
    expect(doc).toMatchObject({ mime: 'image/png', size: 1024, page_count: 1, workspace_id: null, parsings: [] });
    expect(doc).not.toHaveProperty('mime_type');
  });
  it('accepts workspace_id as a number, a numeric string or a UUID-looking string', () => {
    expect(parse('getWorkspaceDocument', { ...g2Doc, workspace_id: '12' }).workspace_id).toBe(12);
    const uuid = '660e8400-e29b-41d4-a716-446655440000';
    expect(parse('getWorkspaceDocument', { ...g2Doc, workspace_id: uuid }).workspace_id).toBe(uuid);
  });
  it('keeps unknown document and parsing statuses as-is', () => {
    const doc = parse('getWorkspaceDocument', { ...g2Doc, status: 'ocr_running', parsings: [{ ...g2Doc.parsings[0], status: 'warming_up' }] });
    expect(doc.status).toBe('ocr_running');
    expect(doc.parsings[0]?.status).toBe('warming_up');
  });
  it('ignores extra fields (source, meta, bucket…)', () => {
    const doc = parse('getWorkspaceDocument', { ...g2Doc, source: { type: 'upload' }, brand_new_field: 1 });
    expect(doc).not.toHaveProperty('brand_new_field');
  });
  it('accepts a single object inside a Laravel {data} envelope', () => {
    expect(parse('getWorkspaceDocument', { data: g2Doc }).id).toBe(g2Doc.id);
  });
  it('reads the create-document envelope with dedup, and a bare document with reused unknown', () => {
    expect(parse('createWorkspaceDocument', { document: g2Doc, dedup: { reused: true, matched_by: 'sha256' }, document_ref: {} })).toMatchObject({ reused: true });
    expect(parse('createWorkspaceDocument', g2Doc)).toMatchObject({ document: { id: g2Doc.id }, reused: null });
  });
  it('reads the undocumented reparse body as a document when it is one, else null', () => {
    expect(parse('reparseDocument', g2Doc)?.id).toBe(g2Doc.id);
    expect(parse('reparseDocument', { document: g2Doc })?.id).toBe(g2Doc.id);
    expect(parse('reparseDocument', { message: 'Parsing queued' })).toBeNull();
    expect(parse('reparseDocument', null)).toBeNull();
  });
});

describe('sessions, results, signed URL', () => {
  it('reads a session with embedded documents (G2 and G1 shapes) and results', () => {
    const s = parse('getSession', { ...session, documents: [g2Doc, g1Doc] });
    expect(s.documents.map((d) => d.mime)).toEqual(['application/pdf', 'image/png']);
    expect(s.results[0]?.status).toBe('completed');
  });
  it('treats missing documents/results (create, rename answers) as empty', () => {
    const { documents: _d, results: _r, ...bare } = session;
    expect(parse('createSession', bare)).toMatchObject({ documents: [], results: [] });
  });
  it('maps G1 result `reasoning` to audit_data and keeps a G1 `pending` status', () => {
    const { audit_data: _a, ...g1 } = result;
    const r = parse('getResult', { ...g1, status: 'pending', reasoning: { x: 1 } });
    expect(r).toMatchObject({ status: 'pending', audit_data: { x: 1 } });
  });
  it('keeps a result whose own `data` field looks like an envelope', () => {
    expect(parse('runExtraction', result).data).toEqual(result.data);
  });
  it('reads document_refs workspaceId as number or string', () => {
    const r = parse('getResult', { ...result, document_refs: [{ ...result.document_refs[0], workspaceId: 12 }] });
    expect(r.document_refs[0]?.workspaceId).toBe(12);
  });
  it('accepts the signed URL with and without uuid, with extra `bucket`', () => {
    const body = { key: 'tmp/abc', url: 'https://bucket.s3.amazonaws.com/tmp/abc?X-Amz-Signature=x', headers: { 'Content-Type': 'application/pdf' } };
    expect(parse('signedStorageUrl', body)).toEqual({ ...body, uuid: null });
    expect(parse('signedStorageUrl', { ...body, uuid: 'abc', bucket: 'b' }).uuid).toBe('abc');
  });
  it("reads PHP's empty headers `[]`, missing headers, and array-valued headers", () => {
    const base = { key: 'tmp/a', url: 'https://s3.example/tmp/a' };
    expect(parse('signedStorageUrl', { ...base, headers: [] }).headers).toEqual({});
    expect(parse('signedStorageUrl', base).headers).toEqual({});
    expect(parse('signedStorageUrl', { ...base, headers: { Host: ['s3.example'], 'x-amz-acl': 'private' } }).headers).toEqual({
      Host: 's3.example',
      'x-amz-acl': 'private',
    });
  });
});

describe("PHP's empty associative array `[]` where an object is expected (php-empty-arrays)", () => {
  it('reads session settings, template schema_json/settings, result data/audit_data given as [] as empty objects', () => {
    expect(parse('createSession', { ...session, settings: [] }).settings).toEqual({});
    expect(parse('getTemplate', { ...template, schema_json: [], settings: [] })).toMatchObject({ schema_json: {}, settings: {} });
    expect(parse('getResult', { ...result, data: [], audit_data: [] })).toMatchObject({ data: {}, audit_data: {} });
    expect(parse('getSession', { ...session, results: [{ ...result, data: [], audit_data: [] }] }).results[0]).toMatchObject({ data: {}, audit_data: {} });
  });
  it('still refuses a non-empty array where an object is expected', () => {
    expect(shapeError(() => parse('getResult', { ...result, data: [1] })).issues[0]?.path).toBe('data');
  });
  it('reads a paginated list whose meta or links is []', () => {
    expect(parse('listTemplates', { data: [template], meta: [], links: [] }).data).toHaveLength(1);
  });
});

describe('paginators without last_page (simple-pagination, cursor-pagination)', () => {
  it("reads Laravel's simple paginator: links.next names the next page, null on the last", () => {
    const more = parse('listTemplates', { data: [template], links: { first: 'https://x/t?page=1', last: null, prev: null, next: 'https://x/t?page=2' }, meta: { current_page: 1, from: 1, per_page: 15, to: 15, path: 'https://x/t' } });
    expect(more.meta).toEqual({ current_page: 1, last_page: null, per_page: 15, total: null });
    expect(more.next).toEqual({ kind: 'page', page: 2 });
    expect(parse('listTemplates', { data: [template], links: { next: null }, meta: { current_page: 2, per_page: 15 } }).next).toBeNull();
  });
  it('reads a cursor paginator: meta.next_cursor, no page numbers', () => {
    const page = parse('listSessionDocuments', { data: [g2Doc], links: { next: 'https://x/d?cursor=abc' }, meta: { path: 'https://x/d', per_page: 15, next_cursor: 'abc', prev_cursor: null } });
    expect(page.meta.current_page).toBeNull();
    expect(page.next).toEqual({ kind: 'cursor', cursor: 'abc' });
    expect(parse('listSessionDocuments', { data: [g2Doc], meta: { per_page: 15, next_cursor: null } }).next).toBeNull();
  });
  it("reads Laravel's plain (non-resource) simple and cursor paginators", () => {
    expect(parse('listTemplates', { data: [template], current_page: 1, per_page: 15, next_page_url: 'https://x/t?page=2' }).next).toEqual({ kind: 'page', page: 2 });
    expect(parse('listTemplates', { data: [template], per_page: 15, next_cursor: 'c1', next_page_url: 'https://x/t?cursor=c1' }).next).toEqual({ kind: 'cursor', cursor: 'c1' });
  });
  it('a partial meta leaves next unsaid, for last_page or the page size to decide', () => {
    const page = parse('listWorkspaceDocuments', { data: [g2Doc], meta: { current_page: 1 } });
    expect(page.meta).toEqual({ current_page: 1, last_page: null, per_page: null, total: null });
    expect(page).not.toHaveProperty('next');
  });
  it('reads workspaces in a paginated envelope', () => {
    expect(parse('listWorkspaces', { data: [ws], links: { next: 'https://x/workspaces?page=2' }, meta: { current_page: 1, per_page: 1 } }).next).toEqual({ kind: 'page', page: 2 });
  });
});

describe('rejections name the endpoint and the field path', () => {
  it('rejects a workspace without id, pointing at [0].id of a bare array', () => {
    const err = shapeError(() => parse('listWorkspaces', [{ name: 'x' }]));
    expect(err.endpoint).toBe('TEST listWorkspaces');
    expect(err.issues[0]?.path).toBe('[0].id');
    expect(err.message).toMatch(/^Unexpected response from TEST listWorkspaces: \[0\]\.id: /);
  });
  it('rejects an enveloped list item without id at data[1].id', () => {
    expect(shapeError(() => parse('listSessionDocuments', { data: [g2Doc, { filename: 'x' }] })).issues[0]?.path).toBe('data[1].id');
  });
  it('rejects a signed URL whose key is not a string', () => {
    const err = shapeError(() => parse('signedStorageUrl', { key: 42, url: 'https://s3.example/x', headers: {} }));
    expect(err.issues[0]?.path).toBe('key');
  });
  it('rejects a signed URL that is not http(s)', () => {
    expect(shapeError(() => parse('signedStorageUrl', { key: 'tmp/a', url: 'file:///etc/passwd' })).issues[0]?.path).toBe('url');
  });
  it('rejects a non-integer workspace id (it goes into paths)', () => {
    expect(shapeError(() => parse('listWorkspaces', [{ ...ws, id: 'abc' }])).issues[0]?.path).toBe('[0].id');
  });
  it('rejects a parsing without id deep inside a session', () => {
    const bad = { ...session, documents: [{ ...g2Doc, parsings: [{ status: 'ready' }] }] };
    expect(shapeError(() => parse('getSession', bad)).issues[0]?.path).toBe('documents[0].parsings[0].id');
  });
  it('rejects the superseded G1 run answer {message, job_id}', () => {
    expect(shapeError(() => parse('runExtraction', { message: 'queued', job_id: 'j' })).issues[0]?.path).toBe('id');
  });
  it('rejects a non-list where a list is expected', () => {
    expect(shapeError(() => parse('listWorkspaces', 'nope')).message).toMatch(/TEST listWorkspaces/);
  });
});
