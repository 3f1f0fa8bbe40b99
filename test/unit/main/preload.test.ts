// The preload bridge with `electron` mocked: exactly one method per channel, event subscriptions that unsubscribe, no raw ipcRenderer.
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../shared/ipc';

const calls = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as Array<[string, unknown]>,
  listeners: new Map<string, Set<(...a: unknown[]) => void>>(),
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
    webUtils: { getPathForFile: (f: { name: string }) => `/picked/${f.name}` },
  };
});

await import('../../../electron/preload/index');
const bridge = calls.exposed.get('raydocs') as Record<string, unknown>;

describe('preload bridge', () => {
  it('exposes only window.raydocs', () => {
    expect([...calls.exposed.keys()]).toEqual(['raydocs']);
  });

  it('has exactly one method per channel, plus onEvent and pathForFile', () => {
    expect(Object.keys(bridge).sort()).toEqual([...IPC_CHANNELS, 'onEvent', 'pathForFile'].sort());
    for (const key of Object.keys(bridge)) expect(typeof bridge[key]).toBe('function');
    expect(bridge).not.toHaveProperty('ipcRenderer');
    expect(bridge).not.toHaveProperty('invoke');
  });

  it('each method invokes its own channel with only the argument', async () => {
    for (const channel of IPC_CHANNELS) {
      const answer = await (bridge[channel] as (a: unknown) => Promise<unknown>)({ probe: channel });
      expect(answer).toEqual({ ok: true, value: channel });
    }
    expect(calls.invoked).toEqual(IPC_CHANNELS.map((c) => [c, { probe: c }]));
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

  it('turns a dropped File into its path through webUtils', () => {
    expect((bridge['pathForFile'] as (f: unknown) => string)({ name: 'a.pdf' })).toBe('/picked/a.pdf');
  });
});
