// The renderer-bound events (shared/ipc.ts IpcEvents) every service emits through one typed hub that main forwards.
import type { IpcEventName, IpcEvents } from '../../../shared/ipc';
import { createEmitter } from './emitter';

export type EventListener = <E extends IpcEventName>(event: E, payload: IpcEvents[E]) => void;
export type Emit = <E extends IpcEventName>(event: E, payload: IpcEvents[E]) => void;

export interface EventHub {
  emit: Emit;
  on(listener: EventListener): () => void;
  clear(): void;
}

type Message = { [E in IpcEventName]: { event: E; payload: IpcEvents[E] } }[IpcEventName];

export function createEventHub(onError: (err: unknown) => void): EventHub {
  const inner = createEmitter<Message>(onError);
  return {
    emit: (event, payload) => inner.fire({ event, payload } as Message),
    on: (listener) => inner.event((m) => listener(m.event, m.payload)),
    clear: () => inner.clear(),
  };
}
