// The emulator's S3 endpoint: real SigV4 presigned PUTs, expiry, signed headers, no bearer, streaming to disk.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './index';
import { api, pdf, signedUrl, sleep } from './test-helpers';
import type { RunningEmulator } from './types';

const run = promisify(execFile);
let emu: RunningEmulator;
let dir: string;

beforeAll(async () => {
  emu = await startEmulator({ parsing: { stepMs: 20 } });
  dir = await mkdtemp(join(tmpdir(), 'emu-s3-test-'));
});
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

const put = (url: string, body: Uint8Array<ArrayBuffer>, headers: Record<string, string>) => fetch(url, { method: 'PUT', body, headers });

describe('presigned S3 PUT', () => {
  it('answers the documented signed-URL shape: tmp/<uuid> key, presigned url under /s3, headers to replay', async () => {
    const s = await api(emu, 'POST', '/vapor/signed-storage-url', { content_type: 'image/png' });
    expect(s.status).toBe(200);
    expect(s.body.key).toBe(`tmp/${s.body.uuid}`);
    expect(s.body.headers).toEqual({ 'Content-Type': 'image/png' });
    const url = new URL(s.body.url);
    expect(url.pathname).toBe(`/s3/raydocs-bucket/${s.body.key}`);
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    const dflt = await api(emu, 'POST', '/vapor/signed-storage-url', {});
    expect(dflt.body.headers['Content-Type']).toBe('application/octet-stream');
  });

  it('accepts a URL within its lifetime and refuses it after (AccessDenied "Request has expired")', async () => {
    // X-Amz-Date has whole seconds, so a 3 s URL lives at least 2 s: room for a slow CI machine.
    emu.setUrlExpiry(3);
    try {
      const s = await signedUrl(emu);
      const ok = await put(s.url, pdf('in time'), s.headers);
      expect(ok.status).toBe(200);
      await sleep(3100);
      const late = await put(s.url, pdf('too late'), s.headers);
      expect(late.status).toBe(403);
      const xml = await late.text();
      expect(xml).toContain('<Code>AccessDenied</Code>');
      expect(xml).toContain('Request has expired');
    } finally {
      emu.setUrlExpiry(300);
    }
  });

  it('refuses a changed signature', async () => {
    const s = await signedUrl(emu);
    const url = new URL(s.url);
    const sig = url.searchParams.get('X-Amz-Signature') ?? '';
    url.searchParams.set('X-Amz-Signature', `${sig[0] === 'a' ? 'b' : 'a'}${sig.slice(1)}`);
    const res = await put(url.toString(), pdf('x'), s.headers);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('refuses a changed signed header (Content-Type) and a tampered expiry', async () => {
    const s = await signedUrl(emu, 'application/pdf');
    const res = await put(s.url, pdf('x'), { 'Content-Type': 'application/octet-stream' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('SignatureDoesNotMatch');
    const longer = new URL(s.url);
    longer.searchParams.set('X-Amz-Expires', '3600');
    const res2 = await put(longer.toString(), pdf('x'), s.headers);
    expect(res2.status).toBe(403);
    expect(await res2.text()).toContain('SignatureDoesNotMatch');
  });

  it('refuses an Authorization: Bearer header, so a token never goes to S3 unnoticed', async () => {
    const s = await signedUrl(emu);
    const res = await put(s.url, pdf('x'), { ...s.headers, Authorization: `Bearer ${emu.token}` });
    expect(res.status).toBe(400);
    const xml = await res.text();
    expect(xml).toContain('<Code>InvalidArgument</Code>');
    expect(xml).not.toContain(emu.token);
  });

  it('refuses unsigned x-amz-* headers and a body without Content-Length, like S3', async () => {
    const s = await signedUrl(emu);
    const meta = await put(s.url, pdf('x'), { ...s.headers, 'x-amz-meta-filename': 'a.pdf' });
    expect(meta.status).toBe(403);
    expect(await meta.text()).toContain('HeadersNotSigned');
    const stream = new ReadableStream<Uint8Array<ArrayBuffer>>({
      start(c) {
        c.enqueue(pdf('chunked'));
        c.close();
      },
    });
    const chunked = await fetch(s.url, { method: 'PUT', headers: s.headers, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(411);
    expect(await chunked.text()).toContain('MissingContentLength');
  });

  it('lets a key be PUT again before it is consumed (last write wins)', async () => {
    const s = await signedUrl(emu);
    expect((await put(s.url, pdf('first'), s.headers)).status).toBe(200);
    const second = pdf('second');
    expect((await put(s.url, second, s.headers)).status).toBe(200);
    const session = emu.seed.workspaces[0]!.sessions[0]!.id;
    const up = await api(emu, 'POST', `/extractions/sessions/${session}/documents/upload`, { keys: [s.key] });
    expect(up.status).toBe(200);
    expect(up.body.data[0].sha256).toBe(createHash('sha256').update(second).digest('hex'));
  });

  it('works with curl -T and stores the exact bytes (sha256 checked through the API)', async () => {
    const file = join(dir, 'scan.pdf');
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3 * 1024 * 1024, 7)]);
    await writeFile(file, bytes);
    const s = await signedUrl(emu);
    const { stdout } = await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '-T', file, s.url, '-H', `Content-Type: ${s.headers['Content-Type']}`]);
    expect(stdout).toBe('200');
    const session = emu.seed.workspaces[0]!.sessions[0]!.id;
    const up = await api(emu, 'POST', `/extractions/sessions/${session}/documents/upload`, { keys: [s.key] });
    expect(up.status).toBe(200);
    expect(up.body.data[0].sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(up.body.data[0].size).toBe(bytes.length);
    expect(up.body.data[0].mime).toBe('application/pdf');
  });

  it('answers curl\'s Expect: 100-continue with the refusal before the body is sent', async () => {
    const file = join(dir, 'big.pdf');
    await writeFile(file, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4 * 1024 * 1024, 1)]));
    const s = await signedUrl(emu);
    const bad = new URL(s.url);
    bad.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    const { stdout } = await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{size_upload}', '-T', file, bad.toString(), '-H', `Content-Type: ${s.headers['Content-Type']}`]);
    const [code, uploaded] = stdout.split(' ');
    expect(code).toBe('403');
    expect(Number(uploaded)).toBeLessThan(1024 * 1024);
  });

  it('does not count S3 PUTs against the API rate limit', async () => {
    emu.setRateLimit({ count: 2, windowMs: 60_000 });
    try {
      const s = await signedUrl(emu);
      for (let i = 0; i < 4; i++) expect((await put(s.url, pdf(`n${i}`), s.headers)).status).toBe(200);
    } finally {
      emu.setRateLimit(null);
    }
  });
});
