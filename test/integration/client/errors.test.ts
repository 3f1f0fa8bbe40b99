// Contract: each documented error status, as the emulator produces it, becomes the right ApiError and advice.
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../electron/core/api/api-error';
import { RaydocsClient } from '../../../electron/core/api/client';
import { describeApiError } from '../../../electron/core/api/describe-api-error';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { apiFailure, CONFIG_HASH, pdfBytes, poll, uploadKey } from './helpers';

let emu: RunningEmulator;
let client: RaydocsClient;
let templateId: string;
let sessionId: string;
let documentId: string;
const WS = 1;

const clientFor = (token: string, timeoutMs = 5000) => new RaydocsClient({ baseUrl: emu.url, token, timeoutMs });

function expectNoToken(err: ApiError, token: string) {
  for (const text of [err.message, err.stack ?? '', String(err), JSON.stringify(err), inspect(err, { depth: 10 }), describeApiError(err)]) {
    expect(text).not.toContain(token);
  }
}

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 20 } });
  client = clientFor(emu.token);
  templateId = emu.seed.workspaces[0]?.templates[0]?.id ?? '';
  sessionId = (await client.createSession({ extraction_template_id: templateId })).id;
  const [doc] = await client.uploadSessionDocuments(sessionId, [await uploadKey(client, pdfBytes())]);
  documentId = doc?.id ?? '';
});

afterEach(() => {
  emu.setFaults([]);
  emu.setRateLimit(null);
});

afterAll(async () => {
  await emu.close();
});

describe('401', () => {
  it('an unknown token → unauthorized, not retryable, "sign in again", token nowhere', async () => {
    const token = `rd_live_${randomUUID()}`;
    const err = await apiFailure(clientFor(token).listWorkspaces());
    expect(err).toMatchObject({ status: 401, code: 'unauthorized', retryable: false, request: { method: 'GET', path: '/workspaces' } });
    expect(err.serverMessage).toBe('Unauthenticated.');
    expect(describeApiError(err)).toMatch(/Sign in again/);
    expectNoToken(err, token);
  });

  it('a revoked token → unauthorized', async () => {
    const token = emu.createToken();
    const c = clientFor(token);
    await c.listWorkspaces();
    emu.revokeToken(token);
    const err = await apiFailure(c.listWorkspaces());
    expect(err.code).toBe('unauthorized');
    expectNoToken(err, token);
  });
});

describe('403: each call needs its ability, and the advice names it', () => {
  const every = ['workspaces-read', 'templates-read', 'sessions-read', 'sessions-write', 'documents-read', 'documents-write'];
  const cases: Array<[string, string, (c: RaydocsClient) => Promise<unknown>]> = [
    ['workspaces-read', 'GET /workspaces', (c) => c.listWorkspaces()],
    ['templates-read', 'GET templates', (c) => c.listTemplates(WS)],
    ['templates-read', 'GET template', (c) => c.getTemplate(templateId)],
    ['sessions-write', 'POST session', (c) => c.createSession({ extraction_template_id: templateId })],
    ['sessions-read', 'GET session', (c) => c.getSession(sessionId)],
    ['sessions-write', 'PUT session', (c) => c.renameSession(sessionId, 'x')],
    ['sessions-write', 'upload', (c) => c.uploadSessionDocuments(sessionId, ['tmp/x'])],
    ['sessions-write', 'attach', (c) => c.attachSessionDocuments(sessionId, [documentId])],
    ['sessions-read', 'list session documents', (c) => c.listSessionDocuments(sessionId)],
    ['sessions-write', 'detach', (c) => c.detachSessionDocument(sessionId, documentId)],
    ['documents-write', 'create workspace document', (c) => c.createWorkspaceDocument(WS, { key: 'tmp/x', filename: 'x.pdf' })],
    ['documents-read', 'list workspace documents', (c) => c.listWorkspaceDocuments(WS)],
    ['documents-read', 'get workspace document', (c) => c.getWorkspaceDocument(WS, documentId)],
    ['documents-write', 'reparse', (c) => c.reparseDocument(WS, documentId, { config_hash: CONFIG_HASH })],
    ['sessions-write', 'run extraction', (c) => c.runExtraction(sessionId)],
    ['sessions-read', 'get result', (c) => c.getResult(randomUUID())],
    ['sessions-write', 'batch create', (c) => c.batchCreateSessions(templateId, { files: ['tmp/x'] })],
  ];
  it.each(cases)('without %s: %s → forbidden', async (ability, _label, call) => {
    const err = await apiFailure(call(clientFor(emu.createToken({ abilities: every.filter((a) => a !== ability) }))));
    expect(err).toMatchObject({ status: 403, code: 'forbidden', retryable: false });
    expect(err.message).toContain(`"${ability}"`);
    expect(describeApiError(err)).toContain(`"${ability}"`);
  });

  it('the signed-storage URL needs only a valid token', async () => {
    const signed = await clientFor(emu.createToken({ abilities: [] })).signedStorageUrl();
    expect(signed.key).toMatch(/^tmp\//);
  });
});

describe('404', () => {
  it('a missing session, template, result or document → not-found', async () => {
    for (const call of [
      client.getSession(randomUUID()),
      client.getTemplate(randomUUID()),
      client.getResult(randomUUID()),
      client.getWorkspaceDocument(WS, randomUUID()),
      client.detachSessionDocument(sessionId, randomUUID()),
    ]) {
      expect(await apiFailure(call)).toMatchObject({ status: 404, code: 'not-found', retryable: false });
    }
  });

  it("another user's objects and workspaces outside a scoped token's reach → not-found", async () => {
    const { foreign } = emu.seed;
    expect((await apiFailure(client.getSession(foreign.sessionId))).code).toBe('not-found');
    expect((await apiFailure(client.listTemplates(foreign.workspaceId))).code).toBe('not-found');
    const scoped = clientFor(emu.createToken({ workspaceIds: [WS] }));
    expect((await scoped.listWorkspaces()).map((w) => w.id)).toEqual([WS]);
    const err = await apiFailure(scoped.listTemplates(2));
    expect(err.code).toBe('not-found');
    expect(describeApiError(err)).toMatch(/could not find the workspace/);
  });
});

describe('422', () => {
  it("an unknown key → validation with Laravel's field errors", async () => {
    const err = await apiFailure(client.uploadSessionDocuments(sessionId, ['tmp/does-not-exist']));
    expect(err).toMatchObject({ status: 422, code: 'validation', retryable: false });
    expect(err.serverMessage).toBeTruthy();
    expect(Object.keys(err.fieldErrors)).toEqual(['keys.0']);
    expect(describeApiError(err)).toMatch(/^Raydocs refused to add uploaded files to a session: .*keys\.0/);
  });

  it('an unsupported format → validation', async () => {
    const key = await uploadKey(client, Buffer.from('just some text, not a document'), 'text/plain');
    const err = await apiFailure(client.uploadSessionDocuments(sessionId, [key]));
    expect(err.code).toBe('validation');
    expect(JSON.stringify(err.fieldErrors)).toMatch(/pdf/);
  });

  it('a reparse hash that is not 64 characters → validation on config_hash', async () => {
    const err = await apiFailure(client.reparseDocument(WS, documentId, { config_hash: 'cfg_9eeae65063f17f55' }));
    expect(err.code).toBe('validation');
    expect(err.fieldErrors).toHaveProperty('config_hash');
  });

  it('running an extraction on an empty session → validation', async () => {
    const empty = await client.createSession({ extraction_template_id: templateId });
    expect((await apiFailure(client.runExtraction(empty.id))).status).toBe(422);
  });
});

describe('429', () => {
  it('the rate limit answers 429 with Retry-After → rate-limited, retryable, retryAfterMs', async () => {
    emu.setRateLimit({ count: 2, windowMs: 60_000 });
    const c = clientFor(emu.createToken());
    await c.listWorkspaces();
    await c.listWorkspaces();
    const err = await apiFailure(c.listWorkspaces());
    expect(err).toMatchObject({ status: 429, code: 'rate-limited', retryable: true });
    expect(err.retryAfterMs).toBeGreaterThan(0);
    expect(err.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('a 429 burst fault with Retry-After: 1 → retryAfterMs 1000', async () => {
    emu.setFaults({ rateLimitBurstRate: 1, routes: ['/workspaces'] });
    const err = await apiFailure(client.listWorkspaces());
    expect(err).toMatchObject({ code: 'rate-limited', retryAfterMs: 1000 });
    expect(describeApiError(err)).toMatch(/in 1 second/);
  });
});

describe('5xx, stalls and outages', () => {
  it.each([500, 502, 503])('%i → server, retryable', async (status) => {
    emu.setFaults({ errorRate: 1, errorStatuses: [status] });
    const err = await apiFailure(client.getSession(sessionId));
    expect(err).toMatchObject({ status, code: 'server', retryable: true });
  });

  it('a stalled answer → timeout after timeoutMs', async () => {
    emu.setFaults({ stallRate: 1, stallMs: 3000, routes: ['/workspaces'] });
    const err = await apiFailure(clientFor(emu.token, 200).listWorkspaces());
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('the caller can abort a slow call', async () => {
    emu.setFaults({ latencyMs: 2000, routes: ['/workspaces'] });
    const err = await apiFailure(client.listWorkspaces(AbortSignal.timeout(100)));
    expect(err).toMatchObject({ code: 'aborted', retryable: false });
  });

  it('an outage (dropped connections) → network, retryable', async () => {
    emu.outage(1);
    const err = await apiFailure(client.listWorkspaces());
    expect(err).toMatchObject({ code: 'network', retryable: true, status: null });
    // The emulator's outage runs on real time: the client answers again once it is over (waited for, not slept).
    const after = await poll(() => client.listWorkspaces().catch(() => null), (v) => v !== null, 5000, 50);
    expect(after!.length).toBeGreaterThan(0);
  });
});
