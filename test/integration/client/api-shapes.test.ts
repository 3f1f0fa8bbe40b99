// The client against the emulator's API-shape variants (test/emulator/README.md "Variants"): every call the uploader
// makes still reads its answer, whatever paginator, field names, id types or PHP serialisation the server uses.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import type { Variant } from '../../emulator/variants';
import { pdfBytes, sha256, uploadKey } from './helpers';

let emu: RunningEmulator;
let client: RaydocsClient;
let templateId: string;
const WS = 1;

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 20 }, variants: [] });
  client = new RaydocsClient({ baseUrl: emu.url, token: emu.token, timeoutMs: 5000 });
  templateId = emu.seed.workspaces[0]?.templates[0]?.id ?? '';
});
afterAll(() => emu.close());

const play = (...v: Variant[]): void => emu.setVariants(v);

/** A session holding `n` fresh documents, uploaded 50 keys a call. */
async function sessionWith(n: number): Promise<{ id: string; shas: string[] }> {
  const s = await client.createSession({ extraction_template_id: templateId, name: 'shapes' });
  const files = Array.from({ length: n }, () => pdfBytes());
  const keys = [];
  for (const f of files) keys.push(await uploadKey(client, f));
  for (let i = 0; i < keys.length; i += 50) await client.uploadSessionDocuments(s.id, keys.slice(i, i + 50));
  return { id: s.id, shas: files.map(sha256) };
}

describe('php-empty-arrays', () => {
  it('creating a session whose settings come back as [] succeeds, and so do a pending run and a template', async () => {
    play('php-empty-arrays');
    const s = await client.createSession({ extraction_template_id: templateId, name: 'php' });
    expect(s.settings).toEqual({});
    const [doc] = await client.uploadSessionDocuments(s.id, [await uploadKey(client, pdfBytes())]);
    expect(doc?.id).toBeTruthy();
    const run = await client.runExtraction(s.id);
    expect(run).toMatchObject({ status: 'parsing_pending', data: {}, audit_data: {} });
    expect((await client.getSession(s.id)).settings).toEqual({});
    expect((await client.getTemplate(templateId)).schema_json).toMatchObject({ definitions: {} });
  });
});

describe.each(['simple-pagination', 'cursor-pagination'] as const)('%s', (variant) => {
  it('reads every template of a workspace of two pages, and the workspaces', async () => {
    play(variant);
    const legal = emu.seed.workspaces[1]!;
    expect((await client.listAllTemplates(legal.id)).map((t) => t.id).sort()).toEqual(legal.templates.map((t) => t.id).sort());
    expect((await client.listWorkspaces()).map((w) => w.id)).toEqual(emu.seed.workspaces.map((w) => w.id));
  });

  it('reads every document of a session of more than one page (per_page 100)', async () => {
    play(variant);
    const s = await sessionWith(101);
    const before = emu.inspect().requests.length;
    const listed = await client.listSessionDocuments(s.id);
    expect(listed.map((d) => d.sha256).sort()).toEqual([...s.shas].sort());
    expect(emu.inspect().requests.slice(before).filter((r) => r.path.endsWith('/documents'))).toHaveLength(2);
  });
});

describe.each(['simple-pagination', 'cursor-pagination'] as const)('%s, a session’s results', (variant) => {
  it('reads every run of a session of more than one page (15 a page)', async () => {
    play(variant);
    const s = await sessionWith(1);
    const runs = [];
    for (let i = 0; i < 17; i++) runs.push((await client.runExtraction(s.id)).id);
    expect((await client.listResults(s.id)).map((r) => r.id).sort()).toEqual(runs.sort());
  });
});

describe('g1-field-names and string-workspace-ids', () => {
  it('documents read with G2 names (mime, integer workspace_id) and the G1 extraction_session_id kept', async () => {
    play('g1-field-names', 'string-workspace-ids');
    const bytes = pdfBytes();
    const s = await client.createSession({ extraction_template_id: templateId, name: 'g1' });
    const [up] = await client.uploadSessionDocuments(s.id, [await uploadKey(client, bytes)]);
    expect(up).toMatchObject({ mime: 'application/pdf', workspace_id: WS, sha256: sha256(bytes), extraction_session_id: s.id });
    const [listed] = await client.listSessionDocuments(s.id);
    expect(listed).toMatchObject({ id: up?.id, mime: 'application/pdf', workspace_id: WS });
    expect(await client.getWorkspaceDocument(WS, up!.id)).toMatchObject({ mime: 'application/pdf', workspace_id: WS, extraction_session_id: null });
    const created = await client.createWorkspaceDocument(WS, { key: await uploadKey(client, pdfBytes()), filename: 'named.pdf' });
    expect(created.document).toMatchObject({ filename: 'named.pdf', workspace_id: WS, mime: 'application/pdf' });
    expect((await client.getTemplate(templateId)).workspace_id).toBe(WS);
  });
});

describe('vapor-signed-url', () => {
  it('a 201 with array headers is read; the PUT sends x-amz-acl, and the URL (not the returned Host) decides the host', async () => {
    play('vapor-signed-url');
    const signed = await client.signedStorageUrl({ content_type: 'application/pdf' });
    expect(signed.headers).toEqual({ 'Content-Type': 'application/pdf', Host: 'raydocs-bucket.s3.us-east-1.amazonaws.com', 'x-amz-acl': 'private' });
    // Replaying the returned Host breaks the signature, as it would on S3: the helper (putHeaders) leaves it out.
    const bytes = pdfBytes();
    const replayed = await request(signed.url, { method: 'PUT', headers: { ...signed.headers, 'content-length': String(bytes.length) }, body: bytes });
    expect(replayed.statusCode).toBe(403);
    await replayed.body.text();
    const s = await client.createSession({ extraction_template_id: templateId, name: 'vapor' });
    const [doc] = await client.uploadSessionDocuments(s.id, [await uploadKey(client, bytes)]);
    expect(doc?.sha256).toBe(sha256(bytes));
  });
});
