// What the application menu asks of the page that only the page can do (main sends menu:command): Filter the Queue
// (⌘F) focuses the queue's filters. Main shows the queue view first (core/desktop/app-menu.ts, dispatchMenuAction).
import { nextTick } from 'vue';
import { assertNever } from '../../../shared/assert-never';
import type { MenuCommand } from '../../../shared/ipc';
import { onBridgeEvent } from '../bridge';
import { useUiStore } from '../stores/ui-store';

/** The chosen filter, else the first: the filters are a group of toggle buttons, so focus goes to the pressed one. */
async function focusFilter(): Promise<void> {
  useUiStore().show('queue');
  await nextTick();
  document.querySelector<HTMLElement>('[data-filter][aria-pressed="true"]')?.focus();
}

export async function runMenuCommand(command: MenuCommand): Promise<void> {
  switch (command) {
    case 'focus-filter':
      return focusFilter();
    default:
      return assertNever(command, 'menu command');
  }
}

export function listenMenuCommands(): () => void {
  return onBridgeEvent('menu:command', ({ command }) => void runMenuCommand(command));
}
