// An explicit data dir keeps the world across restarts; tokens survive only as hashes.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './index';
import { stateFile } from './persist';
import { defaultConfigHash } from './state';
import { api, pdf, sleep, upload } from './test-helpers';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'emu-persist-test-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('persistence in --data-dir', () => {
  it('restores sessions, documents and tokens after a restart, and keeps issuing fresh ids', async () => {
    const first = await startEmulator({ dataDir, seed: 5, rateLimit: null, parsing: { stepMs: 10 } });
    const tid = first.seed.workspaces[0]!.templates[0]!.id;
    const session = (await api(first, 'POST', '/extractions/sessions', { extraction_template_id: tid, name: 'kept' })).body.id as string;
    const up = await api(first, 'POST', `/extractions/sessions/${session}/documents/upload`, { keys: [await upload(first, pdf('kept bytes'))] });
    expect(up.status).toBe(200);
    // Storage-only upload: start the parse explicitly, so it runs across the restart.
    const reparse = await api(first, 'POST', `/workspaces/${first.seed.workspaces[0]!.id}/documents/${up.body.data[0].id}/reparse`, {
      config_hash: defaultConfigHash(first.seed.workspaces[0]!.id),
    });
    expect(reparse.status).toBe(202);
    const oldToken = first.token;
    await first.close();
    expect(await readFile(stateFile(dataDir), 'utf8')).not.toContain(oldToken);

    const second = await startEmulator({ dataDir, seed: 5, rateLimit: null, parsing: { stepMs: 10 } });
    try {
      expect(second.seed).toEqual(first.seed);
      await sleep(50); // two 10 ms parse steps, on the wall clock that kept running across the restart
      const s = await api(second, 'GET', `/extractions/sessions/${session}`, undefined, oldToken);
      expect(s.status).toBe(200);
      expect(s.body.documents.map((d: { id: string }) => d.id)).toEqual([up.body.data[0].id]);
      expect(s.body.documents[0].status).toBe('processed');
      const again = await api(second, 'POST', `/extractions/sessions/${session}/documents/upload`, { keys: [await upload(second, pdf('kept bytes'))] });
      expect(again.body.data[0].id).toBe(up.body.data[0].id); // dedup still sees the stored document
      const fresh = (await api(second, 'POST', '/extractions/sessions', { extraction_template_id: tid })).body.id as string;
      expect(fresh).not.toBe(session);
      expect(second.inspect().attachments.find((a) => a.sessionId === session)).toMatchObject({ count: 1, duplicates: 1 });
    } finally {
      await second.close();
    }
    const other = await startEmulator({ dataDir, seed: 6, rateLimit: null });
    try {
      expect((await api(other, 'GET', `/extractions/sessions/${session}`)).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
