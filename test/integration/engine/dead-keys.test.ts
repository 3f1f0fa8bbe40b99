// A temporary key Raydocs refuses as expired or consumed costs a new upload, never the file: Retry, a restart, a lost answer.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/core/api/api-error';
import type { EngineClient } from '../../../electron/core/engine';
import type { EngineOptions } from '../../../electron/core/engine';
import type { QueueItem, Target } from '../../../shared/queue';
import { ALL_ABILITIES } from '../../emulator/index';
import { SHORT_KEY_LIFETIME_SECONDS } from '../../emulator/intake';
import { attachCounts, harness, until, within, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

const statuses = (items: QueueItem[]) => items.map((i) => i.state.status);
// The emulator's objects are aged past the short lifetime instead of the test sleeping it out.
const pastKeyLifetime = (): void => h.emu.ageUploads(SHORT_KEY_LIFETIME_SECONDS * 1000 + 300);

/** Stops an engine once every item holds an uploaded key waiting for its attach call (a window too long to close). */
async function stopWithKeys(engineOpts: Partial<EngineOptions>, target: Target, n: number): Promise<string[]> {
  const a = h.newEngine({ ...engineOpts, attachWindowMs: 60_000 });
  await a.add([h.makeFiles(n)], target);
  await until(() => a.snapshot().items.every((i) => i.state.status === 'attaching'), 20_000, 'every key uploaded');
  const keys = a.snapshot().items.map((i) => (i.state.status === 'attaching' ? i.state.key : ''));
  await a.close();
  return keys;
}

describe('a refused temporary key', () => {
  it('short-key-lifetime: Retry after a failed attach uploads again instead of sending the expired key', async () => {
    h = await harness({ variants: ['short-key-lifetime'] }, { retry: { baseMs: 20, capMs: 50, budget: 1 } });
    h.emu.setFaults({ errorRate: 1, errorStatuses: [500], routes: [`/workspaces/${h.workspaceId}/documents`] });
    await h.engine.add([h.makeFiles(2)], h.target);
    await within(h.engine.whenIdle(), 20_000, 'the attach to fail');
    expect(statuses(h.engine.snapshot().items)).toEqual(['failed', 'failed']);
    expect(h.engine.snapshot().items.every((i) => i.state.status === 'failed' && i.state.step === 'attaching')).toBe(true);
    h.emu.setFaults({});
    pastKeyLifetime();
    h.engine.retry(h.engine.snapshot().items.map((i) => i.id));
    await within(h.engine.whenIdle(), 20_000, 'the retry');
    expect(statuses(h.engine.snapshot().items)).toEqual(['done', 'done']);
    // The expired keys were refused once; the files were uploaded again and attached once each.
    expect(h.emu.inspect().requests.some((r) => r.method === 'POST' && r.status === 422)).toBe(true);
    expect(h.emu.inspect().uploads).toBe(4);
    expect(attachCounts(h.emu, h.target.sessionId)).toEqual([1, 1]);
  }, 30_000);

  const restarts: Array<[string, Partial<EngineOptions>, (h: Harness) => Target]> = [
    ['named documents (two calls)', {}, (x) => x.target],
    ['key-only documents/upload', { keepFileNames: false }, (x) => x.target],
    ['one session per file', {}, (x) => ({ kind: 'session-per-file', workspaceId: x.workspaceId, templateId: x.templateId, templateName: 't', autoExtract: false })],
  ];
  it.each(restarts)('short-key-lifetime: a restart after the key expired uploads again (%s)', async (_name, opts, targetOf) => {
    h = await harness({ variants: ['short-key-lifetime'] });
    const target = targetOf(h);
    await stopWithKeys(opts, target, 3);
    expect(h.emu.inspect().uploads).toBe(3);
    pastKeyLifetime();
    const b = h.newEngine(opts);
    await b.start();
    await within(b.whenIdle(), 20_000, 'recovery');
    const items = b.snapshot().items;
    expect(statuses(items)).toEqual(['done', 'done', 'done']);
    expect(h.emu.inspect().uploads).toBe(6);
    const sessions = items.map((i) => (i.state.status === 'done' ? i.state.sessionId : ''));
    for (const sid of new Set(sessions)) expect(attachCounts(h.emu, sid).every((c) => c === 1)).toBe(true);
    expect([...new Set(sessions)].flatMap((sid) => attachCounts(h.emu, sid))).toHaveLength(3);
  }, 30_000);

  it('consumed-keys: a create whose answer was lost, without documents-read to find it: uploaded again, one document', async () => {
    h = await harness({ variants: ['consumed-keys'] });
    h.token.value = h.emu.createToken({ abilities: ALL_ABILITIES.filter((a) => a !== 'documents-read') });
    let lost = 0;
    // The first create reaches Raydocs (the key is spent), but its answer never comes back.
    const losing = new Proxy(h.client as EngineClient, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        if (prop !== 'createWorkspaceDocument') return (v as (...a: unknown[]) => unknown).bind(target);
        return async (...args: unknown[]) => {
          const answer = await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if (lost++ > 0) return answer;
          throw new ApiError({ code: 'timeout', request: { method: 'POST', path: `/workspaces/${h.workspaceId}/documents` }, detail: '10000 ms' });
        };
      },
    });
    const e = h.newEngine({ client: losing, journalDir: `${h.journalDir}-lost` });
    await e.add([h.makeFiles(1)], h.target);
    await within(e.whenIdle(), 20_000, 'idle');
    const [item] = e.snapshot().items;
    expect(item!.state.status).toBe('done');
    const sha = item!.state.status === 'done' ? item!.state.sha256 : '';
    expect(h.emu.inspect().documents.filter((d) => d.sha256 === sha)).toHaveLength(1);
    expect(h.emu.inspect().uploads).toBe(2);
    expect(attachCounts(h.emu, h.target.sessionId)).toEqual([1]);
  });

  it('consumed-keys: a key spent elsewhere refuses the whole call, and spends the other keys with it: both uploaded again', async () => {
    h = await harness({ variants: ['consumed-keys'] });
    const keys = await stopWithKeys({ keepFileNames: false }, h.target, 2);
    // Someone (a lost answer of an earlier run) turned the first key into a document elsewhere.
    const elsewhere = await h.client.createSession({ extraction_template_id: h.templateId, name: 'elsewhere' });
    await h.client.uploadSessionDocuments(elsewhere.id, [keys[0]!]);
    const b = h.newEngine({ keepFileNames: false });
    await b.start();
    await within(b.whenIdle(), 20_000, 'recovery');
    expect(statuses(b.snapshot().items)).toEqual(['done', 'done']);
    expect(h.emu.inspect().uploads).toBe(4);
    expect(attachCounts(h.emu, h.target.sessionId)).toEqual([1, 1]);
  });
});
