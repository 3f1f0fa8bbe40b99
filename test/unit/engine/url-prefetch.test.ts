// A presigned URL's safe life: X-Amz-Expires counted from X-Amz-Date (or the documented 5 minutes), less a margin.
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_URL_LIFE_MS, urlSafeUntil } from '../../../electron/core/engine/url-prefetch';

const at = Date.UTC(2026, 11, 4, 17, 15, 0);
const url = (q: string) => `https://bucket.s3.amazonaws.com/tmp/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&${q}&X-Amz-Signature=ab`;

describe('urlSafeUntil', () => {
  it('X-Amz-Expires from X-Amz-Date, less 30 s at most', () => {
    expect(urlSafeUntil(url('X-Amz-Date=20261204T171500Z&X-Amz-Expires=300'), at) - at).toBe(270_000);
    // Signed 10 s before our ask (a second's precision, or a server that hands out older URLs): that life is spent.
    expect(urlSafeUntil(url('X-Amz-Date=20261204T171450Z&X-Amz-Expires=300'), at) - at).toBe(260_000);
  });
  it('a short life keeps a fifth of it as the margin', () => {
    expect(urlSafeUntil(url('X-Amz-Date=20261204T171500Z&X-Amz-Expires=10'), at) - at).toBe(8_000);
  });
  it('a date that would make the URL dead on arrival means the clocks disagree: the time since the ask counts', () => {
    expect(urlSafeUntil(url('X-Amz-Date=20261204T160000Z&X-Amz-Expires=300'), at) - at).toBe(270_000);
    // Our clock behind the signer's: nothing was spent.
    expect(urlSafeUntil(url('X-Amz-Date=20261204T180000Z&X-Amz-Expires=300'), at) - at).toBe(270_000);
  });
  it('no X-Amz-Expires (or no URL to read): the documented life', () => {
    expect(urlSafeUntil('https://bucket/tmp/x?sig=1', at) - at).toBe(DOCUMENTED_URL_LIFE_MS - 30_000);
    expect(urlSafeUntil('not a url', at) - at).toBe(DOCUMENTED_URL_LIFE_MS - 30_000);
  });
});
