// How long the engine waits and when it gives up: Retry-After and the ~60 s default on a 429, the retry budget, the
// expired-URL cap, and a file deleted between hashing and upload.
import { unlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../electron/core/engine';
import type { ItemState } from '../../../shared/queue';
import { harness, until, within, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

type Waiting = Extract<ItemState, { status: 'waiting' }>;

/**
 * The first waiting state the item showed, and when it was heard (the engine sets retryAt = now + delay), in the
 * engine's time: read from the events, so a fake clock that jumps past the wait cannot hide it.
 */
async function firstWait(): Promise<{ state: Waiting; seenAt: number }> {
  const find = (): { state: Waiting; seenAt: number } | null => {
    for (const [i, e] of h.events.entries()) {
      const s = e.type === 'items' ? e.items.find((it) => it.state.status === 'waiting')?.state : undefined;
      if (s?.status === 'waiting') return { state: s, seenAt: h.eventAt[i]! };
    }
    return null;
  };
  await until(() => find() !== null, 20_000, 'the item to wait');
  return find()!;
}

/** API calls (not storage PUTs) since the harness made its session. */
const apiCalls = () => h.emu.inspect().requests.filter((r) => !r.path.startsWith('/s3/') && r.path !== '/extractions/sessions');

describe('backoff on 429', () => {
  it('honours Retry-After: the item waits until it, and asks nothing before', async () => {
    h = await harness({ variants: [] });
    h.emu.setRateLimit({ count: 0, windowMs: 3000 }); // every call 429, Retry-After: 3
    await h.engine.add([h.makeFiles(1)], h.target);
    const { state, seenAt } = await firstWait();
    expect(state).toMatchObject({ reason: 'rate-limited', step: 'checking' });
    const wait = state.retryAt! - seenAt;
    expect(wait).toBeGreaterThan(2000);
    expect(wait).toBeLessThanOrEqual(3100);
    const refused = apiCalls().filter((r) => r.status === 429);
    expect(refused).toHaveLength(1);
    await until(() => apiCalls().length > 1, 10_000, 'the next call');
    expect(apiCalls()[1]!.at - refused[0]!.at).toBeGreaterThanOrEqual(2500);
  });

  it('no-retry-after: a 429 without Retry-After or X-RateLimit-* waits the documented ~60 s, then asks again', async () => {
    // Fake time: the minute costs no real time, and the engine's own clock says when it asked again.
    h = await harness({ variants: ['no-retry-after'] }, {}, { fakeTime: true });
    h.emu.setRateLimit({ count: 0, windowMs: 60_000 });
    await h.engine.add([h.makeFiles(1)], h.target);
    const { state, seenAt } = await firstWait();
    expect(state).toMatchObject({ reason: 'rate-limited', step: 'checking' });
    const wait = state.retryAt! - seenAt;
    expect(wait).toBeGreaterThan(55_000);
    expect(wait).toBeLessThanOrEqual(60_100);
    await until(() => h.calls.length > 1, 10_000, 'the call after the wait');
    const [refused, next] = h.calls;
    // Nothing was asked during the wait: the next call is the retry, made once the minute was over.
    expect(next!.at).toBeGreaterThanOrEqual(state.retryAt!);
    expect(next!.at - refused!.at).toBeGreaterThanOrEqual(55_000);
    expect(h.calls.filter((c) => c.at < state.retryAt!)).toHaveLength(1);
  });
});

describe('giving up', () => {
  it('retries-exhausted: a step that keeps failing stops after its budget, saying so', async () => {
    // The production backoff (500 ms doubling, 30 s cap) in fake time; only the budget is lowered.
    h = await harness({ variants: [] }, { retry: { budget: 2 } }, { fakeTime: true });
    h.emu.setFaults({ errorRate: 1, errorStatuses: [503], routes: ['/vapor/signed-storage-url'] });
    await h.engine.add([h.makeFiles(1)], h.target);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    const state = h.engine.snapshot().items[0]!.state;
    expect(state).toMatchObject({ status: 'failed', step: 'uploading', error: { code: 'retries-exhausted' } });
    expect(state.status === 'failed' && state.error.message).toMatch(/^file-0000\.pdf: gave up after 2 attempts/);
    // The first try and two retries.
    expect(apiCalls().filter((r) => r.path === '/vapor/signed-storage-url')).toHaveLength(3);
  });

  it('expired URLs: ten in a row are fetched again for free, then they spend the retry budget', async () => {
    h = await harness({ variants: [], urlExpirySeconds: 1 }, { retry: { baseMs: 20, capMs: 50, budget: 1 } });
    // Every PUT reaches storage after its 1 s URL expired.
    h.emu.setFaults({ latencyMs: 1200, routes: ['/s3/'] });
    await h.engine.add([h.makeFiles(1)], h.target);
    await within(h.engine.whenIdle(), 40_000, 'idle');
    const state = h.engine.snapshot().items[0]!.state;
    expect(state).toMatchObject({ status: 'failed', step: 'uploading', error: { code: 'retries-exhausted' } });
    const puts = h.emu.inspect().requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/s3/'));
    // 10 free (MAX_EXPIRED_URLS), then the first try and the one retry the budget allows.
    expect(puts.map((r) => r.status)).toEqual(Array(12).fill(403));
    expect(apiCalls().filter((r) => r.path === '/vapor/signed-storage-url')).toHaveLength(12);
  }, 45_000);

  it('file-gone: a file deleted between hashing and its upload fails alone, naming the file; nothing is signed for it', async () => {
    h = await harness({ variants: [] });
    const folder = h.makeFiles(2);
    let victim = '';
    let deleted = false;
    // The check (the first call about the session) comes after a file's hash and before its upload: delete that file
    // then (on a loaded machine the other may still be hashing, so the victim is the one already hashed).
    const deleting = new Proxy(h.client as EngineClient, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        const bound = (v as (...a: unknown[]) => unknown).bind(target);
        if (prop !== 'listSessionDocuments') return bound;
        return (...args: unknown[]) => {
          if (!deleted) {
            deleted = true;
            victim = e.snapshot().items.find((i) => 'sha256' in i.state && i.state.sha256)!.path;
            unlinkSync(victim);
          }
          return bound(...args);
        };
      },
    });
    const e = h.newEngine({ client: deleting, journalDir: `${h.journalDir}-gone` });
    await e.add([folder], h.target);
    await within(e.whenIdle(), 20_000, 'idle');
    const items = e.snapshot().items;
    const gone = items.find((i) => i.path === victim)!;
    expect(gone.state).toMatchObject({ status: 'failed', step: 'uploading', error: { code: 'file-gone' } });
    const said = `${basename(victim)}: the file was moved or deleted`;
    expect(gone.state.status === 'failed' && gone.state.error.message.slice(0, said.length)).toBe(said);
    expect(items.find((i) => i.path !== victim)!.state.status).toBe('done');
    expect(h.emu.inspect().uploads).toBe(1);
    expect(apiCalls().filter((r) => r.path === '/vapor/signed-storage-url')).toHaveLength(1);
  });
});
