// Files opened with the app arrive as an offer: Upload sends the shown batch's id, Choose session takes the picked one, Dismiss drops it.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../../renderer/src/bridge';
import OpenedFilesOffer from '../../../renderer/src/components/OpenedFilesOffer.vue';
import { useOpenedStore } from '../../../renderer/src/stores/opened-store';
import { useTargetStore } from '../../../renderer/src/stores/target-store';
import { useUiStore } from '../../../renderer/src/stores/ui-store';
import { createFakeBridge, SESSION_TARGET, type FakeBridge } from './fake-bridge';

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

const S9 = '99999999-9999-4999-8999-999999999999';
const offer = { id: 'b1', count: 3, names: ['a.pdf', 'b.pdf', 'c.pdf'], target: { ...SESSION_TARGET, sessionName: 'March invoices' } };

describe('OpenedFilesOffer', () => {
  it('asks "Upload 3 files to March invoices?" and Upload answers with the batch id and that target', async () => {
    fake.handle('opened:accept', () => ({ batchId: 'q1', accepted: 3, duplicates: 0, skipped: 0, refused: [] }));
    const opened = useOpenedStore();
    opened.listen();
    const w = mount(OpenedFilesOffer, { global: { plugins: [pinia] } });
    fake.emit('opened:changed', offer);
    await flushPromises();
    expect(w.get('#offer-title').text()).toBe('Upload 3 files to March invoices?');
    expect(w.text()).toContain('a.pdf, b.pdf, c.pdf');
    await w.get('[data-testid="opened-upload"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('opened:accept')).toEqual([{ id: 'b1', target: offer.target }]);
    expect(w.find('[data-testid="opened-offer"]').exists()).toBe(false);
  });

  it('Choose session opens the picker and sends them to the session chosen there', async () => {
    const opened = useOpenedStore();
    opened.pending = { ...offer, target: null };
    const w = mount(OpenedFilesOffer, { global: { plugins: [pinia] } });
    expect(w.get('#offer-title').text()).toBe('Upload 3 files? Choose a session for them.');
    expect(w.find('[data-testid="opened-upload"]').exists()).toBe(false);
    await w.get('[data-testid="opened-choose"]').trigger('click');
    expect(useUiStore().pickingTarget).toBe(true);
    useTargetStore().selectSession({ id: S9, name: 'April', workspaceId: 1 });
    await flushPromises();
    expect(fake.callsTo('opened:accept')).toEqual([{ id: 'b1', target: { kind: 'session', workspaceId: 1, sessionId: S9, sessionName: 'April' } }]);
  });

  it('Dismiss drops the batch in main and uploads nothing', async () => {
    const opened = useOpenedStore();
    opened.pending = offer;
    const w = mount(OpenedFilesOffer, { global: { plugins: [pinia] } });
    await w.get('[data-testid="opened-dismiss"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('opened:dismiss')).toEqual([{ id: 'b1' }]);
    expect(fake.callsTo('opened:accept')).toEqual([]);
    expect(w.find('[data-testid="opened-offer"]').exists()).toBe(false);
  });
});
