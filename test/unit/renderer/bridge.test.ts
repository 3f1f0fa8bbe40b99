// The bridge wrapper: values out of {ok:true}, BridgeError out of {ok:false}, a clear error without a bridge.
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeError, call, setBridge } from '../../../renderer/src/bridge';
import { createFakeBridge } from './fake-bridge';
import { apiResult } from './ipc-answers';

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
  const ID = '11111111-1111-4111-8111-111111111111';
  it('the fake holds calls to the contract: arguments main refuses are refused, answers it could not give are flagged', async () => {
    const fake = createFakeBridge();
    setBridge(fake.bridge);
    await expect(call('sessions:documents', { sessionId: 'not-an-id' })).rejects.toMatchObject({ code: 'invalid-arguments' });
    fake.handle('sessions:documents', () => [{ id: 'd', filename: 'a.pdf' }] as never);
    await call('sessions:documents', { sessionId: ID });
    // A result built through the shared schema is what main sends: no breach.
    fake.handle('results:get', () => apiResult({ id: ID, status: 'completed' }));
    await call('results:get', { resultId: ID });
    // Taken here, so the check after each test does not fail this one.
    expect(fake.breaches.splice(0)).toEqual([
      expect.stringContaining('Invalid arguments for sessions:documents: sessionId'),
      expect.stringContaining('answer on sessions:documents: not in the form main sends'),
    ]);
  });
  it('says clearly when there is no bridge', async () => {
    await expect(call('settings:get', undefined)).rejects.toThrow(/bridge is missing/);
  });
});
