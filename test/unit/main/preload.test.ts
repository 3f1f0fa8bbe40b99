// The preload bridge with `electron` mocked: exactly one method per channel, event subscriptions that unsubscribe, no raw ipcRenderer.
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../shared/ipc';

const calls = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as Array<[string, unknown]>,
  listeners: new Map<string, Set<(...a: unknown[]) => void>>(),
  realFiles: new WeakMap<object, string>(),
}));

vi.mock('electron', () => {
  const ipcRenderer = {
    invoke: async (channel: string, args: unknown) => {
      calls.invoked.push([channel, args]);
      return { ok: true, value: channel };
    },
    on: (channel: string, fn: (...a: unknown[]) => void) => {
      if (!calls.listeners.has(channel)) calls.listeners.set(channel, new Set());
      calls.listeners.get(channel)!.add(fn);
    },
    removeListener: (channel: string, fn: (...a: unknown[]) => void) => void calls.listeners.get(channel)?.delete(fn),
  };
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void calls.exposed.set(key, api) },
    ipcRenderer,
    // Electron resolves only Files that came from a real drop or <input type=file>: here, those the test registered.
    webUtils: { getPathForFile: (f: object) => calls.realFiles.get(f) ?? '' },
  };
});

await import('../../../electron/preload/index');
const bridge = calls.exposed.get('raydocs') as Record<string, unknown>;

describe('preload bridge', () => {
  it('exposes only window.raydocs', () => {
    expect([...calls.exposed.keys()]).toEqual(['raydocs']);
  });

  it('has exactly one method per channel, plus onEvent; no way to turn a File into a path', () => {
    expect(Object.keys(bridge).sort()).toEqual([...IPC_CHANNELS, 'onEvent'].sort());
    expect(bridge).not.toHaveProperty('pathForFile');
    for (const key of Object.keys(bridge)) expect(typeof bridge[key]).toBe('function');
    expect(bridge).not.toHaveProperty('ipcRenderer');
    expect(bridge).not.toHaveProperty('invoke');
  });

  it('each method invokes its own channel with only the argument (queue:add: only what the preload resolved)', async () => {
    for (const channel of IPC_CHANNELS) {
      const answer = await (bridge[channel] as (a: unknown) => Promise<unknown>)({ probe: channel });
      expect(answer).toEqual({ ok: true, value: channel });
    }
    expect(calls.invoked).toEqual(IPC_CHANNELS.map((c) => [c, c === 'queue:add' ? { paths: [], unresolved: [], target: undefined } : { probe: c }]));
  });

  it('onEvent subscribes to the event channel, passes only the payload, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = (bridge['onEvent'] as (e: string, l: (p: unknown) => void) => () => void)('navigate', (p) => got.push(p));
    const fire = (payload: unknown) => calls.listeners.get('raydocs:event:navigate')?.forEach((fn) => fn({ sender: 'secret' }, payload));
    fire({ view: 'queue' });
    off();
    fire({ view: 'settings' });
    expect(got).toEqual([{ view: 'queue' }]);
    expect(() => (bridge['onEvent'] as (e: string, l: () => void) => void)('ipc:anything', () => undefined)).toThrow(/Unknown event/);
  });

  it('queue:add sends the paths of really dropped Files; forged Files and path strings are sent as unresolved names', async () => {
    calls.invoked.length = 0;
    const dropped = new File(['%PDF-'], 'a.pdf');
    calls.realFiles.set(dropped, '/home/me/a.pdf');
    const forged = new File(['%PDF-'], 'passwd');
    const target = { kind: 'session' };
    await (bridge['queue:add'] as (a: unknown) => Promise<unknown>)({ files: [dropped, forged, '/etc/passwd'], paths: ['/home/me/.ssh'], target });
    expect(calls.invoked).toEqual([['queue:add', { paths: ['/home/me/a.pdf'], unresolved: ['passwd', '(not a file)'], target }]]);
  });
});
