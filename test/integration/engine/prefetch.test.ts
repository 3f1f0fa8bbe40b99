// Signed-URL prefetch against the emulator: the next file's URL is asked while the current PUT runs, never more than
// one ahead per slot, a URL too old for its file's turn is not used, and a cancelled file's URL is never PUT.
import { readdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type EngineClient } from '../../../electron/core/engine';
import { FAST, harness, until, within, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

const puts = (h: Harness) => h.emu.inspect().requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/s3/'));
const asks = (h: Harness) => h.calls.filter((c) => c.method === 'signedStorageUrl');

/** The harness client, recording each signed-URL answer's key in the order asked. */
function keyed(real: EngineClient, keys: string[]): EngineClient {
  return new Proxy(real, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      // The client keeps private fields: its methods run on the client itself, not on this proxy.
      if (prop !== 'signedStorageUrl') return (v as (...a: unknown[]) => unknown).bind(target);
      return async (...args: unknown[]) => {
        const i = keys.push('') - 1;
        const signed = (await (v as (...a: unknown[]) => Promise<{ key: string }>).apply(target, args)) as { key: string };
        keys[i] = signed.key;
        return signed;
      };
    },
  });
}

describe('signed-URL prefetch', () => {
  it('asks for file N+1 before the PUT of file N finishes, and never more than one URL ahead per slot', async () => {
    h = await harness({}, { concurrency: 2 });
    h.emu.setFaults({ latencyMs: 80 });
    await h.engine.add([h.makeFiles(12)], h.target);
    await within(h.engine.whenIdle(), 30_000, 'idle');
    expect(h.engine.snapshot().items.every((i) => i.state.status === 'done')).toBe(true);

    const asked = asks(h).map((c) => c.at);
    const putDone = puts(h).map((r) => r.at);
    expect(asked).toHaveLength(12);
    expect(putDone).toHaveLength(12);
    // Without prefetch a slot asks for its next URL only after its PUT ended: the (k+2)-th ask after the k-th PUT.
    for (let k = 0; k < 10; k++) expect(asked[k + 2]!).toBeLessThan(putDone[k]!);
    // URLs asked and not yet PUT: at most one streaming and one ahead per slot. The count peaks right after an ask;
    // a PUT the emulator logged in the same millisecond ended before it (a slot asks ahead only once its PUT returned).
    let most = 0;
    for (const t of asked) most = Math.max(most, asked.filter((a) => a <= t).length - putDone.filter((p) => p <= t).length);
    expect(most).toBeGreaterThan(2);
    expect(most).toBeLessThanOrEqual(4);
  }, 60_000);

  it('a URL that would expire before its file is sent is not used: a fresh one is asked, no PUT is refused', async () => {
    h = await harness({}, { concurrency: 1, bandwidthLimitBps: 200 * 1024 });
    h.emu.setUrlExpiry(2);
    const folder = h.makeFiles(2);
    // 5 s each at 200 KiB/s, longer than a URL lives: whichever file hashes first and goes first, the other's URL asked
    // ahead while it streams is too old by its turn.
    for (const f of readdirSync(folder)) truncateSync(join(folder, f), 1000 * 1024);
    await h.engine.add([folder], h.target);
    await within(h.engine.whenIdle(), 30_000, 'idle');
    expect(h.engine.snapshot().items.map((i) => i.state.status)).toEqual(['done', 'done']);
    // First file's URL, the second's asked ahead (dropped unused: too old by its turn; asked ahead again if a pump came
    // while the first streamed), the second's fresh one.
    expect(asks(h).length).toBeGreaterThanOrEqual(3);
    // Had the old URL been used, storage would have answered 403 (expired) and the step asked again.
    expect(puts(h).map((r) => r.status)).toEqual([200, 200]);
  }, 60_000);

  /** One slot, 512 KiB files at 256 KiB/s (2 s each): the next file's URL waits ahead while the first streams. */
  const aheadWhileStreaming = async (h: Harness) => {
    const keys: string[] = [];
    const engine = createEngine({ client: keyed(h.client, keys), journalDir: join(h.dir, 'journal-2'), ...FAST, concurrency: 1, bandwidthLimitBps: 256 * 1024 });
    const folder = h.makeFiles(3);
    for (const f of readdirSync(folder)) truncateSync(join(folder, f), 512 * 1024);
    await engine.add([folder], h.target);
    const streaming = () => engine.snapshot().items.some((i) => i.state.status === 'uploading' && i.state.bytesSent > 0);
    await until(() => keys.length >= 2 && keys[1] !== '' && streaming(), 10_000, 'a URL asked ahead');
    const waiting = engine.snapshot().items.filter((i) => i.state.status === 'queued').map((i) => i.id);
    expect(waiting).toHaveLength(2);
    // The streaming file's URL and the one asked ahead for the next (in either order: the ask ahead can leave first).
    return { engine, asked: keys.slice(0, 2), waiting };
  };
  const putKeys = (h: Harness) => puts(h).map((r) => r.path.replace(/^\/s3\/[^/]+\//, ''));

  it('a file cancelled while its URL waits ahead: the URL is dropped without a PUT', async () => {
    h = await harness({}, {});
    const { engine, asked, waiting } = await aheadWhileStreaming(h);
    try {
      engine.cancel(waiting);
      await within(engine.whenIdle(), 30_000, 'idle');
      expect(engine.snapshot().items.map((i) => i.state.status).sort()).toEqual(['cancelled', 'cancelled', 'done']);
      // Only the streaming file's URL was PUT.
      expect(putKeys(h)).toHaveLength(1);
      expect(asked.filter((k) => putKeys(h).includes(k))).toHaveLength(1);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('a file paused while its URL waits ahead: the URL is dropped; resumed, it is sent with a fresh one', async () => {
    h = await harness({}, {});
    const { engine, asked, waiting } = await aheadWhileStreaming(h);
    try {
      engine.pause(waiting);
      engine.resume(waiting);
      await within(engine.whenIdle(), 30_000, 'idle');
      expect(engine.snapshot().items.map((i) => i.state.status)).toEqual(['done', 'done', 'done']);
      expect(putKeys(h)).toHaveLength(3);
      // The streaming file's URL was PUT; the one asked ahead before the pause never was.
      expect(asked.filter((k) => putKeys(h).includes(k))).toHaveLength(1);
    } finally {
      await engine.close();
    }
  }, 60_000);
});
