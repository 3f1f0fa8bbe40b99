// Files opened with the app ("Open with", a second launch, the dock) wait in main; this store shows the offer and sends the answer.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { PendingOpen } from '../../../shared/ipc';
import type { Target } from '../../../shared/queue';
import { call, errorText, onBridgeEvent } from '../bridge';
import { useQueueStore } from './queue-store';

export const useOpenedStore = defineStore('opened', () => {
  const pending = ref<PendingOpen | null>(null);
  /** Set while the person picks a session for the waiting files ("Choose session"). */
  const choosing = ref(false);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    pending.value = await call('opened:get', undefined);
  }

  function listen(): () => void {
    return onBridgeEvent('opened:changed', (p) => {
      pending.value = p;
      if (!p) choosing.value = false;
    });
  }

  /** Uploads the batch that was shown (by its id) to `target`; main holds the paths. */
  async function accept(target: Target): Promise<void> {
    const p = pending.value;
    if (!p) return;
    error.value = null;
    choosing.value = false;
    try {
      const report = await call('opened:accept', { id: p.id, target });
      if (report) useQueueStore().showReport(report);
      if (pending.value?.id === p.id) pending.value = null;
    } catch (err) {
      error.value = `Could not queue the opened files: ${errorText(err)}`;
    }
  }

  async function dismiss(): Promise<void> {
    const p = pending.value;
    if (!p) return;
    choosing.value = false;
    pending.value = null;
    await call('opened:dismiss', { id: p.id }).catch(() => undefined);
  }

  return { pending, choosing, error, load, listen, accept, dismiss };
});
