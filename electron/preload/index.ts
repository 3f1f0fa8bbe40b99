// The sandboxed bridge: one method per IPC channel and event subscriptions; never ipcRenderer itself, never a path from the page.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { eventChannel, IPC_CHANNELS, IPC_EVENT_NAMES, type IpcEventName } from '../../shared/ipc-channels';
import type { BridgeMethods, IpcEvents, RaydocsBridge } from '../../shared/ipc';
import { resolveDrop } from './resolve-drop';

function buildMethods(): BridgeMethods {
  const methods: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const channel of IPC_CHANNELS) {
    // Only the argument crosses: the renderer never sees the IpcRendererEvent or any other channel.
    methods[channel] =
      channel === 'queue:add'
        ? // The page hands over dropped Files; only here do they become paths (a File the page made has none).
          (args: unknown) => ipcRenderer.invoke(channel, resolveDrop(args, (f) => webUtils.getPathForFile(f)))
        : (args: unknown) => ipcRenderer.invoke(channel, args);
  }
  return methods as unknown as BridgeMethods;
}

function onEvent<E extends IpcEventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
  if (!(IPC_EVENT_NAMES as readonly string[]).includes(event)) throw new TypeError(`Unknown event: ${String(event)}`);
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  const channel = eventChannel(event);
  const wrapped = (_e: IpcRendererEvent, payload: IpcEvents[E]): void => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

export const bridge: RaydocsBridge = {
  ...buildMethods(),
  onEvent,
};

contextBridge.exposeInMainWorld('raydocs', bridge);
