// The key, attach, content-type and 429 readings the variants play (README "Variants"), each against the default one.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './index';
import { SHORT_KEY_LIFETIME_SECONDS } from './intake';
import { api, pdf, sleep, upload } from './test-helpers';
import type { RunningEmulator } from './types';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, variants: [] });
});
afterEach(() => {
  emu.setVariants([]);
  emu.setRateLimit(null);
});
afterAll(() => emu.close());

const ws = () => emu.seed.workspaces[0]!;
const newSession = async (): Promise<string> => (await api(emu, 'POST', '/extractions/sessions', { extraction_template_id: ws().templates[0]!.id, name: 'v' })).body.id;
const uploadKeys = (sid: string, keys: string[]) => api(emu, 'POST', `/extractions/sessions/${sid}/documents/upload`, { keys });
const mib = (n: number, tag: string): Uint8Array<ArrayBuffer> => {
  const head = pdf(tag);
  const out = new Uint8Array(n * 1024 * 1024);
  out.set(head);
  return out;
};

describe('short-key-lifetime', () => {
  it('refuses a key as expired 5 s after its upload; the default keeps it for a day', async () => {
    const sid = await newSession();
    const old = await upload(emu, pdf('old key'));
    const kept = await upload(emu, pdf('kept key'));
    await sleep(SHORT_KEY_LIFETIME_SECONDS * 1000 + 200);
    expect((await uploadKeys(sid, [kept])).status).toBe(200);
    emu.setVariants(['short-key-lifetime']);
    const fresh = await upload(emu, pdf('fresh key'));
    const r = await uploadKeys(sid, [old]);
    expect(r.status).toBe(422);
    expect(r.body.errors['keys.0']).toEqual(['The keys.0 has expired.']);
    expect((await uploadKeys(sid, [fresh])).status).toBe(200);
  }, 15_000);
});

describe('consumed-keys', () => {
  it('a refused request still turns its good keys into workspace documents; sent again they are 422 "invalid"', async () => {
    emu.setVariants(['consumed-keys']);
    const sid = await newSession();
    const good = await upload(emu, pdf('spent by a refused request'));
    const refused = await uploadKeys(sid, [good, 'tmp/never-issued']);
    expect(refused.status).toBe(422);
    expect(refused.body.errors['keys.0']).toBeUndefined();
    // Turned into a workspace document, attached nowhere.
    const docs = await api(emu, 'GET', `/extractions/sessions/${sid}/documents`);
    expect(docs.body.data).toEqual([]);
    const created = emu.inspect().documents.filter((d) => d.workspaceId === ws().id);
    expect(created.length).toBeGreaterThan(0);
    const again = await uploadKeys(sid, [good]);
    expect(again.status).toBe(422);
    expect(again.body.errors['keys.0']).toEqual(['The selected keys.0 is invalid.']);
    const create = await api(emu, 'POST', `/workspaces/${ws().id}/documents`, { key: good, filename: 'x.pdf' });
    expect(create.status).toBe(422);
    expect(create.body.errors.key).toEqual(['The selected key is invalid.']);
  });

  it('by default a refused request consumes nothing', async () => {
    const sid = await newSession();
    const good = await upload(emu, pdf('kept by a refused request'));
    expect((await uploadKeys(sid, [good, 'tmp/never-issued'])).status).toBe(422);
    expect((await uploadKeys(sid, [good])).status).toBe(200);
  });
});

describe('batch-order-reversed', () => {
  it('lists the batch-created sessions in reverse order of the files', async () => {
    const template = ws().templates[0]!.id;
    /** For each session of the answer, the key whose document it holds (key-only documents are named after the key). */
    const heldKeys = async (tag: string): Promise<{ keys: string[]; held: string[] }> => {
      const keys = [await upload(emu, pdf(`${tag} a`)), await upload(emu, pdf(`${tag} b`)), await upload(emu, pdf(`${tag} c`))];
      const r = await api(emu, 'POST', `/extractions/templates/${template}/sessions/batch`, { files: keys });
      expect(r.status).toBe(201);
      const held: string[] = [];
      for (const s of r.body.data as Array<{ id: string }>) {
        const docs = (await api(emu, 'GET', `/extractions/sessions/${s.id}/documents`)).body.data as Array<{ filename: string }>;
        held.push(`tmp/${docs[0]!.filename.replace(/\.pdf$/, '')}`);
      }
      return { keys, held };
    };
    const plain = await heldKeys('in order');
    expect(plain.held).toEqual(plain.keys);
    emu.setVariants(['batch-order-reversed']);
    const reversed = await heldKeys('reversed');
    expect(reversed.held).toEqual([...reversed.keys].reverse());
  });
});

describe('strict-content-types', () => {
  it('refuses a signed URL for any type but the three listed and the default octet-stream', async () => {
    const ask = (content_type?: string) => api(emu, 'POST', '/vapor/signed-storage-url', content_type ? { content_type } : {});
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect((await ask(docx)).status).toBe(200);
    emu.setVariants(['strict-content-types']);
    const r = await ask(docx);
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.errors)).toEqual(['content_type']);
    for (const ok of ['application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream', undefined]) expect((await ask(ok)).status).toBe(200);
  });
});

describe('slow-attach', () => {
  it('answers an attach 200 ms per MiB late, with the link already made', async () => {
    emu.setVariants(['slow-attach']);
    const sid = await newSession();
    const key = await upload(emu, mib(5, 'slow'));
    const started = Date.now();
    const pending = uploadKeys(sid, [key]);
    await sleep(300);
    // Linked before the answer comes.
    expect((await api(emu, 'GET', `/extractions/sessions/${sid}/documents`)).body.data).toHaveLength(1);
    expect((await pending).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const doc = (await api(emu, 'POST', `/workspaces/${ws().id}/documents`, { key: await upload(emu, mib(3, 'by id')), filename: 'b.pdf' })).body.document;
    const t2 = Date.now();
    expect((await api(emu, 'POST', `/extractions/sessions/${sid}/documents/attach`, { document_ids: [doc.id] })).status).toBe(200);
    expect(Date.now() - t2).toBeGreaterThanOrEqual(550);
  });
});

describe('strict-attach', () => {
  it('refuses content the session holds with 422 (counted as a duplicate); by default it is a silent no-op', async () => {
    const sid = await newSession();
    const doc = (await api(emu, 'POST', `/workspaces/${ws().id}/documents`, { key: await upload(emu, pdf('held')), filename: 'h.pdf' })).body.document;
    const attach = () => api(emu, 'POST', `/extractions/sessions/${sid}/documents/attach`, { document_ids: [doc.id] });
    expect((await attach()).status).toBe(200);
    expect((await attach()).status).toBe(200);
    emu.setVariants(['strict-attach']);
    const r = await attach();
    expect(r.status).toBe(422);
    expect(r.body.errors['document_ids.0'][0]).toMatch(/already attached/);
    const byKey = await uploadKeys(sid, [await upload(emu, pdf('held'))]);
    expect(byKey.status).toBe(422);
    expect(byKey.body.errors['keys.0'][0]).toMatch(/already attached/);
    expect(emu.inspect().attachments.find((a) => a.sessionId === sid)).toMatchObject({ count: 1, duplicates: 3 });
  });
});

describe('no-retry-after', () => {
  it('answers 429 without Retry-After or X-RateLimit-*; the default sends both', async () => {
    emu.setRateLimit({ count: 1, windowMs: 60_000 });
    await api(emu, 'GET', '/workspaces');
    const plain = await api(emu, 'GET', '/workspaces');
    expect(plain.status).toBe(429);
    expect(plain.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(plain.headers.get('x-ratelimit-limit')).toBe('1');
    emu.setVariants(['no-retry-after']);
    const bare = await api(emu, 'GET', '/workspaces');
    expect(bare.status).toBe(429);
    expect([...bare.headers.keys()].filter((h) => h === 'retry-after' || h.startsWith('x-ratelimit'))).toEqual([]);
  });
});
