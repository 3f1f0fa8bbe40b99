// The client over a server answering in older or looser shapes (G1 names, bare arrays, missing dedup), via undici's MockAgent.
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { g1Doc, g2Doc, template } from './fixtures';

const ORIGIN = 'https://api.raydocs.com';
let agent: MockAgent;
let client: RaydocsClient;

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  client = new RaydocsClient({ token: 'rd_live_x', dispatcher: agent });
});

afterEach(async () => {
  await agent.close();
});

const api = () => agent.get(ORIGIN);

describe('client over loose server shapes', () => {
  it('workspaces as a bare array with string ids', async () => {
    api().intercept({ path: '/workspaces' }).reply(200, [{ id: '4', name: 'Four' }]);
    expect(await client.listWorkspaces()).toEqual([{ id: 4, name: 'Four', icon: null, created_at: null, updated_at: null }]);
  });

  it('workspaces answered in pages are read to the end; links.next gives the page, never the host', async () => {
    api().intercept({ path: '/workspaces' }).reply(200, { data: [{ id: 1, name: 'One' }], links: { next: 'https://elsewhere.example/workspaces?page=2' }, meta: { current_page: 1, per_page: 1 } });
    api().intercept({ path: '/workspaces?page=2' }).reply(200, { data: [{ id: 2, name: 'Two' }], links: { next: null }, meta: { current_page: 2, per_page: 1 } });
    expect((await client.listWorkspaces()).map((w) => w.id)).toEqual([1, 2]);
  });

  it('session documents by cursor: the cursor goes back as ?cursor= with per_page kept', async () => {
    api().intercept({ path: '/extractions/sessions/s1/documents?per_page=100' }).reply(200, { data: [g2Doc], meta: { per_page: 100, next_cursor: 'eyJ4IjoxfQ' } });
    api().intercept({ path: '/extractions/sessions/s1/documents?cursor=eyJ4IjoxfQ&per_page=100' }).reply(200, { data: [g1Doc], meta: { per_page: 100, next_cursor: null } });
    expect((await client.listSessionDocuments('s1')).map((d) => d.id)).toEqual([g2Doc.id, g1Doc.id]);
  });

  it('G1 session documents as a bare array are normalized to G2 names', async () => {
    api().intercept({ path: '/extractions/sessions/s1/documents?per_page=100' }).reply(200, [g1Doc]);
    const [doc] = await client.listSessionDocuments('s1');
    expect(doc).toMatchObject({ id: g1Doc.id, mime: 'image/png', size: 1024 });
  });

  it('session documents: every page is read', async () => {
    api().intercept({ path: '/extractions/sessions/s1/documents?per_page=100' }).reply(200, { data: [g2Doc], meta: { current_page: 1, last_page: 2, per_page: 1, total: 2 } });
    api().intercept({ path: '/extractions/sessions/s1/documents?page=2&per_page=100' }).reply(200, { data: [g1Doc], meta: { current_page: 2, last_page: 2, per_page: 1, total: 2 } });
    expect((await client.listSessionDocuments('s1')).map((d) => d.id)).toEqual([g2Doc.id, g1Doc.id]);
  });

  it('create workspace document without a dedup block: 200 means reused, 201 means new', async () => {
    api().intercept({ path: '/workspaces/3/documents', method: 'POST' }).reply(200, { document: g2Doc });
    api().intercept({ path: '/workspaces/3/documents', method: 'POST' }).reply(201, g2Doc);
    expect((await client.createWorkspaceDocument(3, { key: 'tmp/a', filename: 'a.pdf' })).reused).toBe(true);
    expect((await client.createWorkspaceDocument(3, { key: 'tmp/a', filename: 'a.pdf' })).reused).toBe(false);
  });

  it('reparse: 202 with a message only → null; 204 → null', async () => {
    api().intercept({ path: '/workspaces/3/documents/d/reparse', method: 'POST' }).reply(202, { message: 'Parsing queued' });
    api().intercept({ path: '/workspaces/3/documents/d/reparse', method: 'POST' }).reply(204, '');
    expect(await client.reparseDocument(3, 'd', { config_hash: 'a'.repeat(64) })).toBeNull();
    expect(await client.reparseDocument(3, 'd', { config_hash: 'a'.repeat(64) })).toBeNull();
  });

  it('a template inside a {data} envelope', async () => {
    api().intercept({ path: `/extractions/templates/${template.id}` }).reply(200, { data: template });
    expect((await client.getTemplate(template.id)).name).toBe('Invoices');
  });

  it('path parameters are encoded, and a bad workspace id is refused before sending', async () => {
    api().intercept({ path: '/extractions/sessions/a%2F..%2Fb' }).reply(200, { id: 'x', name: 'n' });
    expect((await client.getSession('a/../b')).id).toBe('x');
    await expect(client.listTemplates(Number.NaN)).rejects.toThrow(TypeError);
    await expect(client.getSession('')).rejects.toThrow(TypeError);
    await expect(client.getSession('..')).rejects.toThrow(TypeError);
  });

  it('sends JSON bodies with the documented field names', async () => {
    let sent: unknown;
    api()
      .intercept({ path: '/extractions/sessions/s1/documents/attach', method: 'POST', body: (b) => ((sent = JSON.parse(b)), true) })
      .reply(200, { data: [g2Doc] });
    await client.attachSessionDocuments('s1', ['d1', 'd2']);
    expect(sent).toEqual({ document_ids: ['d1', 'd2'] });
  });
});
