// ItemDetails: the facts a support request needs (message, code, path, session, document), Copy through the clipboard, Esc.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setBridge } from '../../../renderer/src/bridge';
import ItemDetails from '../../../renderer/src/components/ItemDetails.vue';
import { useQueueViewStore } from '../../../renderer/src/stores/queue-view-store';
import { createFakeBridge, makeItem } from './fake-bridge';

enableAutoUnmount(afterEach);

let pinia: ReturnType<typeof createPinia>;
beforeEach(() => {
  setBridge(createFakeBridge().bridge);
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(() => {
  setBridge(null);
  vi.restoreAllMocks();
});

const failed = makeItem(
  'f',
  { status: 'failed', step: 'attaching', error: { code: 'session-gone', message: 'Raydocs refused the file.' }, documentId: 'doc-9', sessionId: 'sess-7', sha256: 's' },
  { path: '/data/in/f.pdf' },
);
const fact = (w: ReturnType<typeof mount>, k: string) => w.get(`[data-fact="${k}"]`).text();

describe('ItemDetails', () => {
  it('shows the message, the code, the path, the session and the document of a failed file', () => {
    const w = mount(ItemDetails, { props: { item: failed }, global: { plugins: [pinia] } });
    expect(w.get('h3').text()).toBe('f.pdf');
    expect(fact(w, 'Message')).toBe('Raydocs refused the file.');
    expect(fact(w, 'Code')).toBe('session-gone');
    expect(fact(w, 'Path')).toBe('/data/in/f.pdf');
    expect(fact(w, 'Session')).toBe('sess-7');
    expect(fact(w, 'Document')).toBe('doc-9');
  });

  it('leaves out what a queued file does not have yet, and names its target session', () => {
    const w = mount(ItemDetails, { props: { item: makeItem('q') }, global: { plugins: [pinia] } });
    expect(w.find('[data-fact="Code"]').exists()).toBe(false);
    expect(w.find('[data-fact="Document"]').exists()).toBe(false);
    expect(fact(w, 'Path')).toBe('/tmp/q.pdf');
    expect(fact(w, 'Session')).toBe('11111111-1111-4111-8111-111111111111');
  });

  it('copies every fact as text to the clipboard and says so', async () => {
    const write = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    const w = mount(ItemDetails, { props: { item: failed }, global: { plugins: [pinia] } });
    await w.get('[data-testid="copy-details"]').trigger('click');
    await flushPromises();
    expect(write).toHaveBeenCalledTimes(1);
    const text = write.mock.calls[0]![0];
    expect(text.split('\n')[0]).toBe('f.pdf');
    for (const line of ['Message: Raydocs refused the file.', 'Code: session-gone', 'Path: /data/in/f.pdf', 'Session: sess-7', 'Document: doc-9']) expect(text).toContain(line);
    expect(w.get('[data-testid="copy-details"]').text()).toBe('Copied');
  });

  it('does not claim a copy the clipboard refused', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    const w = mount(ItemDetails, { props: { item: failed }, global: { plugins: [pinia] } });
    await w.get('[data-testid="copy-details"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="copy-details"]').text()).toBe('Copy');
  });

  it('closes on Esc', async () => {
    const qv = useQueueViewStore();
    qv.detailsId = 'f';
    const w = mount(ItemDetails, { props: { item: failed }, global: { plugins: [pinia] } });
    await w.get('[data-testid="item-details"]').trigger('keydown', { key: 'Escape' });
    expect(qv.detailsId).toBeNull();
  });
});
