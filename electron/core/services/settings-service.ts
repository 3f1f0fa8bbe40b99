// The app's settings over IPC: validated by the store, the engine follows each change, a new API origin is asked first.
import type { Settings } from '../../../shared/settings';
import { apiOriginPrompt, type ConfirmPrompt } from '../desktop/confirmations';
import type { IpcHandlers } from '../desktop/ipc-dispatch';
import type { SettingsStore } from '../desktop/settings-store';
import type { UploadEngine } from '../engine';
import { createEmitter } from './emitter';
import type { Emit } from './event-hub';

export type SettingsChannel = 'settings:get' | 'settings:set';

export interface SettingsServiceDeps {
  store: SettingsStore;
  engine: Pick<UploadEngine, 'setConcurrency' | 'setBandwidthLimit' | 'setKeepFileNames'>;
  ask(prompt: ConfirmPrompt | null, refusal: string): Promise<void>;
  emit: Emit;
  onListenerError(err: unknown): void;
}

export interface SettingsService {
  handlers: Pick<IpcHandlers, SettingsChannel>;
  get(): Settings;
  /** Fires after every saved change (main applies launch at login). */
  onChanged(listener: (settings: Settings) => void): () => void;
}

export function createSettingsService(deps: SettingsServiceDeps): SettingsService {
  const { store, engine } = deps;
  const changed = createEmitter<Settings>(deps.onListenerError);
  return {
    handlers: {
      'settings:get': async () => store.get(),
      'settings:set': async (patch) => {
        // A new API origin receives the token from the next start on: main asks, naming the host.
        if (patch.apiBaseUrl !== undefined) {
          await deps.ask(apiOriginPrompt(store.get().apiBaseUrl, patch.apiBaseUrl), 'The API address was not changed.');
        }
        const next = store.set(patch);
        if (patch.concurrency !== undefined) engine.setConcurrency(next.concurrency);
        if (patch.bandwidthLimitBps !== undefined) engine.setBandwidthLimit(next.bandwidthLimitBps);
        if (patch.keepFileNames !== undefined) engine.setKeepFileNames(next.keepFileNames);
        deps.emit('settings:changed', next);
        changed.fire(next);
        return next;
      },
    },
    get: () => store.get(),
    onChanged: (listener) => changed.event(listener),
  };
}
