// Which view is showing, and the polite live-region message screen readers hear.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export type MainView = 'queue' | 'documents' | 'settings';

export const useUiStore = defineStore('ui', () => {
  const view = ref<MainView>('queue');
  const announcement = ref('');
  /** Whether the target picker dialog is open. */
  const pickingTarget = ref(false);
  /** A session a dashboard link dropped on the window names: the picker offers it, and nothing changes until it is chosen. */
  const droppedSessionId = ref<string | null>(null);

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

  /** Opens the picker on "Paste a link" with the dropped session offered (main checks the id again when it is opened). */
  function offerDroppedLink(sessionId: string): void {
    droppedSessionId.value = sessionId;
    pickingTarget.value = true;
  }

  return { view, announcement, pickingTarget, droppedSessionId, announce, show, offerDroppedLink };
});
