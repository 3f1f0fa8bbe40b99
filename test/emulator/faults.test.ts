// Rate limiting and fault injection: 429 + Retry-After, error statuses, latency, stalls, resets mid-body, outages.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './index';
import { api, pdf, signedUrl, sleep } from './test-helpers';
import type { RunningEmulator } from './types';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 20 } });
});
afterEach(() => {
  emu.setFaults({});
  emu.setRateLimit(null);
});
afterAll(() => emu.close());

const admin = (path: string, body?: unknown) =>
  fetch(`${emu.url}/__admin/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('rate limit', () => {
  it('answers 429 with Retry-After and X-RateLimit-* past the limit, per client IP, and recovers after the window', async () => {
    emu.setRateLimit({ count: 3, windowMs: 1500 });
    for (let i = 0; i < 3; i++) {
      const ok = await api(emu, 'GET', '/workspaces');
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-ratelimit-limit')).toBe('3');
      expect(ok.headers.get('x-ratelimit-remaining')).toBe(String(2 - i));
    }
    const limited = await api(emu, 'GET', '/workspaces');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.body.message).toBeTruthy();
    // The budget is per IP (§11): another token from the same machine is limited too; admin routes never are.
    expect((await api(emu, 'GET', '/workspaces', undefined, emu.createToken())).status).toBe(429);
    expect((await admin('inspect')).status).toBe(200);
    await sleep(1550);
    expect((await api(emu, 'GET', '/workspaces')).status).toBe(200);
  });

  it('is configurable over the admin route (null turns it off)', async () => {
    expect((await admin('rate-limit', { count: 1, windowMs: 60_000 })).status).toBe(200);
    await api(emu, 'GET', '/workspaces');
    expect((await api(emu, 'GET', '/workspaces')).status).toBe(429);
    expect((await admin('rate-limit', null)).status).toBe(200);
    expect((await api(emu, 'GET', '/workspaces')).status).toBe(200);
  });
});

describe('faults', () => {
  it('injects error statuses and 429 bursts only on the configured route prefixes', async () => {
    emu.setFaults({ errorRate: 1, errorStatuses: [503], routes: ['/workspaces'] });
    const r = await api(emu, 'GET', '/workspaces');
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ message: 'Service Unavailable' });
    emu.setFaults({ errorRate: 1, errorStatuses: [502], routes: ['/workspaces'] });
    const gateway = await fetch(`${emu.url}/workspaces`, { headers: { Authorization: `Bearer ${emu.token}` } });
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toBe('text/html');
    expect(await gateway.text()).toContain('502 Bad Gateway');
    emu.setFaults({ errorRate: 1, errorStatuses: [503], routes: ['/workspaces'] });
    expect((await api(emu, 'POST', '/vapor/signed-storage-url', {})).status).toBe(200);
    emu.setFaults({ rateLimitBurstRate: 1, routes: ['/vapor'] });
    const burst = await api(emu, 'POST', '/vapor/signed-storage-url', {});
    expect(burst.status).toBe(429);
    expect(burst.headers.get('retry-after')).toBe('1');
  });

  it('adds latency and stalls', async () => {
    emu.setFaults({ latencyMs: 150 });
    let t = Date.now();
    await api(emu, 'GET', '/workspaces');
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    emu.setFaults({ stallRate: 1, stallMs: 250, routes: ['/workspaces'] });
    t = Date.now();
    await api(emu, 'GET', '/workspaces');
    expect(Date.now() - t).toBeGreaterThanOrEqual(240);
  });

  it('resets an S3 PUT mid-body: the client sees a dropped connection and nothing is stored', async () => {
    const s = await signedUrl(emu);
    const before = emu.inspect().uploads;
    emu.setFaults({ resetMidBodyRate: 1, resetAfterBytes: 64 * 1024, routes: ['/s3/'] });
    const body = new Uint8Array(1024 * 1024);
    body.set(pdf('big'));
    await expect(fetch(s.url, { method: 'PUT', headers: s.headers, body })).rejects.toThrow();
    expect(emu.inspect().uploads).toBe(before);
    const session = emu.seed.workspaces[0]!.sessions[0]!.id;
    expect((await api(emu, 'POST', `/extractions/sessions/${session}/documents/upload`, { keys: [s.key] })).status).toBe(422);
    emu.setFaults({});
    expect((await fetch(s.url, { method: 'PUT', headers: s.headers, body })).status).toBe(200);
    expect(emu.inspect().uploads).toBe(before + 1);
    const dropped = emu.inspect().requests.filter((r) => r.path === new URL(s.url).pathname);
    expect(dropped.map((r) => r.status)).toEqual([0, 200]);
  });

  it('outage drops every API and S3 request for N seconds, admin still answers, then service resumes', async () => {
    const s = await signedUrl(emu);
    expect((await admin('outage', { seconds: 1 })).status).toBe(200);
    await expect(fetch(`${emu.url}/workspaces`, { headers: { Authorization: `Bearer ${emu.token}` } })).rejects.toThrow();
    await expect(fetch(s.url, { method: 'PUT', headers: s.headers, body: pdf('during outage') })).rejects.toThrow();
    expect((await admin('inspect')).status).toBe(200);
    await sleep(1100);
    expect((await api(emu, 'GET', '/workspaces')).status).toBe(200);
    expect((await fetch(s.url, { method: 'PUT', headers: s.headers, body: pdf('after outage') })).status).toBe(200);
  });

  it('sets faults, tokens and URL expiry over the admin routes', async () => {
    const f = await admin('faults', { errorRate: 1, errorStatuses: [502], routes: ['/extractions/templates'] });
    expect(f.status).toBe(200);
    const tid = emu.seed.workspaces[0]!.templates[0]!.id;
    expect((await api(emu, 'GET', `/extractions/templates/${tid}`)).status).toBe(502);
    expect((await admin('faults', {})).status).toBe(200);
    expect((await api(emu, 'GET', `/extractions/templates/${tid}`)).status).toBe(200);
    const t = await admin('tokens', { abilities: ['workspaces-read'] });
    const { token } = (await t.json()) as { token: string };
    expect((await api(emu, 'GET', '/workspaces', undefined, token)).status).toBe(200);
    expect((await api(emu, 'GET', `/extractions/templates/${tid}`, undefined, token)).status).toBe(403);
    expect((await admin('url-expiry', { seconds: 42 })).status).toBe(200);
    expect(new URL((await signedUrl(emu)).url).searchParams.get('X-Amz-Expires')).toBe('42');
    emu.setUrlExpiry(300);
    expect((await admin('faults', { errorRate: 7 })).status).toBe(422);
  });

  it('drops the response after doing the work (dropResponseRate): the upload happened, the answer is lost', async () => {
    const s = await signedUrl(emu);
    expect((await fetch(s.url, { method: 'PUT', headers: s.headers, body: pdf('lost answer') })).status).toBe(200);
    const session = emu.seed.workspaces[0]!.sessions[0]!.id;
    emu.setFaults({ dropResponseRate: 1, routes: ['/extractions/sessions'] });
    await expect(
      fetch(`${emu.url}/extractions/sessions/${session}/documents/upload`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${emu.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ keys: [s.key] }),
      }),
    ).rejects.toThrow();
    emu.setFaults({});
    const docs = await api(emu, 'GET', `/extractions/sessions/${session}/documents?per_page=100`);
    const sha = createHash('sha256').update(pdf('lost answer')).digest('hex');
    expect(docs.body.data.map((d: { sha256: string }) => d.sha256)).toContain(sha);
    // The key was consumed by the request whose answer was lost: a blind retry is a 422.
    expect((await api(emu, 'POST', `/extractions/sessions/${session}/documents/upload`, { keys: [s.key] })).status).toBe(422);
  });

  it('replays the same fault sequence for the same seed', async () => {
    const sequence = async (seed: number) => {
      const e = await startEmulator({ seed, rateLimit: null });
      try {
        e.setFaults({ errorRate: 0.5, errorStatuses: [500, 502, 503] });
        const out: number[] = [];
        for (let i = 0; i < 12; i++) out.push((await api(e, 'GET', '/workspaces')).status);
        return out;
      } finally {
        await e.close();
      }
    };
    const a = await sequence(3);
    expect(await sequence(3)).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(1);
  });

  it('records requests without query strings or secrets', async () => {
    const s = await signedUrl(emu);
    await fetch(s.url, { method: 'PUT', headers: s.headers, body: pdf('logged') });
    const text = JSON.stringify(emu.inspect().requests);
    expect(text).not.toContain('X-Amz-Signature');
    expect(text).not.toContain(emu.token);
    expect(text).not.toContain('?');
  });
});
