// The bridge wrapper: values out of {ok:true}, BridgeError out of {ok:false}, a clear error without a bridge.
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeError, call, setBridge } from '../../../renderer/src/bridge';
import { createFakeBridge } from './fake-bridge';

afterEach(() => setBridge(null));

describe('bridge wrapper', () => {
  it('unwraps ok answers into values', async () => {
    const fake = createFakeBridge();
    setBridge(fake.bridge);
    const s = await call('settings:get', undefined);
    expect(s.concurrency).toBe(4);
    expect(fake.callsTo('settings:get')).toHaveLength(1);
  });
  it('turns error answers into a BridgeError with code and channel', async () => {
    const fake = createFakeBridge();
    fake.fail('auth:sign-in', 'forbidden', 'The token lacks workspaces-read.');
    setBridge(fake.bridge);
    const err = await call('auth:sign-in', { token: 'rd_live_xxxxxxxx' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect(err).toMatchObject({ code: 'forbidden', channel: 'auth:sign-in', message: 'The token lacks workspaces-read.' });
  });
  it('says clearly when there is no bridge', async () => {
    await expect(call('settings:get', undefined)).rejects.toThrow(/bridge is missing/);
  });
});
