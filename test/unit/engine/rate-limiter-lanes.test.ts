// The limiter's two lanes: a background call waits while an upload waits, and leaves the last quarter of the window to uploads.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter } from '../../../electron/core/api/rate-limiter';

// Fake timers fake Date.now too: the limiter's `now` and its sleeps run on the same clock.
beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const track = (order: string[], name: string, p: Promise<void>) =>
  p.then(
    () => order.push(name),
    () => order.push(`${name}:aborted`),
  );

describe('rate limiter lanes', () => {
  it('a background call never takes the last 25% while uploads are active; an upload does', async () => {
    const lim = createRateLimiter({ count: 4, windowMs: 1000 }, () => Date.now());
    const order: string[] = [];
    void track(order, 'U1', lim.acquire());
    void track(order, 'B1', lim.acquire(undefined, 'background'));
    void track(order, 'B2', lim.acquire(undefined, 'background'));
    void track(order, 'B3', lim.acquire(undefined, 'background'));
    await vi.advanceTimersByTimeAsync(5);
    expect(order).toEqual(['U1', 'B1', 'B2']); // 3 of 4 used: B3 holds off
    void track(order, 'U2', lim.acquire());
    await vi.advanceTimersByTimeAsync(5);
    expect(order).toEqual(['U1', 'B1', 'B2', 'U2']); // the reserved slot went to the upload
  });

  it('a background call queued first still waits while an upload waits', async () => {
    const lim = createRateLimiter({ count: 4, windowMs: 1000 }, () => Date.now());
    const order: string[] = [];
    for (const n of ['U1', 'U2', 'U3', 'U4']) void track(order, n, lim.acquire());
    await vi.advanceTimersByTimeAsync(1);
    void track(order, 'B1', lim.acquire(undefined, 'background')); // window full: waits
    await vi.advanceTimersByTimeAsync(1);
    void track(order, 'U5', lim.acquire()); // arrives after B1
    await vi.advanceTimersByTimeAsync(500);
    expect(order).toEqual(['U1', 'U2', 'U3', 'U4']);
    await vi.advanceTimersByTimeAsync(600); // the window slid
    expect(order).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'B1']);
  });

  it('with no upload in the last window, background calls may use the whole budget', async () => {
    const lim = createRateLimiter({ count: 4, windowMs: 1000 }, () => Date.now());
    const order: string[] = [];
    void track(order, 'U1', lim.acquire());
    await vi.advanceTimersByTimeAsync(1500); // U1 left the window, uploads quiet since
    for (const n of ['B1', 'B2', 'B3', 'B4', 'B5']) void track(order, n, lim.acquire(undefined, 'background'));
    await vi.advanceTimersByTimeAsync(5);
    expect(order).toEqual(['U1', 'B1', 'B2', 'B3', 'B4']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(order).toEqual(['U1', 'B1', 'B2', 'B3', 'B4', 'B5']);
  });

  it('the reserve lifts a window after the last upload, before the window slides', async () => {
    const lim = createRateLimiter({ count: 4, windowMs: 1000 }, () => Date.now());
    const order: string[] = [];
    void track(order, 'U1', lim.acquire());
    await vi.advanceTimersByTimeAsync(600);
    for (const n of ['B1', 'B2', 'B3']) void track(order, n, lim.acquire(undefined, 'background'));
    await vi.advanceTimersByTimeAsync(5);
    expect(order).toEqual(['U1', 'B1', 'B2']); // U1 + 2 = 3 = the background cap
    await vi.advanceTimersByTimeAsync(400); // t≈1005: U1 expired, the window holds B1, B2
    expect(order).toEqual(['U1', 'B1', 'B2', 'B3']);
  });

  it('an upload that gives up while waiting releases the background lane', async () => {
    const lim = createRateLimiter({ count: 2, windowMs: 1000 }, () => Date.now());
    const order: string[] = [];
    void track(order, 'U1', lim.acquire());
    void track(order, 'U2', lim.acquire());
    const ac = new AbortController();
    void track(order, 'U3', lim.acquire(ac.signal));
    void track(order, 'B1', lim.acquire(undefined, 'background'));
    await vi.advanceTimersByTimeAsync(10);
    ac.abort();
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual(['U1', 'U2', 'U3:aborted']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(order).toEqual(['U1', 'U2', 'U3:aborted', 'B1']);
  });

  it('background.beforeRequest is the background lane', async () => {
    const lim = createRateLimiter({ count: 4, windowMs: 1000 }, () => Date.now());
    const order: string[] = [];
    void track(order, 'U1', lim.beforeRequest({ method: 'GET', path: '/x' }));
    for (const n of ['B1', 'B2', 'B3']) void track(order, n, lim.background.beforeRequest({ method: 'GET', path: '/x' }));
    await vi.advanceTimersByTimeAsync(5);
    expect(order).toEqual(['U1', 'B1', 'B2']);
  });
});
