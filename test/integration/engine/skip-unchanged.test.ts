// add(…, {skipUnchanged}): a file stored for the target with the same size and mtime costs no hash and no upload.
import { appendFileSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, within, type Harness } from './harness';

let h: Harness;
let dir: string;
let files: string[];

const hashes = (from: number): number => h.events.slice(from).filter((e) => e.type === 'hashed').length;
const puts = (): number => h.emu.inspect().requests.filter((r) => r.method === 'PUT').length;

beforeAll(async () => {
  h = await harness();
  dir = h.makeFiles(200, 'stored');
  files = readdirSync(dir).map((f) => join(dir, f));
  await h.engine.add([dir], h.target);
  await within(h.engine.whenIdle(), 60_000, 'the first push');
  expect(h.engine.snapshot().items.filter((i) => i.state.status === 'done')).toHaveLength(200);
}, 90_000);
afterAll(() => h.close());

describe('skipUnchanged', () => {
  it('re-adding 200 stored files hashes none, uploads none, and reports them unchanged', async () => {
    const from = h.events.length;
    const before = puts();
    const report = await h.engine.add([dir], h.target, { skipUnchanged: true });
    await within(h.engine.whenIdle(), 20_000, 'the re-add');
    expect(report).toMatchObject({ accepted: 0, unchanged: 200 });
    expect(hashes(from)).toBe(0);
    expect(puts()).toBe(before);
  });

  it('without it, the same re-add queues and hashes them again', async () => {
    const from = h.events.length;
    const report = await h.engine.add([files[0]!], h.target);
    await within(h.engine.whenIdle(), 20_000, 'the plain re-add');
    expect(report.accepted).toBe(1);
    expect(report.unchanged).toBeUndefined();
    expect(hashes(from)).toBe(1);
  });

  it('a touched file (mtime changed) and an edited one are hashed again; only the edited one is uploaded', async () => {
    const touched = files[1]!;
    const edited = files[2]!;
    const later = new Date(Date.now() + 60_000);
    utimesSync(touched, later, later);
    appendFileSync(edited, 'an edit\n');
    const from = h.events.length;
    const before = puts();
    const report = await h.engine.add([touched, edited, files[3]!], h.target, { skipUnchanged: true });
    await within(h.engine.whenIdle(), 20_000, 'the changed files');
    expect(report).toMatchObject({ accepted: 2, unchanged: 1 });
    const hashed = h.events.slice(from).flatMap((e) => (e.type === 'hashed' ? [e.path] : []));
    expect(hashed.sort()).toEqual([touched, edited].sort());
    // The touched file's content is in the session already: no upload for it.
    expect(puts() - before).toBe(1);
  });

  it('a different target is not skipped', async () => {
    const other = await h.client.createSession({ extraction_template_id: h.templateId, name: 'another session' });
    const target = { ...h.target, sessionId: other.id, sessionName: other.name };
    const from = h.events.length;
    const report = await h.engine.add([files[4]!], target, { skipUnchanged: true });
    await within(h.engine.whenIdle(), 20_000, 'the other target');
    expect(report.accepted).toBe(1);
    expect(report.unchanged).toBeUndefined();
    expect(hashes(from)).toBe(1);
  });

  it('after a restart the stored items still skip', async () => {
    await h.engine.close();
    h.engine = h.newEngine();
    await h.engine.start();
    const from = h.events.length;
    const report = await h.engine.add(files.slice(10, 60), h.target, { skipUnchanged: true });
    expect(report).toMatchObject({ accepted: 0, unchanged: 50 });
    expect(hashes(from)).toBe(0);
  });
});
