// Connectivity monitor, poller and key batcher: the engine's timing pieces, on the engine's clock with fake time.
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/core/api/api-error';
import { createConnectivity } from '../../../electron/core/engine/connectivity';
import { createKeyBatcher } from '../../../electron/core/engine/key-batcher';
import { createPoller } from '../../../electron/core/engine/poller';
import type { Connectivity } from '../../../shared/queue';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';

const req = { method: 'GET', path: '/workspaces' };
let clock: FakeClock;
beforeEach(() => {
  clock = createFakeClock();
});

describe('connectivity', () => {
  it('a failed probe means offline with a backoff schedule; a good one brings it back', async () => {
    let up = false;
    const probes: number[] = [];
    const changes: Connectivity['state'][] = [];
    const link = createConnectivity({
      probe: async () => {
        probes.push(clock.now());
        if (!up) throw new ApiError({ code: 'network', request: req, detail: 'ECONNREFUSED' });
        return [];
      },
      initialMs: 1000,
      maxMs: 4000,
      onChange: (_p, n) => changes.push(n.state),
      clock,
    });
    link.suspect();
    await clock.advance(0);
    expect(link.state).toMatchObject({ state: 'offline', message: expect.stringMatching(/^Could not reach Raydocs\. Check the internet connection/) });
    expect((link.state as { message: string }).message).not.toMatch(/ECONNREFUSED/);
    await clock.advance(1000 + 2000 + 4000 + 4000);
    const gaps = probes.slice(1).map((t, i) => t - probes[i]!);
    expect(gaps).toEqual([1000, 2000, 4000, 4000]);
    up = true;
    link.probeNow(); // "resumed from sleep": no waiting for the schedule
    await clock.advance(0);
    expect(link.state).toEqual({ state: 'online' });
    expect(changes.at(-1)).toBe('online');
    link.close();
  });

  it('a 5xx still proves the network; a 401 signs out until signedIn()', async () => {
    let err: ApiError = new ApiError({ code: 'server', status: 503, request: req });
    const link = createConnectivity({ probe: async () => Promise.reject(err), initialMs: 1000, maxMs: 4000, onChange: () => undefined, clock });
    link.suspect();
    await clock.advance(0);
    expect(link.state.state).toBe('online');
    err = new ApiError({ code: 'unauthorized', status: 401, request: req });
    link.suspect();
    await clock.advance(0);
    expect(link.state).toMatchObject({ state: 'signed-out', message: expect.stringMatching(/sign in again/) });
    link.suspect(); // no probing while signed out
    link.signedIn();
    expect(link.state.state).toBe('online');
    link.close();
  });
});

describe('poller', () => {
  it('backs off per key, forgets finished keys, waits while inactive', async () => {
    const calls: Array<[string, number]> = [];
    let remaining = 4;
    let active = true;
    const p = createPoller({
      initialMs: 100,
      maxMs: 300,
      active: () => active,
      poll: async (key) => {
        calls.push([key, clock.now()]);
        return { keep: --remaining > 0 };
      },
      clock,
    });
    const t0 = clock.now();
    p.ensure('s');
    await clock.advance(100 + 150 + 225 + 300 + 1000);
    // 100, then ×1.5 each time up to the 300 ms cap; after the fourth poll nothing is left to watch.
    expect(calls.map(([, t]) => t - t0)).toEqual([100, 250, 475, 775]);
    active = false;
    remaining = 10;
    p.ensure('t');
    await clock.advance(1000);
    expect(calls.filter(([k]) => k === 't')).toEqual([]);
    active = true;
    p.kickAll();
    await clock.advance(0);
    expect(calls.filter(([k]) => k === 't')).toHaveLength(1);
    p.close();
  });
});

describe('key batcher', () => {
  it('groups ids per key within the window, splits at max, and sends "alone" ids by themselves', async () => {
    const batches: Array<[string, string[]]> = [];
    const b = createKeyBatcher({ windowMs: 50, max: 3, onBatch: (k, ids) => batches.push([k, ids]), clock });
    for (const id of ['a', 'b']) b.add('s1', id);
    b.add('s2', 'x');
    for (const id of ['c', 'd', 'e']) b.add('s1', id); // reaches max: flushes at once
    expect(batches).toEqual([['s1', ['a', 'b', 'c']]]);
    b.add('s1', 'z', true);
    await clock.advance(50);
    expect(batches).toEqual([
      ['s1', ['a', 'b', 'c']],
      ['s1', ['z']],
      ['s2', ['x']],
      ['s1', ['d', 'e']],
    ]);
    b.close();
  });
});
