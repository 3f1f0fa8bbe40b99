// Settings shows what main says about an update (update:changed): ready, waiting for uploads, or downloading; nothing otherwise.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../../renderer/src/bridge';
import SettingsView from '../../../renderer/src/components/SettingsView.vue';
import { useUpdateStore } from '../../../renderer/src/stores/update-store';
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

describe('Settings: app update', () => {
  it('says nothing until main reports an update, then "Update ready" and how it installs', async () => {
    const stop = useUpdateStore().listen();
    const w = mount(SettingsView, { global: { plugins: [pinia] } });
    expect(w.find('[data-testid="update"]').exists()).toBe(false);

    fake.emit('update:changed', { status: 'downloading', version: '1.4.0', percent: 42 });
    await flushPromises();
    expect(w.get('[data-testid="update"]').text()).toContain('Downloading an update');
    expect(w.get('[data-testid="update"]').text()).toContain('Version 1.4.0: 42%.');

    fake.emit('update:changed', { status: 'ready', version: '1.4.0', waitingFor: 3 });
    await flushPromises();
    const box = w.get('[data-testid="update"]');
    expect(box.attributes('role')).toBe('status');
    expect(box.text()).toContain('Update ready');
    expect(box.text()).toContain('Version 1.4.0 installs when you quit Raydocs Uploader');
    expect(box.text()).toContain('It waits until 3 uploads in progress finish.');

    fake.emit('update:changed', { status: 'ready', version: '1.4.0', waitingFor: 0 });
    await flushPromises();
    expect(w.get('[data-testid="update"]').text()).not.toContain('waits');
    stop();
  });
});
