// Which view is showing, and the polite live-region message screen readers hear.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export type MainView = 'queue' | 'documents' | 'settings';

/** The documents view shows the chosen target; a batch header's "Show sessions" asks for one-per-file sessions instead. */
export type PerFileFocus = { batchId: string | null } | null;

export const useUiStore = defineStore('ui', () => {
  const view = ref<MainView>('queue');
  const announcement = ref('');
  /** Whether the target picker dialog is open. */
  const pickingTarget = ref(false);
  /** Non-null: the documents view lists the sessions one-per-file batches made (one batch's, or all with null). */
  const perFile = ref<PerFileFocus>(null);

  function announce(message: string): void {
    // Clearing first makes screen readers repeat an identical message.
    announcement.value = '';
    queueMicrotask(() => {
      announcement.value = message;
    });
  }

  /** Any other way to a view (a tab, the menu, a notification) shows the chosen target's documents again. */
  function show(next: MainView): void {
    view.value = next;
    perFile.value = null;
  }

  function showSessionsOf(batchId: string | null): void {
    view.value = 'documents';
    perFile.value = { batchId };
  }

  return { view, announcement, pickingTarget, perFile, announce, show, showSessionsOf };
});
