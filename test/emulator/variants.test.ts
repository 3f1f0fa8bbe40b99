// The variant switch itself: names are checked, clashing ones refused, and the set changes at run time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, VARIANTS, allCompatible } from './index';
import type { RunningEmulator } from './types';
import { parseVariants } from './variants';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, variants: ['strict-attach'] });
});
afterAll(() => emu.close());

describe('variants', () => {
  it('parses lists, refuses unknown names and pagination in two styles at once', () => {
    expect(parseVariants(' strict-attach , no-retry-after ')).toEqual(['strict-attach', 'no-retry-after']);
    expect(parseVariants('')).toEqual([]);
    expect(() => parseVariants('strict-atach')).toThrow(/unknown variant strict-atach/);
    expect(() => parseVariants('simple-pagination,cursor-pagination')).toThrow(/cannot be played together/);
    expect(() => parseVariants(allCompatible().join(','))).not.toThrow();
    expect(allCompatible().length).toBe(VARIANTS.length - 1);
  });

  it('switches at run time through the admin route, which refuses unknown names and clashes with 422', async () => {
    expect(emu.getVariants()).toEqual(['strict-attach']);
    const post = (variants: unknown) => fetch(`${emu.url}/__admin/variants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ variants }) });
    expect((await post(['no-retry-after', 'consumed-keys'])).status).toBe(200);
    expect(await (await fetch(`${emu.url}/__admin/variants`)).json()).toEqual({ variants: ['no-retry-after', 'consumed-keys'] });
    expect((await post(['nope'])).status).toBe(422);
    expect((await post(['simple-pagination', 'cursor-pagination'])).status).toBe(422);
    expect(emu.getVariants()).toEqual(['no-retry-after', 'consumed-keys']);
    emu.setVariants([]);
    expect(emu.getVariants()).toEqual([]);
  });
});
