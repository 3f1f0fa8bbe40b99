// Key components against a fake bridge: queue row (progress, actions), virtualized list, onboarding.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setBridge } from '../../../renderer/src/bridge';
import OnboardingScreen from '../../../renderer/src/components/OnboardingScreen.vue';
import QueueList from '../../../renderer/src/components/QueueList.vue';
import QueueRow from '../../../renderer/src/components/QueueRow.vue';
import { useAuthStore } from '../../../renderer/src/stores/auth-store';
import { useQueueStore } from '../../../renderer/src/stores/queue-store';
import { createFakeBridge, makeItem, type FakeBridge } from './fake-bridge';

// Rows share one clock: every wrapper is unmounted after its test so no interval outlives it.
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

describe('QueueRow', () => {
  it('shows progress as an accessible bar with speed and ETA while uploading', () => {
    const item = makeItem('a', { status: 'uploading', sha256: 's', bytesSent: 400_000, attempt: 1 }, { size: 1_000_000, name: 'report.pdf' });
    const w = mount(QueueRow, { props: { item, index: 0, speed: 100_000 }, global: { plugins: [pinia] } });
    const bar = w.get('[role="progressbar"]');
    expect(bar.attributes('aria-valuenow')).toBe('40');
    expect(w.text()).toContain('40%');
    expect(w.text()).toContain('Uploading');
    expect(w.text()).toContain('97.7 KB/s · 6 s left');
    expect(w.text()).toContain('977 KB');
  });
  it('shows the failure reason and calls retry through the bridge', async () => {
    const item = makeItem('f', { status: 'failed', step: 'uploading', error: { code: 'file-gone', message: 'f.pdf was moved or deleted.' }, documentId: null, sessionId: null, sha256: null });
    const w = mount(QueueRow, { props: { item, index: 0, speed: 0 }, global: { plugins: [pinia] } });
    expect(w.text()).toContain('f.pdf was moved or deleted.');
    await w.get('[data-action="retry"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('queue:retry')).toEqual([{ ids: ['f'] }]);
    expect(w.get('[data-action="retry"]').attributes('aria-label')).toBe('Retry f.pdf');
    w.unmount();
  });
});

describe('QueueRow countdown', () => {
  afterEach(() => vi.useRealTimers());
  it('counts down to the next retry while nothing else changes', async () => {
    vi.useFakeTimers();
    const item = makeItem('w', { status: 'waiting', step: 'uploading', reason: 'retry-backoff', retryAt: Date.now() + 5000, attempt: 2, attempts: 12, message: 'Server error' });
    const w = mount(QueueRow, { props: { item, index: 0, speed: 0 }, global: { plugins: [pinia] } });
    expect(w.text()).toContain('Will retry in 5 s (attempt 2 of 12)');
    await vi.advanceTimersByTimeAsync(2000);
    expect(w.text()).toContain('Will retry in 3 s (attempt 2 of 12)');
    w.unmount();
  });
});

describe('QueueList', () => {
  it('renders only a window of rows for 10,000 items', async () => {
    const queue = useQueueStore();
    queue.listen();
    fake.emit('queue:events', [{ type: 'items', items: Array.from({ length: 10_000 }, (_, i) => makeItem(`i${i}`)) }]);
    const w = mount(QueueList, { global: { plugins: [pinia] }, attachTo: document.body });
    await flushPromises();
    const rows = w.findAll('[role="listitem"]');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(60);
    expect(w.get('[role="list"]').attributes('aria-label')).toBe('Queue, 10,000 items');
    w.unmount();
  });

  it('re-renders only the rows whose item changed when a batch arrives', async () => {
    const queue = useQueueStore();
    queue.listen();
    fake.emit('queue:events', [{ type: 'items', items: Array.from({ length: 1_000 }, (_, i) => makeItem(`i${i}`)) }]);
    const w = mount(QueueList, { global: { plugins: [pinia] }, attachTo: document.body });
    await flushPromises();
    const rows = () => w.findAllComponents(QueueRow);
    // A component's subTree is replaced each time it renders.
    const before = rows().map((r) => r.vm.$.subTree);
    expect(before.length).toBeGreaterThan(2);
    const topOf = (k: number) => Number(/translateY\((\d+)px\)/.exec(rows()[k]!.element.parentElement!.style.transform)![1]);
    const thirdTop = topOf(2);
    fake.emit('queue:events', [
      { type: 'items', items: [makeItem('i1', { status: 'hashing', bytesHashed: 1 }), makeItem('i900', { status: 'hashing', bytesHashed: 1 })] },
    ]);
    await flushPromises();
    const changed = rows().flatMap((r, k) => (r.vm.$.subTree !== before[k] ? [r.props('index')] : []));
    expect(changed).toEqual([1]);
    // The rows below still move down by the second line the changed row gained (docs/ui.md row heights: 44 → 62).
    expect(topOf(2)).toBe(thirdTop + 18);
    expect(rows()[1]!.get('[data-status]').attributes('data-status')).toBe('hashing');
    w.unmount();
  });
});

describe('QueueList scrolling', () => {
  afterEach(() => vi.useRealTimers());
  it('patches the rows it has when scrolled, and the focused row keeps its element and its file', async () => {
    const queue = useQueueStore();
    queue.listen();
    fake.emit('queue:events', [{ type: 'items', items: Array.from({ length: 1_000 }, (_, i) => makeItem(`i${i}`)) }]);
    const w = mount(QueueList, { global: { plugins: [pinia] }, attachTo: document.body });
    await flushPromises();
    const rowEls = () => w.findAll('[role="listitem"]').map((r) => r.element as HTMLElement);
    const before = rowEls();
    const focused = before.find((el) => el.dataset.key === 'i2')!;
    focused.focus();
    await flushPromises();
    const list = w.get('[data-testid="queue-list"]').element as HTMLElement;
    let top = 0;
    Object.defineProperty(list, 'scrollTop', { get: () => top, set: (v: number) => (top = v), configurable: true });
    vi.useFakeTimers({ toFake: ['requestAnimationFrame'] });
    top = 44 * 500;
    await w.get('[data-testid="queue-list"]').trigger('scroll');
    vi.advanceTimersToNextFrame();
    await flushPromises();
    const after = rowEls();
    // Far down the list: other files, shown on the item rows there were (none unmounted; new ones only for the
    // overscan above, which the top of the list has none of). The batch header at the top went with its batch.
    expect(after.some((el) => el.dataset.key === 'i500')).toBe(true);
    const items = before.filter((el) => el.dataset.kind !== 'batch');
    expect(items.every((el) => el.isConnected)).toBe(true);
    expect(after.filter((el) => !items.includes(el)).length).toBe(after.length - items.length);
    // The focused file's row stayed in the DOM as the same element, still showing that file and holding focus.
    expect(focused.isConnected).toBe(true);
    expect(focused.dataset.key).toBe('i2');
    expect(document.activeElement).toBe(focused);
    w.unmount();
  });
});

describe('OnboardingScreen', () => {
  it('names the API host when main says it is not Raydocs\' own, and nothing when it is', async () => {
    const auth = useAuthStore();
    auth.status = { state: 'signed-out', keychain: { kind: 'os' }, apiHost: 'api.example.org' };
    const w = mount(OnboardingScreen, { global: { plugins: [pinia] } });
    expect(w.get('[data-testid="api-host"]').text()).toContain('api.example.org');
    auth.status = { state: 'signed-out', keychain: { kind: 'os' } };
    await flushPromises();
    expect(w.find('[data-testid="api-host"]').exists()).toBe(false);
  });
  it('validates a token at once and says what it reaches', async () => {
    fake.handle('auth:sign-in', () => ({ state: 'signed-in', workspaces: [{ id: 1, name: 'A' }, { id: 2, name: 'B' }] as never, demo: false, keychain: { kind: 'os' } }));
    const w = mount(OnboardingScreen, { global: { plugins: [pinia] } });
    await w.get('#token-input').setValue('rd_live_0123456789');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.text()).toContain('Signed in — 2 workspaces');
    expect(w.emitted('done')).toHaveLength(1);
  });
  it('names the missing ability on 403', async () => {
    fake.fail('auth:sign-in', 'forbidden', '');
    const w = mount(OnboardingScreen, { global: { plugins: [pinia] } });
    await w.get('#token-input').setValue('rd_live_0123456789');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.get('#token-status').text()).toMatch(/lacks the workspaces-read ability/);
  });
  it('offers memory-only when the keychain is unavailable, and opens the token page via the bridge', async () => {
    const auth = useAuthStore();
    auth.status = { state: 'signed-out', keychain: { kind: 'unavailable', message: 'Install gnome-keyring.' } };
    const w = mount(OnboardingScreen, { global: { plugins: [pinia] } });
    expect(w.text()).toContain('Install gnome-keyring.');
    await w.get('#token-input').setValue('rd_live_0123456789');
    expect(w.get('button[type="submit"]').attributes('disabled')).toBeDefined();
    await w.get('input[type="checkbox"]').setValue(true);
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(fake.callsTo('auth:sign-in')[0]).toEqual({ token: 'rd_live_0123456789', memoryOnly: true });
    await w.get('[data-testid="create-token"]').trigger('click');
    expect(fake.callsTo('shell:open-external')[0]).toEqual({ url: 'https://app.raydocs.com/settings/access-tokens' });
  });
});
