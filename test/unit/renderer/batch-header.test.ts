// A batch header's actions against a fake bridge: a session batch's compact Run extraction (why it waits, as its
// description), the run's state opening its result; a one-session-per-file batch's "Show sessions".
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../../renderer/src/bridge';
import BatchHeader from '../../../renderer/src/components/BatchHeader.vue';
import PerFileSessions from '../../../renderer/src/components/PerFileSessions.vue';
import { batchesOf } from '../../../renderer/src/composables/queue-rows';
import { useDocumentsStore } from '../../../renderer/src/stores/documents-store';
import { useQueueStore } from '../../../renderer/src/stores/queue-store';
import { useResultsStore } from '../../../renderer/src/stores/results-store';
import { useRunsStore } from '../../../renderer/src/stores/runs-store';
import { useUiStore } from '../../../renderer/src/stores/ui-store';
import type { QueueItem, Target } from '../../../shared/queue';
import { createFakeBridge, makeItem, type FakeBridge } from './fake-bridge';
import { apiResult, runView } from './ipc-answers';

enableAutoUnmount(afterEach);

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const S1 = id(1);
const R1 = id(11);
const SESSION: Target = { kind: 'session', workspaceId: 1, sessionId: S1, sessionName: 'March' };
const PER_FILE: Target = { kind: 'session-per-file', workspaceId: 1, templateId: id(40), templateName: 'Invoices', autoExtract: false };

let fake: FakeBridge;
let pinia: ReturnType<typeof createPinia>;
beforeEach(() => {
  fake = createFakeBridge();
  setBridge(fake.bridge);
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(() => setBridge(null));

const stored = (n: string, target: Target = SESSION, sessionId = S1, batchId = 'b1'): QueueItem =>
  makeItem(n, { status: 'done', sha256: n, sessionId, documentId: id(20), outcome: 'uploaded', documentStatus: 'uploaded', parsings: [] }, { target, batchId, name: `${n}.pdf` });
const uploading = (n: string): QueueItem => makeItem(n, { status: 'uploading', sha256: n, bytesSent: 10, attempt: 1 }, { target: SESSION });

function queueOf(items: QueueItem[]): void {
  const queue = useQueueStore();
  queue.listen();
  fake.emit('queue:events', [{ type: 'items', items }]);
}

/** The header as the list mounts it, for the batch of these items (re-mounted per state, as props would change). */
function header(batchId = 'b1') {
  const batch = batchesOf(useQueueStore().items).get(batchId)!;
  return mount(BatchHeader, { props: { batch, collapsed: false, active: true }, global: { plugins: [pinia] } });
}

describe('BatchHeader: Run extraction', () => {
  it('is offered once the batch has stored documents, and not before', async () => {
    queueOf([uploading('a')]);
    expect(header().find('[data-action="run-batch"]').exists()).toBe(false);
    queueOf([stored('a')]);
    expect(header().get('[data-action="run-batch"]').text()).toBe('Run extraction');
  });

  it('while uploads to the session run it is aria-disabled, says why as its description, and starts nothing', async () => {
    queueOf([stored('a'), uploading('b')]);
    const w = header();
    const run = w.get('[data-action="run-batch"]');
    expect(run.attributes('aria-disabled')).toBe('true');
    // Still focusable (no disabled attribute), so the reason can be reached from the keyboard.
    expect(run.attributes('disabled')).toBeUndefined();
    const hint = w.get(`#${run.attributes('aria-describedby')}`);
    expect(hint.text()).toBe('Waiting for 1 upload to finish');
    expect(run.attributes('title')).toContain('Waiting for 1 upload to finish');
    await run.trigger('click');
    await flushPromises();
    expect(fake.callsTo('results:run')).toEqual([]);
  });

  it('documents read long ago for the session do not make it say "no documents yet"', async () => {
    fake.handle('sessions:documents', () => []);
    const docs = useDocumentsStore();
    docs.forSession(S1);
    await docs.refresh();
    queueOf([stored('a')]);
    const run = header().get('[data-action="run-batch"]');
    expect(run.attributes('aria-disabled')).toBeUndefined();
    expect(run.attributes('aria-describedby')).toBeUndefined();
  });

  it('starts the run; its state takes the button\'s place with the focus, and opens the result in the documents view', async () => {
    useRunsStore().listen();
    queueOf([stored('a'), stored('b')]);
    fake.handle('results:run', () => runView({ resultId: R1, sessionId: S1, sessionName: 'March' }));
    fake.handle('results:get', () => apiResult({ id: R1, extraction_session_id: S1, status: 'created' }));
    const batch = batchesOf(useQueueStore().items).get('b1')!;
    const w = mount(BatchHeader, { props: { batch, collapsed: false, active: true }, attachTo: document.body, global: { plugins: [pinia] } });
    expect(w.find('[data-action="view-run"]').exists()).toBe(false);
    const run = w.get<HTMLButtonElement>('[data-action="run-batch"]');
    run.element.focus();
    await run.trigger('click');
    await flushPromises();
    expect(fake.callsTo('results:run')).toEqual([{ sessionId: S1 }]);
    expect(w.find('[data-action="run-batch"]').exists(), 'one slot: the state replaces the button').toBe(false);
    expect(w.get('[data-action="view-run"]').text()).toBe('Extraction queued');
    expect(document.activeElement).toBe(w.get('[data-action="view-run"]').element);

    fake.emit('runs:changed', { runs: [runView({ resultId: R1, sessionId: S1, status: 'completed', title: 'March invoices', settledAt: 5 })] });
    await flushPromises();
    const state = w.get('[data-action="view-run"]');
    expect(state.text()).toBe('Extraction complete');
    expect(state.attributes('aria-label')).toBe('Extraction complete: view the result');
    expect(state.attributes('data-run-status')).toBe('completed');
    await state.trigger('click');
    expect(useUiStore().view).toBe('documents');
    expect(useResultsStore().selectedId).toBe(R1);
  });

  it('a run from before the batch was queued is not shown as its state, though it still holds the button', async () => {
    const at = 1_700_000_000_000;
    fake.handle('runs:list', () => [runView({ resultId: R1, sessionId: S1, status: 'processing', startedAt: at })]);
    await useRunsStore().load();
    queueOf([makeItem('a', stored('a').state, { target: SESSION, addedAt: at + 10 * 60_000 })]);
    const w = header();
    expect(w.find('[data-action="view-run"]').exists()).toBe(false);
    expect(w.get('[data-testid="batch-run-hint"]').text()).toBe('An extraction is already running on this session');
    // Within the clock's slack it is this batch's run.
    queueOf([makeItem('a', stored('a').state, { target: SESSION, addedAt: at + 30_000 })]);
    expect(header().get('[data-action="view-run"]').text()).toBe('Extracting');
  });

  it('a run that cannot start says so in the header, and the server\'s words are its description and announced', async () => {
    queueOf([stored('a')]);
    fake.fail('results:run', 'validation', 'None of the documents could be parsed.');
    const w = header();
    await w.get('[data-action="run-batch"]').trigger('click');
    await flushPromises();
    await Promise.resolve();
    expect(w.get('[data-testid="batch-run-error"]').text()).toBe('Not started');
    expect(w.get('[data-testid="batch-run-hint"]').text()).toBe('Could not start the extraction: None of the documents could be parsed.');
    expect(useUiStore().announcement).toBe('Could not start the extraction: None of the documents could be parsed.');
  });
});

describe('BatchHeader: one session per file', () => {
  it('reads "→ N new sessions (template)", and once one is stored, "Show sessions" lists that batch\'s', async () => {
    queueOf([makeItem('a', { status: 'uploading', sha256: 'a', bytesSent: 1, attempt: 1 }, { target: PER_FILE })]);
    let w = header();
    expect(w.text()).toContain('→ 1 new session (Invoices)');
    expect(w.find('[data-action="show-sessions"]').exists()).toBe(false);
    expect(w.find('[data-action="run-batch"]').exists()).toBe(false);

    queueOf([stored('a', PER_FILE, id(31)), stored('b', PER_FILE, id(32)), stored('c', PER_FILE, id(33), 'b2')]);
    w = header();
    await w.get('[data-action="show-sessions"]').trigger('click');
    const ui = useUiStore();
    expect(ui.view).toBe('documents');
    expect(ui.perFile).toEqual({ batchId: 'b1' });

    // The documents view's list, for that batch only; "Show all" widens it; any other way to the view drops it.
    const list = mount(PerFileSessions, { props: { batchId: 'b1' }, global: { plugins: [pinia] } });
    await flushPromises();
    expect(list.findAll('[data-testid="per-file-session"]').map((r) => r.find('.name').text()).sort()).toEqual(['a.pdf', 'b.pdf']);
    await list.get('[data-testid="per-file-all"]').trigger('click');
    expect(ui.perFile).toEqual({ batchId: null });
    const all = mount(PerFileSessions, { props: { batchId: null }, global: { plugins: [pinia] } });
    expect(all.findAll('[data-testid="per-file-session"]')).toHaveLength(3);
    expect(all.find('[data-testid="per-file-all"]').exists()).toBe(false);
    ui.show('documents');
    expect(ui.perFile).toBeNull();
  });
});

describe('BatchHeader: counts', () => {
  it('counts failed uploads and documents Raydocs could not parse apart; cancelled files are not stored', () => {
    const unparsed = makeItem('c', { status: 'done', sha256: 'c', sessionId: S1, documentId: id(21), outcome: 'uploaded', documentStatus: 'failed', parsings: [{ id: id(30), status: 'failed', configHash: null }] }, { target: SESSION, batchId: 'b1', name: 'c.pdf' });
    const failed = makeItem('d', { status: 'failed', step: 'uploading', error: { code: 'file-gone', message: 'd.pdf was moved or deleted.' }, documentId: null, sessionId: null, sha256: null }, { target: SESSION, batchId: 'b1', name: 'd.pdf' });
    const cancelled = makeItem('e', { status: 'cancelled' }, { target: SESSION, batchId: 'b1', name: 'e.pdf' });
    queueOf([stored('a'), stored('b'), unparsed, failed, cancelled]);
    expect(header().get('.counts').text()).toBe('— 5 files · 3 stored · 1 needs attention · 1 could not be parsed · 1 cancelled');
  });
});
