// The parse-track variants: cfg_ config hashes (only the run's own answer keeps 64 hex) and a document status that stays uploaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './index';
import { api, eventually, pdf, upload } from './test-helpers';
import type { RunningEmulator } from './types';

const CFG = /^cfg_[0-9a-f]{16}$/;
const HEX64 = /^[0-9a-f]{64}$/;

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 20, autoParse: false } });
});
afterAll(() => emu.close());

async function sessionWithOneDocument(name: string): Promise<{ sessionId: string; documentId: string; workspaceId: number }> {
  const ws = emu.seed.workspaces[0]!;
  const created = await api(emu, 'POST', '/extractions/sessions', { extraction_template_id: ws.templates[0]!.id, name });
  const up = await api(emu, 'POST', `/extractions/sessions/${created.body.id}/documents/upload`, { keys: [await upload(emu, pdf(name))] });
  return { sessionId: created.body.id, documentId: up.body.data[0].id, workspaceId: ws.id };
}

const readyDoc = (sessionId: string) =>
  eventually(async () => {
    const r = await api(emu, 'GET', `/extractions/sessions/${sessionId}/documents`);
    const d = r.body.data[0];
    return d.parsings.some((p: { status: string }) => p.status === 'ready') ? d : undefined;
  });

describe('cfg-config-hash', () => {
  it('parsings, the results list, a result read and a session read show cfg_ hashes; the run answer keeps the 64-hex one reparse takes', async () => {
    emu.setVariants(['cfg-config-hash']);
    const { sessionId, documentId, workspaceId } = await sessionWithOneDocument('cfg');
    const run = await api(emu, 'POST', `/extractions/sessions/${sessionId}/results`);
    expect(run.status).toBe(201);
    expect(run.body.config_hash).toMatch(HEX64);
    const doc = await readyDoc(sessionId);
    expect(doc.parsings[0].config_hash).toMatch(CFG);
    expect(doc.parsings[0].config_hash).toBe(`cfg_${run.body.config_hash.slice(0, 16)}`);
    expect((await api(emu, 'GET', `/extractions/sessions/${sessionId}/results`)).body.data[0].config_hash).toMatch(CFG);
    expect((await api(emu, 'GET', `/extractions/results/${run.body.id}`)).body.config_hash).toMatch(CFG);
    const session = (await api(emu, 'GET', `/extractions/sessions/${sessionId}`)).body;
    expect(session.results[0].config_hash).toMatch(CFG);
    expect(session.documents[0].parsings[0].config_hash).toMatch(CFG);
    // The cfg_ form is refused by reparse (exactly 64 characters); the run's hash is taken.
    const path = `/workspaces/${workspaceId}/documents/${documentId}/reparse`;
    expect((await api(emu, 'POST', path, { config_hash: doc.parsings[0].config_hash, force: true })).status).toBe(422);
    const redo = await api(emu, 'POST', path, { config_hash: run.body.config_hash, force: true });
    expect(redo.status).toBe(202);
    expect(redo.body.parsings).toHaveLength(1);
    expect(redo.body.parsings[0].config_hash).toMatch(CFG);
    emu.setVariants([]);
    expect((await api(emu, 'GET', `/extractions/sessions/${sessionId}/results`)).body.data[0].config_hash).toBe(run.body.config_hash);
  });
});

describe('document-status-stays-uploaded', () => {
  it("a document's status stays uploaded while its parsing goes to ready, in every view of it", async () => {
    emu.setVariants(['document-status-stays-uploaded']);
    const { sessionId, documentId, workspaceId } = await sessionWithOneDocument('stays');
    await api(emu, 'POST', `/extractions/sessions/${sessionId}/results`);
    const doc = await readyDoc(sessionId);
    expect(doc.status).toBe('uploaded');
    expect((await api(emu, 'GET', `/workspaces/${workspaceId}/documents/${documentId}`)).body).toMatchObject({ status: 'uploaded', parsings: [{ status: 'ready' }] });
    expect((await api(emu, 'GET', `/extractions/sessions/${sessionId}`)).body.documents[0].status).toBe('uploaded');
    emu.setVariants([]);
    expect((await api(emu, 'GET', `/workspaces/${workspaceId}/documents/${documentId}`)).body.status).toBe('processed');
  });
});
