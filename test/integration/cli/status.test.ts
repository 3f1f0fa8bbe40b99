// `status` reads parsing by the shared rule: a document whose status stays `uploaded` while its parsing is ready is parsed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { pdfBytes, poll, uploadKey } from '../client/helpers';
import { cleanEnv, runCli } from './helpers';

let emu: RunningEmulator;
let client: RaydocsClient;

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 20, autoParse: false }, variants: ['document-status-stays-uploaded'] });
  client = new RaydocsClient({ baseUrl: emu.url, token: emu.token, timeoutMs: 5000 });
});
afterAll(async () => emu?.close());

describe('status', () => {
  it('a parsed document whose status stays uploaded counts as parsed (exit 0), by its parsing for the session', { timeout: 60_000 }, async () => {
    const session = await client.createSession({ extraction_template_id: emu.seed.workspaces[0]!.templates[0]!.id, name: 'status' });
    await client.uploadSessionDocuments(session.id, [await uploadKey(client, pdfBytes())]);
    await client.runExtraction(session.id);
    const [doc] = await poll(() => client.listSessionDocuments(session.id), (docs) => docs[0]?.parsings.some((p) => p.status === 'ready') ?? false);
    expect(doc).toMatchObject({ status: 'uploaded' });
    const env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token });
    const r = await runCli(['status', session.id, '--json'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { counts: Record<string, number>; documents: Array<{ status: string; parseState: string }> };
    expect(out.counts).toEqual({ ready: 1, 'in-progress': 0, failed: 0 });
    expect(out.documents).toMatchObject([{ status: 'uploaded', parseState: 'ready' }]);
  });
});
