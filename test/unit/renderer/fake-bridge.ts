// A scriptable RaydocsBridge for renderer unit tests: handlers per channel, recorded calls, and emitted events.
import type { IpcChannel, IpcEventName, IpcEvents, IpcResult, IpcResults, RaydocsBridge } from '../../../shared/ipc';
import { IPC_CHANNELS } from '../../../shared/ipc-channels';
import type { QueueItem, QueueSummary, Target } from '../../../shared/queue';
import { ITEM_STATUSES } from '../../../shared/queue';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

type Handler = (args: unknown) => unknown;

export interface FakeBridge {
  bridge: RaydocsBridge;
  calls: Array<{ channel: IpcChannel; args: unknown }>;
  handle<C extends IpcChannel>(channel: C, fn: (args: unknown) => IpcResults[C] | Promise<IpcResults[C]>): void;
  fail(channel: IpcChannel, code: string, message: string): void;
  emit<E extends IpcEventName>(event: E, payload: IpcEvents[E]): void;
  callsTo(channel: IpcChannel): unknown[];
}

export function emptySummary(over: Partial<QueueSummary> = {}): QueueSummary {
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as QueueSummary['counts'];
  return { counts, total: 0, bytesDone: 0, bytesTotal: 0, speedBps: 0, etaSeconds: null, connectivity: { state: 'online' }, paused: false, ...over };
}

export const SESSION_TARGET: Target = {
  kind: 'session',
  workspaceId: 1,
  sessionId: '11111111-1111-4111-8111-111111111111',
  sessionName: 'Invoices',
};

export function makeItem(id: string, state: QueueItem['state'] = { status: 'queued' }, over: Partial<QueueItem> = {}): QueueItem {
  return { id, path: `/tmp/${id}.pdf`, name: `${id}.pdf`, size: 1000, format: 'pdf', target: SESSION_TARGET, batchId: 'b1', addedAt: 1, state, ...over };
}

export function createFakeBridge(): FakeBridge {
  const handlers = new Map<IpcChannel, Handler>();
  const failures = new Map<IpcChannel, { code: string; message: string }>();
  const listeners = new Map<IpcEventName, Set<(p: unknown) => void>>();
  const calls: FakeBridge['calls'] = [];

  const defaults: Partial<Record<IpcChannel, Handler>> = {
    'auth:status': () => ({ state: 'signed-out', keychain: { kind: 'os' } }),
    'settings:get': () => DEFAULT_SETTINGS,
    'settings:set': (a) => ({ ...DEFAULT_SETTINGS, ...(a as object) }),
    'queue:snapshot': () => ({ items: [], summary: emptySummary() }),
    'sessions:recent': () => [],
    'templates:list': () => ({ data: [], meta: { current_page: 1, last_page: 1, per_page: 15, total: 0 } }),
    'queue:add': (a) => ({ batchId: 'b1', accepted: (a as { files: File[] }).files.length, duplicates: 0, skipped: 0, refused: [] }),
  };

  const methods = Object.fromEntries(
    IPC_CHANNELS.map((channel) => [
      channel,
      async (args: unknown): Promise<IpcResult<unknown>> => {
        calls.push({ channel, args });
        const failure = failures.get(channel);
        if (failure) return { ok: false, error: failure };
        const fn = handlers.get(channel) ?? defaults[channel];
        return { ok: true, value: fn ? await fn(args) : undefined };
      },
    ]),
  );

  const bridge = {
    ...methods,
    onEvent(event: IpcEventName, listener: (p: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  } as unknown as RaydocsBridge;

  return {
    bridge,
    calls,
    handle(channel, fn) {
      failures.delete(channel);
      handlers.set(channel, fn as Handler);
    },
    fail(channel, code, message) {
      failures.set(channel, { code, message });
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    callsTo(channel) {
      return calls.filter((c) => c.channel === channel).map((c) => c.args);
    },
  };
}
