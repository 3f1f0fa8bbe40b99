// A scriptable RaydocsBridge for renderer unit tests: handlers per channel, recorded calls, and emitted events.
// Every call is held to the contract: arguments as main validates them, answers as main could give them.
import { afterEach } from 'vitest';
import { parseArgs } from '../../../electron/core/desktop/ipc-dispatch';
import { resolveDrop } from '../../../electron/preload/resolve-drop';
import type { IpcChannel, IpcEventName, IpcEvents, IpcResult, IpcResults, RaydocsBridge } from '../../../shared/ipc';
import { IPC_CHANNELS } from '../../../shared/ipc-channels';
import type { QueueItem, QueueSummary, Target } from '../../../shared/queue';
import { ITEM_STATUSES } from '../../../shared/queue';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { answerProblem } from './ipc-answers';

type Handler = (args: unknown) => unknown;

export interface FakeBridge {
  bridge: RaydocsBridge;
  calls: Array<{ channel: IpcChannel; args: unknown }>;
  handle<C extends IpcChannel>(channel: C, fn: (args: unknown) => IpcResults[C] | Promise<IpcResults[C]>): void;
  fail(channel: IpcChannel, code: string, message: string): void;
  emit<E extends IpcEventName>(event: E, payload: IpcEvents[E]): void;
  callsTo(channel: IpcChannel): unknown[];
  /** Calls that broke the contract: arguments main would refuse, or answers main could not give. Checked after each test. */
  breaches: string[];
}

/** Fake bridges of the running test: each one's breaches fail the test after it, so a drifted call cannot pass unseen. */
const live = new Set<FakeBridge>();
afterEach(() => {
  const found = [...live].flatMap((f) => f.breaches.splice(0));
  live.clear();
  if (found.length > 0) throw new Error(`calls outside the IPC contract (shared/ipc.ts):\n${found.join('\n')}`);
});

/** What the preload sends main: for queue:add the dropped Files become paths (the fake's own, /drop/<name>). */
function onTheWire(channel: IpcChannel, args: unknown): unknown {
  return channel === 'queue:add' ? resolveDrop(args, (f) => (f instanceof File ? `/drop/${f.name}` : '')) : args;
}

export function emptySummary(over: Partial<QueueSummary> = {}): QueueSummary {
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as QueueSummary['counts'];
  return { counts, tally: { stored: 0, documentProblems: 0, uploadFailed: 0, cancelled: 0, unfinished: 0 }, total: 0, bytesDone: 0, bytesTotal: 0, speedBps: 0, etaSeconds: null, connectivity: { state: 'online' }, paused: false, ...over };
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
  const breaches: string[] = [];

  const defaults: Partial<Record<IpcChannel, Handler>> = {
    'auth:status': () => ({ state: 'signed-out', keychain: { kind: 'os' } }),
    'settings:get': () => DEFAULT_SETTINGS,
    'settings:set': (a) => ({ ...DEFAULT_SETTINGS, ...(a as object) }),
    'queue:snapshot': () => ({ items: [], summary: emptySummary() }),
    'sessions:recent': () => [],
    'runs:list': () => [],
    'results:list': () => [],
    'templates:list': () => ({ data: [], meta: { current_page: 1, last_page: 1, per_page: 15, total: 0 } }),
    'queue:add': (a) => ({ batchId: 'b1', accepted: (a as { files: File[] }).files.length, duplicates: 0, skipped: 0, refused: [] }),
  };

  const methods = Object.fromEntries(
    IPC_CHANNELS.map((channel) => [
      channel,
      async (args: unknown): Promise<IpcResult<unknown>> => {
        calls.push({ channel, args });
        // Main validates every argument (electron/core/desktop/ipc-dispatch.ts) and answers a refusal, never the call.
        const checked = parseArgs(channel, onTheWire(channel, args));
        if (!checked.ok) {
          breaches.push(`${checked.error.message} (sent ${JSON.stringify(args)})`);
          return checked;
        }
        const failure = failures.get(channel);
        if (failure) return { ok: false, error: failure };
        const fn = handlers.get(channel) ?? defaults[channel];
        const value = fn ? await fn(args) : undefined;
        const problem = answerProblem(channel, value);
        if (problem) breaches.push(`answer on ${channel}: ${problem}`);
        return { ok: true, value };
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

  const fake: FakeBridge = {
    bridge,
    calls,
    breaches,
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
  live.add(fake);
  return fake;
}
