// An item's run (stale once interrupted or finished), its journal form (one list of fields, old records still read)
// and the uploader seam's PUT strategy (signed URL then one PUT; a refused content type asked again as octet-stream).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/core/api/api-error';
import { createBandwidth } from '../../../electron/core/engine/bandwidth';
import type { EngineClient } from '../../../electron/core/engine/client-port';
import { createPutUploader } from '../../../electron/core/engine/put-uploader';
import { beginRun, cancelRun } from '../../../electron/core/engine/run';
import type { Runtime } from '../../../electron/core/engine/runtime';
import { leftPartWay } from '../../../electron/core/engine/upload-strategy';
import { hydrate, persist, recover, type PersistedWork } from '../../../electron/core/engine/work';

const record = (over: Partial<PersistedWork> = {}): PersistedWork => ({
  item: { id: 'a', path: '/f/a.pdf', name: 'a.pdf', size: 10, format: 'pdf', target: { kind: 'session', sessionId: 's', sessionName: 'S', workspaceId: 1 }, batchId: 'b', addedAt: 1, state: { status: 'queued' } },
  realPath: '/f/a.pdf',
  next: 'uploading',
  sha256: 'f'.repeat(64),
  hashedSize: 10,
  hashedMtimeMs: 5,
  key: null,
  sessionId: 's',
  documentId: null,
  documentStatus: '',
  parsings: [],
  verifyBeforeAttach: false,
  ...over,
});

describe('run', () => {
  it('is stale once finished or cancelled; only a cancel aborts its signal; a new run makes the old one stale', () => {
    const w = hydrate(record());
    const first = beginRun(w);
    expect(w.run).toBe(first);
    expect(first.stale()).toBe(false);
    first.finish();
    expect(w.run).toBeNull();
    expect(first.stale()).toBe(true);
    expect(first.signal.aborted).toBe(false);

    const second = beginRun(w);
    expect(cancelRun(w)).toBe(true);
    expect(second.stale()).toBe(true);
    expect(second.signal.aborted).toBe(true);
    expect(cancelRun(w)).toBe(false);

    const third = beginRun(w);
    second.finish(); // a late finish of an old run leaves the new one alone
    expect(w.run).toBe(third);
    expect(third.stale()).toBe(false);
  });
});

describe('persist and hydrate', () => {
  it('copy every persisted field and nothing of the run', () => {
    const w = hydrate(record({ key: 'k', candidateSessions: ['x'], reused: 'on-create', upload: { kind: 'put' } }));
    beginRun(w);
    w.attempt = 3;
    const p = persist(w);
    expect(p).toEqual(record({ key: 'k', candidateSessions: ['x'], reused: 'on-create', upload: { kind: 'put' } }));
    expect(Object.keys(p)).not.toContain('run');
    expect(Object.keys(p)).not.toContain('attempt');
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('read a record written before candidateSessions, reused and upload existed: null, null and a PUT', () => {
    const old = record();
    expect('upload' in old).toBe(false);
    const w = recover(old);
    expect(w.upload).toEqual({ kind: 'put' });
    expect(w.candidateSessions).toBeNull();
    expect(w.reused).toBeNull();
    expect(persist(w).upload).toEqual({ kind: 'put' });
    expect(leftPartWay(w.upload)).toBe(false);
  });
});

describe('the PUT strategy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'put-uploader-'));
  const file = join(dir, 'a.pdf');
  const bytes = Buffer.from('%PDF-1.7\n' + 'x'.repeat(5000));
  let server: Server;
  let base = '';
  let puts: Array<{ path: string; type: string | undefined; bytes: number }> = [];

  beforeAll(async () => {
    writeFileSync(file, bytes);
    server = createServer((req, res) => {
      let n = 0;
      req.on('data', (c: Buffer) => (n += c.length));
      req.on('end', () => {
        puts.push({ path: req.url ?? '', type: req.headers['content-type'], bytes: n });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A runtime with only what the strategy reads; `refuse` lists content types the signed-URL call answers 422 to. */
  const setup = (refuse: string[] = []) => {
    const asked: string[] = [];
    let n = 0;
    const client = {
      baseUrl: base,
      async signedStorageUrl(body?: { content_type?: string }) {
        const type = body?.content_type ?? '';
        asked.push(type);
        if (refuse.includes(type)) {
          throw new ApiError({ code: 'validation', status: 422, request: { method: 'POST', path: '/vapor/signed-storage-url' }, fieldErrors: { content_type: ['The selected content type is invalid.'] } });
        }
        n++;
        return { key: `tmp/${n}`, url: `${base}/put/${n}`, headers: { 'Content-Type': type } };
      },
    } as unknown as EngineClient;
    const rt = { client, limiter: null, bandwidth: createBandwidth(0), cfg: { stallTimeoutMs: 5000, dispatcher: undefined } } as unknown as Runtime;
    return { uploader: createPutUploader(rt), asked };
  };
  const job = (onBytes: (n: number) => void = () => undefined) => ({ path: file, size: bytes.length, mime: 'application/pdf', resume: { kind: 'put' as const }, onBytes });

  it('asks a signed URL, then PUTs the hashed bytes; answers the key and the sha256 of what was sent', async () => {
    puts = [];
    const { uploader, asked } = setup();
    const w = hydrate(record());
    let progress = 0;
    const done = await uploader.upload(job((n) => (progress += n)), beginRun(w));
    expect(done).toEqual({ key: 'tmp/1', sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(asked).toEqual(['application/pdf']);
    expect(puts).toEqual([{ path: '/put/1', type: 'application/pdf', bytes: bytes.length }]);
    expect(progress).toBe(bytes.length);
    expect(uploader.resume).toBeUndefined();
    expect(uploader.abort).toBeUndefined();
  });

  it('a refused content type is asked again as application/octet-stream, and so from then on', async () => {
    puts = [];
    const { uploader, asked } = setup(['application/pdf']);
    const w = hydrate(record());
    await uploader.upload(job(), beginRun(w));
    w.run?.finish();
    await uploader.upload(job(), beginRun(w));
    expect(asked).toEqual(['application/pdf', 'application/octet-stream', 'application/octet-stream']);
    expect(puts.map((p) => p.type)).toEqual(['application/octet-stream', 'application/octet-stream']);
  });

  it('sends nothing when the run went stale while the URL was being signed', async () => {
    puts = [];
    const { uploader } = setup();
    const w = hydrate(record());
    const run = beginRun(w);
    const pending = uploader.upload(job(), run);
    beginRun(w); // stale without its signal aborted: the strategy must look, not only listen
    expect(run.signal.aborted).toBe(false);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(puts).toEqual([]);
  });
});
