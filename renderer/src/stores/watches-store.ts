// Watched folders as main reports them (watches:changed); adding one opens main's folder dialog, never a path from here.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Target, WatchView } from '../../../shared/ipc';
import type { WatchOptions } from '../../../shared/watch';
import { call, errorText, onBridgeEvent } from '../bridge';

export const useWatchesStore = defineStore('watches', () => {
  const watches = ref<WatchView[]>([]);
  const error = ref<string | null>(null);

  async function act(run: () => Promise<unknown>): Promise<void> {
    error.value = null;
    try {
      await run();
    } catch (err) {
      error.value = errorText(err);
    }
  }

  return {
    watches,
    error,
    load: () => act(async () => (watches.value = await call('watches:list', undefined))),
    listen: () => onBridgeEvent('watches:changed', (list) => (watches.value = list)),
    add: (target: Target, options: WatchOptions) => act(() => call('watches:add', { target, options })),
    pause: (id: string) => act(() => call('watches:pause', { id })),
    resume: (id: string) => act(() => call('watches:resume', { id })),
    remove: (id: string) => act(() => call('watches:remove', { id })),
  };
});
