import { describe, expect, it } from 'vitest';
import { dispatch, isIpcChannel, parseArgs, toIpcError, type IpcHandlers } from '../../../electron/core/desktop/ipc-dispatch';
import { IPC_CHANNELS, type IpcChannel } from '../../../shared/ipc';

const S = '00000000-0000-4000-8000-000000000001';
const target = { kind: 'session', workspaceId: 1, sessionId: S, sessionName: 'x' };

/** One valid and one malformed payload per channel; typed by channel so a new channel cannot go untested. */
const samples: Record<IpcChannel, { valid: unknown; malformed: unknown }> = {
  'auth:status': { valid: undefined, malformed: { token: 'x' } },
  'auth:sign-in': { valid: { token: 'abcdefgh12345' }, malformed: { token: 'short' } },
  'auth:sign-out': { valid: null, malformed: 'now' },
  'workspaces:list': { valid: undefined, malformed: [1] },
  'templates:list': { valid: { workspaceId: 1, page: 1 }, malformed: { workspaceId: '1', page: 1 } },
  'sessions:recent': { valid: { workspaceId: 3 }, malformed: { workspaceId: -3 } },
  'sessions:open': { valid: { workspaceId: 3, input: S }, malformed: { workspaceId: 3, input: '   ' } },
  'sessions:create': { valid: { workspaceId: 1, templateId: S, name: 'n' }, malformed: { workspaceId: 1, templateId: 'not-a-uuid', name: 'n' } },
  'targets:clipboard-link': { valid: undefined, malformed: { text: 'x' } },
  'targets:choose': { valid: { target }, malformed: { target: { ...target, workspaceId: 'x' } } },
  'sessions:documents': { valid: { sessionId: S }, malformed: { sessionId: '../../etc' } },
  'documents:reparse': { valid: { workspaceId: 1, sessionId: S, documentId: S }, malformed: { workspaceId: 1, documentId: S } },
  'results:run': { valid: { sessionId: S }, malformed: {} },
  'results:list': { valid: { sessionId: S }, malformed: { sessionId: S, page: 2 } },
  'results:get': { valid: { resultId: S }, malformed: { resultId: 42 } },
  'results:save-excel': { valid: { resultId: S }, malformed: { resultId: S, path: '/tmp/x.xlsx' } },
  'results:save-all': { valid: { sessionIds: [S] }, malformed: { sessionIds: [] } },
  'runs:list': { valid: undefined, malformed: { all: true } },
  'queue:add': { valid: { paths: ['/a.pdf'], unresolved: ['x.pdf'], target }, malformed: { paths: [], target } },
  'queue:snapshot': { valid: undefined, malformed: 0 },
  'queue:pause': { valid: {}, malformed: { ids: 'all' } },
  'queue:resume': { valid: { ids: ['a'] }, malformed: { ids: [''] } },
  'queue:cancel': { valid: { ids: ['a'] }, malformed: { ids: undefined } },
  'queue:retry': { valid: { ids: [] }, malformed: { ids: [1] } },
  'queue:remove': { valid: { ids: ['a'] }, malformed: { ids: ['a'], extra: true } },
  'queue:reparse': { valid: { itemId: 'a' }, malformed: { itemId: '', workspaceId: 1 } },
  'queue:clear-finished': { valid: undefined, malformed: true },
  'queue:probe-now': { valid: undefined, malformed: {} },
  'queue:cancel-all': { valid: { batchId: 'b1' }, malformed: { ids: ['a'] } },
  'queue:retry-failed': { valid: undefined, malformed: { batchId: '' } },
  'queue:remove-batch': { valid: { batchId: 'b1' }, malformed: {} },
  'settings:get': { valid: undefined, malformed: 'all' },
  'settings:set': { valid: { concurrency: 2 }, malformed: { concurrency: 99 } },
  'shell:reveal': { valid: { itemId: 'i1' }, malformed: { path: '/etc/passwd' } },
  'shell:open-external': { valid: { url: 'https://app.raydocs.com/' }, malformed: { url: 'not a url' } },
  'dialog:pick': { valid: { kind: 'files', target }, malformed: { kind: 'files' } },
  'ui:view': { valid: { view: 'queue' }, malformed: { view: 'admin' } },
  'opened:get': { valid: undefined, malformed: { paths: ['/etc'] } },
  'opened:accept': { valid: { id: 'b1', target }, malformed: { id: 'b1', target, paths: ['/etc/passwd'] } },
  'opened:dismiss': { valid: { id: 'b1' }, malformed: { id: '' } },
  'watches:list': { valid: undefined, malformed: { folder: '/etc' } },
  // The page names where files go and how, never the folder: a path is refused.
  'watches:add': {
    valid: { target, options: { recursive: false, after: 'leave', settleMs: 2000 } },
    malformed: { target, options: { recursive: false, after: 'leave', settleMs: 2000 }, folder: '/home/someone/.ssh' },
  },
  'watches:remove': { valid: { id: 'w1' }, malformed: { id: '' } },
  'watches:pause': { valid: { id: 'w1' }, malformed: {} },
  'watches:resume': { valid: { id: 'w1' }, malformed: { id: 7 } },
};

describe('IPC payload validation', () => {
  it('the sample table covers exactly the contract', () => {
    expect(Object.keys(samples).sort()).toEqual([...IPC_CHANNELS].sort());
  });

  describe.each(IPC_CHANNELS)('%s', (channel) => {
    it('accepts a well-formed payload', () => {
      expect(parseArgs(channel, samples[channel].valid)).toMatchObject({ ok: true });
    });

    it.each([
      ['its malformed sample', () => samples[channel].malformed],
      ['a number', () => 42],
      ['a string', () => 'payload'],
      ['an array', () => [samples[channel].valid]],
      ['unknown keys', () => ({ ...(typeof samples[channel].valid === 'object' ? samples[channel].valid : {}), __proto_pollution: 1 })],
    ])('rejects %s with a clear error naming the channel', (_label, payload) => {
      const r = parseArgs(channel, payload());
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('invalid-arguments');
      expect(r.error.message).toContain(`Invalid arguments for ${channel}:`);
      expect(r.error.message.length).toBeGreaterThan(`Invalid arguments for ${channel}: `.length);
    });
  });

  it('names the offending field', () => {
    const r = parseArgs('settings:set', { concurrency: 99 });
    expect(!r.ok && r.error.message).toMatch(/concurrency: .*16/);
  });

  it('knows its channels', () => {
    expect(isIpcChannel('queue:add')).toBe(true);
    expect(isIpcChannel('queue:nuke')).toBe(false);
    expect(isIpcChannel(7)).toBe(false);
  });
});

describe('dispatch', () => {
  const handlers = new Proxy({} as IpcHandlers, {
    get: (_t, channel: string) => async (args: unknown) => {
      if (channel === 'results:get') throw Object.assign(new Error('Not found: GET /extractions/results/x'), { name: 'ApiError', code: 'not-found' });
      if (channel === 'auth:sign-in') throw Object.assign(new Error('No OS keychain available'), { name: 'KeychainUnavailableError' });
      if (channel === 'queue:snapshot') throw new Error('boom with secret-token-123');
      if (channel === 'dialog:pick') throw 'a string';
      return { echoed: args };
    },
  });

  it('wraps a value', async () => {
    expect(await dispatch(handlers, 'ui:view', { view: 'queue' })).toEqual({ ok: true, value: { echoed: { view: 'queue' } } });
  });

  it('never calls the handler with an invalid payload', async () => {
    let called = false;
    const spy = { ...handlers, 'ui:view': async () => void (called = true) } as IpcHandlers;
    const r = await dispatch(spy, 'ui:view', { view: 'nope' });
    expect(r.ok).toBe(false);
    expect(called).toBe(false);
  });

  it('turns thrown errors into codes, keeping ApiError and keychain codes, and never throws', async () => {
    expect(await dispatch(handlers, 'results:get', { resultId: '00000000-0000-4000-8000-000000000001' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Not found: GET /extractions/results/x' },
    });
    expect(await dispatch(handlers, 'auth:sign-in', { token: 'abcdefgh1' })).toMatchObject({ ok: false, error: { code: 'keychain-unavailable' } });
    expect(await dispatch(handlers, 'dialog:pick', { kind: 'files', target })).toEqual({ ok: false, error: { code: 'internal', message: 'a string' } });
  });

  it('redacts error messages', async () => {
    const r = await dispatch(handlers, 'queue:snapshot', undefined, (s) => s.replace('secret-token-123', '[redacted]'));
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'boom with [redacted]' } });
    expect(toIpcError(null)).toEqual({ code: 'internal', message: 'null' });
  });
});
