// Request plumbing against a local stub server: headers, the token never leaking, timeout/abort/network codes, odd answers.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/core/api/api-error';
import { RaydocsClient } from '../../../electron/core/api/client';

const TOKEN = 'rd_live_SECRET_0123456789abcdef';
let server: Server;
let base: string;
const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const path = (req.url ?? '').split('?')[0];
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    switch (path) {
      case '/workspaces':
        return json(200, [{ id: 1, name: 'One' }]);
      case '/echo-401/workspaces':
        // A badly behaved server that echoes the Authorization header back.
        return json(401, { message: `Token ${TOKEN} is not valid`, errors: { [TOKEN]: [`bad ${TOKEN}`] } });
      case '/html/workspaces':
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html>login</html>');
      case '/redirect/workspaces':
        res.writeHead(302, { location: 'https://evil.example/steal' });
        return res.end();
      case '/bad-shape/workspaces':
        return json(200, { data: [{ name: 'no id' }] });
      case '/slow/workspaces':
        return void setTimeout(() => json(200, []), 2000).unref();
      case '/slowish/extractions/sessions/s1/documents/attach':
        return void setTimeout(() => json(200, { data: [] }), 400).unref();
      case '/limited/workspaces':
        return json(429, { message: 'Too Many Attempts.' }, { 'retry-after': '3' });
      default:
        return json(404, { message: 'nope' });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

function expectNoToken(err: ApiError) {
  for (const text of [err.message, err.stack ?? '', String(err), JSON.stringify(err), inspect(err, { depth: 10 }), JSON.stringify(err.fieldErrors)]) {
    expect(text).not.toContain(TOKEN);
  }
}

describe('transport', () => {
  it('sends Bearer and Accept on API calls, and calls beforeRequest with method and path', async () => {
    const hooked: unknown[] = [];
    const client = new RaydocsClient({ baseUrl: base, token: async () => TOKEN, beforeRequest: async (r) => void hooked.push(r) });
    expect(await client.listWorkspaces()).toEqual([expect.objectContaining({ id: 1, name: 'One' })]);
    const last = seen.at(-1);
    expect(last?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(last?.headers.accept).toBe('application/json');
    expect(hooked).toEqual([{ method: 'GET', path: '/workspaces' }]);
  });

  it('never puts the token in an error, even when the server echoes it', async () => {
    const client = new RaydocsClient({ baseUrl: `${base}/echo-401`, token: TOKEN });
    const err = await failure(client.listWorkspaces());
    expect(err).toMatchObject({ code: 'unauthorized', status: 401, retryable: false });
    expect(err.serverMessage).toBe('Token [redacted] is not valid');
    expectNoToken(err);
  });

  it('keeps the token out of the client object itself', () => {
    const client = new RaydocsClient({ baseUrl: base, token: TOKEN });
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(client)).not.toContain(TOKEN);
  });

  it('leaves the query string out of the error path', async () => {
    const client = new RaydocsClient({ baseUrl: base, token: TOKEN });
    const err = await failure(client.listWorkspaceDocuments(5, { query: 'secret-invoice-name' }));
    expect(err.request).toEqual({ method: 'GET', path: '/workspaces/5/documents' });
    expect(err.message).not.toContain('secret-invoice-name');
  });

  it('answers no token with unauthorized and sends nothing', async () => {
    const before = seen.length;
    const err = await failure(new RaydocsClient({ baseUrl: base, token: async () => null }).listWorkspaces());
    expect(err).toMatchObject({ code: 'unauthorized', status: null });
    expect(seen.length).toBe(before);
  });

  it('refuses a malformed token before sending, without echoing it', async () => {
    const before = seen.length;
    const bad = `${TOKEN}\nX-Injected: 1`;
    const err = await failure(new RaydocsClient({ baseUrl: base, token: bad }).listWorkspaces());
    expect(err).toMatchObject({ code: 'unauthorized', status: null, retryable: false });
    expect(err.message).toMatch(/characters a token cannot have/);
    expectNoToken(err);
    expect(seen.length).toBe(before);
  });

  it('trims a pasted token', async () => {
    await new RaydocsClient({ baseUrl: base, token: `  ${TOKEN}\n` }).listWorkspaces();
    expect(seen.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('times out with code timeout (retryable)', async () => {
    const started = Date.now();
    const err = await failure(new RaydocsClient({ baseUrl: `${base}/slow`, token: TOKEN, timeoutMs: 150 }).listWorkspaces());
    expect(err).toMatchObject({ code: 'timeout', retryable: true, status: null });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a call given its own timeout waits that long instead of the client’s (an attach sized by its bytes)', async () => {
    const client = new RaydocsClient({ baseUrl: `${base}/slowish`, token: TOKEN, timeoutMs: 150 });
    await expect(client.attachSessionDocuments('s1', ['d1'], undefined, { timeoutMs: 2000 })).resolves.toEqual([]);
    const err = await failure(client.attachSessionDocuments('s1', ['d1']));
    expect(err).toMatchObject({ code: 'timeout', detail: '150 ms' });
    expect((await failure(client.attachSessionDocuments('s1', ['d1'], undefined, { timeoutMs: 100 }))).detail).toBe('100 ms');
  });

  it('stops on the caller signal with code aborted (not retryable)', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = await failure(new RaydocsClient({ baseUrl: `${base}/slow`, token: TOKEN }).listWorkspaces(ac.signal));
    expect(err).toMatchObject({ code: 'aborted', retryable: false });
    await expect(new RaydocsClient({ baseUrl: base, token: TOKEN }).listWorkspaces(AbortSignal.abort())).rejects.toMatchObject({ code: 'aborted' });
  });

  it('reports a refused connection as network (retryable)', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await failure(new RaydocsClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN }).listWorkspaces());
    expect(err).toMatchObject({ code: 'network', retryable: true });
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it('refuses a non-JSON 200 and does not follow redirects', async () => {
    expect(await failure(new RaydocsClient({ baseUrl: `${base}/html`, token: TOKEN }).listWorkspaces())).toMatchObject({ code: 'invalid-response', status: 200 });
    const before = seen.length;
    const err = await failure(new RaydocsClient({ baseUrl: `${base}/redirect`, token: TOKEN }).listWorkspaces());
    expect(err).toMatchObject({ code: 'invalid-response', status: 302, retryable: false });
    expect(seen.length).toBe(before + 1);
  });

  it('turns a bad shape into invalid-response naming the endpoint and field', async () => {
    const err = await failure(new RaydocsClient({ baseUrl: `${base}/bad-shape`, token: TOKEN }).listWorkspaces());
    expect(err.code).toBe('invalid-response');
    expect(err.message).toMatch(/^200 OK on GET \/workspaces: unexpected response shape at data\[0\]\.id: /);
  });

  it('reads Retry-After on 429', async () => {
    const err = await failure(new RaydocsClient({ baseUrl: `${base}/limited`, token: TOKEN }).listWorkspaces());
    expect(err).toMatchObject({ code: 'rate-limited', status: 429, retryAfterMs: 3000, retryable: true });
  });

  it('goes through the given dispatcher (proxy support)', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://api.raydocs.com').intercept({ path: '/workspaces', method: 'GET' }).reply(200, { data: [{ id: 7, name: 'Via dispatcher' }] });
    const client = new RaydocsClient({ token: TOKEN, dispatcher: agent });
    expect((await client.listWorkspaces())[0]?.name).toBe('Via dispatcher');
    await agent.close();
  });
});
