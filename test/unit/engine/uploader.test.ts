// One PUT: exact headers + length, no Authorization, progress, bandwidth pacing, 403 → expired, stall watchdog.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBandwidth } from '../../../electron/core/engine/bandwidth';
import { UploadError, apiOnLoopback, putFile, storage403, storageWords } from '../../../electron/core/engine/uploader';
import { createFakeClock, settle } from '../../support/fake-clock';

const dir = mkdtempSync(join(tmpdir(), 'uploader-'));
const file = join(dir, 'a.pdf');
const SIZE = 300 * 1024;
let server: Server;
let base = '';
let seen: { headers: IncomingHttpHeaders; bytes: number } | null = null;

beforeAll(async () => {
  writeFileSync(file, Buffer.alloc(SIZE, 7));
  server = createServer((req, res) => {
    let bytes = 0;
    const path = (req.url ?? '').split('?')[0];
    if (path === '/stall') return; // never answers, never reads
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => {
      seen = { headers: req.headers, bytes };
      if (path === '/denied') {
        res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>');
      } else if (path === '/expired') {
        res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      } else res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const opts = (path: string, extra: Partial<Parameters<typeof putFile>[0]> = {}) => ({
  url: `${base}${path}?X-Amz-Signature=abc`,
  headers: { 'Content-Type': 'application/pdf' },
  path: file,
  size: SIZE,
  bandwidth: createBandwidth(0),
  stallTimeoutMs: 5000,
  signal: new AbortController().signal,
  onBytes: () => undefined,
  plainHttpAllowed: true,
  ...extra,
});

describe('putFile', () => {
  it('streams the bytes with the returned headers and an explicit length, never an Authorization header', async () => {
    let progress = 0;
    const sent = await putFile(opts('/ok', { onBytes: (n) => (progress += n) }));
    expect(sent.sha256).toBe(createHash('sha256').update(Buffer.alloc(SIZE, 7)).digest('hex'));
    expect(seen?.bytes).toBe(SIZE);
    expect(progress).toBe(SIZE);
    expect(seen?.headers['content-type']).toBe('application/pdf');
    expect(seen?.headers['content-length']).toBe(String(SIZE));
    expect(seen?.headers.authorization).toBeUndefined();
    expect(seen?.headers['transfer-encoding']).toBeUndefined();
  });

  it('hashes the bytes as they go out: a file rewritten in place mid-stream gives the hash of what was sent', async () => {
    const changing = join(dir, 'changing.pdf');
    const BIG = 2 * 1024 * 1024; // several read chunks, so most are read after the rewrite
    writeFileSync(changing, Buffer.alloc(BIG, 1));
    let rewritten = false;
    const sent = await putFile(
      opts('/ok', {
        path: changing,
        size: BIG,
        bandwidth: createBandwidth(8 * 1024 * 1024),
        onBytes: () => {
          if (rewritten) return;
          rewritten = true;
          writeFileSync(changing, Buffer.alloc(BIG, 2));
        },
      }),
    );
    const before = createHash('sha256').update(Buffer.alloc(BIG, 1)).digest('hex');
    const after = createHash('sha256').update(Buffer.alloc(BIG, 2)).digest('hex');
    expect(seen?.bytes).toBe(BIG);
    expect(sent.sha256).not.toBe(before);
    expect(sent.sha256).not.toBe(after);
  });

  it('paces bytes to the bandwidth limit', async () => {
    const t0 = Date.now();
    await putFile(opts('/ok', { bandwidth: createBandwidth(600 * 1024) }));
    // 300 KiB at 600 KiB/s, after a burst allowance of at most one second's worth: ≥ ~0.4 s in practice.
    expect(Date.now() - t0).toBeGreaterThan(350);
  });

  it('a 403 other than "Request has expired" is a refusal in S3\'s words, not an expired URL', async () => {
    const err = await putFile(opts('/denied')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'http', status: 403 });
    expect((err as Error).message).toBe('storage refused the upload (403: SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.)');
    expect(storage403('<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>')).toMatchObject({ code: 'http' });
    expect(storage403('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>')).toMatchObject({ code: 'expired' });
  });

  it('any other storage error reads for a person, then its status and S3\'s words, never its XML', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidRequest</Code><Message>Missing required header</Message></Error>';
    expect(storageWords(400, xml)).toBe('storage refused the upload (400: InvalidRequest: Missing required header)');
    expect(storageWords(503, '<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>')).toBe('storage could not take the upload right now (503: SlowDown: Reduce your request rate.)');
    expect(storageWords(502, '')).toBe('storage could not take the upload right now (502)');
    expect(storageWords(400, '<html><body>Bad <b>request</b></body></html>')).toBe('storage refused the upload (400: Bad request)');
  });

  it('refuses a plain http:// upload URL unless the API is on loopback', async () => {
    const before = seen;
    await expect(putFile(opts('/ok', { plainHttpAllowed: false }))).rejects.toMatchObject({ code: 'insecure' });
    expect(seen).toBe(before);
    expect(apiOnLoopback({ baseUrl: 'http://127.0.0.1:8080' })).toBe(true);
    expect(apiOnLoopback({ baseUrl: 'https://api.raydocs.com' })).toBe(false);
    expect(apiOnLoopback({})).toBe(false);
  });

  it('turns a storage 403 into an "expired" UploadError', async () => {
    const err = await putFile(opts('/expired')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect(err).toMatchObject({ code: 'expired', status: 403 });
    expect((err as Error).message).not.toContain('X-Amz-Signature');
  });

  it('aborts after the stall timeout without progress, not before (the watchdog ticks on the engine clock)', async () => {
    const clock = createFakeClock();
    let sent = 0;
    let outcome: unknown = 'pending';
    putFile(opts('/stall', { stallTimeoutMs: 30_000, clock, onBytes: (n) => (sent += n) })).then(
      () => (outcome = 'resolved'),
      (e: unknown) => (outcome = e),
    );
    // The server never reads: the bytes stop once the socket's buffers hold what they can (real I/O, bounded wait).
    for (let still = 0, last = -1, i = 0; still < 5; i++) {
      if (i > 500) throw new Error(`the bytes never stopped (${sent} sent)`);
      await new Promise((r) => setTimeout(r, 10));
      still = sent === last && sent > 0 ? still + 1 : 0;
      last = sent;
    }
    await clock.advance(29_000);
    expect(outcome).toBe('pending');
    await clock.advance(2_000);
    await settle();
    expect(outcome).toBeInstanceOf(UploadError);
    expect(outcome).toMatchObject({ code: 'stall', message: 'no progress for 30 s' });
  });

  it('refuses a file whose size changed since hashing', async () => {
    await expect(putFile(opts('/ok', { size: SIZE + 1 }))).rejects.toMatchObject({ code: 'file-changed' });
  });
});
