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
  /** A session a dashboard link dropped on the window names: the picker offers it, and nothing changes until it is chosen. */
  const droppedSessionId = ref<string | null>(null);

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

  /** Opens the picker on "Paste a link" with the dropped session offered (main checks the id again when it is opened). */
  function offerDroppedLink(sessionId: string): void {
    droppedSessionId.value = sessionId;
    pickingTarget.value = true;
  }

  return { view, announcement, pickingTarget, perFile, droppedSessionId, announce, show, showSessionsOf, offerDroppedLink };
});
