// Which view is showing, and the polite live-region message screen readers hear.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export type MainView = 'queue' | 'documents' | 'settings';

export const useUiStore = defineStore('ui', () => {
  const view = ref<MainView>('queue');
  const announcement = ref('');
  /** Whether the target picker dialog is open. */
  const pickingTarget = ref(false);

  function announce(message: string): void {
    // Clearing first makes screen readers repeat an identical message.
    announcement.value = '';
    queueMicrotask(() => {
      announcement.value = message;
    });
  }

  function show(next: MainView): void {
    view.value = next;
  }

  return { view, announcement, pickingTarget, announce, show };
});
