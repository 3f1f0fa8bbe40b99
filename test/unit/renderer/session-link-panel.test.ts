// "Paste a link": a session link on main's clipboard, or one dropped on the window, is offered and opened only when chosen.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecentSession } from '../../../shared/ipc';
import { setBridge } from '../../../renderer/src/bridge';
import SessionLinkPanel from '../../../renderer/src/components/SessionLinkPanel.vue';
import { useTargetStore } from '../../../renderer/src/stores/target-store';
import { useUiStore } from '../../../renderer/src/stores/ui-store';
import { createFakeBridge, type FakeBridge } from './fake-bridge';

enableAutoUnmount(afterEach);
let fake: FakeBridge;
let pinia: ReturnType<typeof createPinia>;
const COPIED = '99999999-9999-4999-8999-999999999999';
const DROPPED = '88888888-8888-4888-8888-888888888888';
const session = (id: string, name: string): RecentSession => ({ id, workspaceId: 1, name, status: null, documentCount: 0, lastUsedAt: 0, error: null });

beforeEach(() => {
  fake = createFakeBridge();
  setBridge(fake.bridge);
  pinia = createPinia();
  setActivePinia(pinia);
  fake.handle('sessions:open', (a) => {
    const id = (a as { input: string }).input;
    return session(id, id === COPIED ? 'Copied' : 'Dropped');
  });
  fake.handle('sessions:recent', () => []);
  useTargetStore().browsingId = 1;
});
afterEach(() => setBridge(null));

describe('SessionLinkPanel', () => {
  it('offers the clipboard\'s session; the target changes only once it is chosen', async () => {
    fake.handle('targets:clipboard-link', () => ({ sessionId: COPIED }));
    const w = mount(SessionLinkPanel, { global: { plugins: [pinia] } });
    await flushPromises();
    expect(w.get('[data-testid="clipboard-offer"]').text()).toContain('A session link is on your clipboard.');
    expect(fake.callsTo('sessions:open')).toEqual([]);
    expect(useTargetStore().committed).toBeNull();
    await w.get('[data-testid="clipboard-offer"] button').trigger('click');
    await flushPromises();
    expect(fake.callsTo('sessions:open')).toEqual([{ workspaceId: 1, input: COPIED }]);
    expect(useTargetStore().committed).toMatchObject({ kind: 'session', session: { id: COPIED } });
    expect(w.emitted('chosen')).toHaveLength(1);
  });

  it('offers nothing when the clipboard holds no session link', async () => {
    fake.handle('targets:clipboard-link', () => null);
    const w = mount(SessionLinkPanel, { global: { plugins: [pinia] } });
    await flushPromises();
    expect(w.find('[data-testid="clipboard-offer"]').exists()).toBe(false);
    expect(w.find('[data-testid="dropped-offer"]').exists()).toBe(false);
  });

  it('a dropped link wins over the clipboard, and opens the dropped session when chosen', async () => {
    fake.handle('targets:clipboard-link', () => ({ sessionId: COPIED }));
    useUiStore().droppedSessionId = DROPPED;
    const w = mount(SessionLinkPanel, { global: { plugins: [pinia] } });
    await flushPromises();
    expect(w.find('[data-testid="clipboard-offer"]').exists()).toBe(false);
    await w.get('[data-testid="dropped-offer"] button').trigger('click');
    await flushPromises();
    expect(fake.callsTo('sessions:open')).toEqual([{ workspaceId: 1, input: DROPPED }]);
    expect(useTargetStore().committed).toMatchObject({ kind: 'session', session: { id: DROPPED } });
  });
});
