// The application menu's page commands: Filter the Queue (⌘F) shows the queue and focuses the chosen filter.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../../renderer/src/bridge';
import QueueFilters from '../../../renderer/src/components/QueueFilters.vue';
import { listenMenuCommands } from '../../../renderer/src/composables/menu-commands';
import { useQueueStore } from '../../../renderer/src/stores/queue-store';
import { useUiStore } from '../../../renderer/src/stores/ui-store';
import { createFakeBridge, type FakeBridge } from './fake-bridge';

enableAutoUnmount(afterEach);

let fake: FakeBridge;
let pinia: ReturnType<typeof createPinia>;
beforeEach(() => {
  fake = createFakeBridge();
  setBridge(fake.bridge);
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(() => setBridge(null));

describe('menu commands', () => {
  it('focus-filter shows the queue and focuses the pressed filter', async () => {
    const ui = useUiStore();
    ui.show('settings');
    useQueueStore().filter = 'done';
    const w = mount(QueueFilters, { attachTo: document.body, global: { plugins: [pinia] } });
    const stop = listenMenuCommands();
    fake.emit('menu:command', { command: 'focus-filter' });
    await flushPromises();
    expect(ui.view).toBe('queue');
    expect(document.activeElement).toBe(w.get('[data-filter="done"]').element);
    stop();
    (document.activeElement as HTMLElement | null)?.blur();
    fake.emit('menu:command', { command: 'focus-filter' });
    await flushPromises();
    expect(document.activeElement, 'stopped listening').toBe(document.body);
  });
});
