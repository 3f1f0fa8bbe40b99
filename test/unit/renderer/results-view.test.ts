// Run and result components against a fake bridge: the documents view's run button, the result view, one session per file.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../../renderer/src/bridge';
import PerFileSessions from '../../../renderer/src/components/PerFileSessions.vue';
import ResultView from '../../../renderer/src/components/ResultView.vue';
import StoredBatchActions from '../../../renderer/src/components/StoredBatchActions.vue';
import { useDocumentsStore } from '../../../renderer/src/stores/documents-store';
import { useQueueStore } from '../../../renderer/src/stores/queue-store';
import { useResultsStore } from '../../../renderer/src/stores/results-store';
import { useRunsStore } from '../../../renderer/src/stores/runs-store';
import type { QueueItem } from '../../../shared/queue';
import { createFakeBridge, makeItem, type FakeBridge } from './fake-bridge';
import { apiDocument, apiResult, runView } from './ipc-answers';

enableAutoUnmount(afterEach);

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const S1 = id(1);
const R1 = id(11);
const R2 = id(12);
const TARGET = { kind: 'session' as const, workspaceId: 1, sessionId: S1, sessionName: 'March' };

let fake: FakeBridge;
let pinia: ReturnType<typeof createPinia>;
beforeEach(() => {
  fake = createFakeBridge();
  setBridge(fake.bridge);
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(() => setBridge(null));

const stored = (n: string): QueueItem =>
  makeItem(n, { status: 'done', sha256: n, sessionId: S1, documentId: id(20), outcome: 'uploaded', documentStatus: 'uploaded', parsings: [] }, { target: TARGET });

function queueOf(items: QueueItem[]): void {
  const queue = useQueueStore();
  queue.listen();
  fake.emit('queue:events', [{ type: 'items', items }]);
}

const DOCS = [id(21), id(22), id(23)];

describe('StoredBatchActions (the documents view\'s run button)', () => {
  /** The documents view keeps the docs store on its session: the button counts from it. */
  async function documentsOf(): Promise<void> {
    const docs = useDocumentsStore();
    docs.forSession(S1);
    await docs.refresh();
  }

  it('waits for the session\'s uploads, then offers a run on the session\'s documents', async () => {
    // Two are stored, the third is still uploading: no count until it has arrived.
    fake.handle('sessions:documents', () => DOCS.slice(0, 2).map((d) => apiDocument({ id: d })));
    useRunsStore().listen();
    queueOf([stored('a'), stored('b'), makeItem('c', { status: 'uploading', sha256: 'c', bytesSent: 10, attempt: 1 }, { target: TARGET })]);
    await documentsOf();
    const w = mount(StoredBatchActions, { props: { sessionId: S1 }, global: { plugins: [pinia] } });
    await flushPromises();
    const button = w.get('[data-testid="run-extraction"]');
    expect(button.text()).toBe('Run extraction');
    expect(button.attributes('disabled')).toBeDefined();
    expect(w.get('[data-testid="run-hint"]').text()).toBe('Waiting for 1 upload to finish');
    expect(button.attributes('aria-describedby')).toBe(w.get('[data-testid="run-hint"]').attributes('id'));

    fake.handle('sessions:documents', () => DOCS.map((d) => apiDocument({ id: d })));
    queueOf([stored('c')]);
    await documentsOf();
    await flushPromises();
    expect(w.get('[data-testid="run-extraction"]').text()).toBe('Run extraction on 3 documents');
    expect(w.get('[data-testid="run-extraction"]').attributes('disabled')).toBeUndefined();
    expect(w.find('[data-testid="run-hint"]').exists()).toBe(false);

    fake.handle('results:run', () => runView({ resultId: R1, sessionId: S1, sessionName: 'March' }));
    fake.handle('results:get', () => apiResult({ id: R1, extraction_session_id: S1, status: 'created' }));
    await w.get('[data-testid="run-extraction"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('results:run')).toEqual([{ sessionId: S1 }]);
    expect(w.get('[data-testid="run-hint"]').text()).toBe('An extraction is already running on this session');
  });

  it('says which documents will be skipped, and shows the server\'s words when a run cannot start', async () => {
    fake.handle('sessions:documents', () => [
      apiDocument({ id: DOCS[0]!, status: 'processed', parsings: [{ id: 'p1', status: 'ready' }] }),
      apiDocument({ id: DOCS[1]!, status: 'failed', parsings: [{ id: 'p2', status: 'failed' }] }),
      apiDocument({ id: DOCS[2]!, status: 'failed', parsings: [{ id: 'p3', status: 'failed' }] }),
    ]);
    queueOf([stored('a')]);
    await documentsOf();
    const w = mount(StoredBatchActions, { props: { sessionId: S1 }, global: { plugins: [pinia] } });
    await flushPromises();
    expect(w.get('[data-testid="run-hint"]').text()).toBe('2 could not be parsed and will be skipped');
    fake.fail('results:run', 'validation', 'None of the documents could be parsed.');
    await w.get('[data-testid="run-extraction"]').trigger('click');
    await flushPromises();
    expect(w.get('[role="alert"]').text()).toBe('Could not start the extraction: None of the documents could be parsed.');
  });
});

describe('ResultView', () => {
  const completed = apiResult({
    id: R1,
    extraction_session_id: S1,
    status: 'completed',
    title: 'Invoice 0042',
    data: { invoice: { number: 'INV-42', total: 120.5 }, vendor: { name: 'Acme' } },
    audit_data: { invoice: { number: { reasoning: 'header', sources: [{ chunk_id: 'c', text: 'INV-42', page: 1 }] }, total: { reasoning: 'sum', sources: [{ chunk_id: 'c', text: '120.50', page: 2 }] } } },
  });

  it('shows the title, document count and the fields with their source pages; exports and copies', async () => {
    fake.handle('runs:list', () => [runView({ resultId: R1, sessionId: S1, status: 'completed', title: 'Invoice 0042', documentCount: 3 })]);
    fake.handle('results:get', () => completed);
    fake.handle('results:save-excel', () => ({ saved: true, path: '/home/me/Invoice 0042.xlsx', bytes: 9000 }));
    await useRunsStore().load();
    const w = mount(ResultView, { props: { resultId: R1 }, global: { plugins: [pinia] } });
    await flushPromises();
    expect(w.get('h3').text()).toBe('Invoice 0042');
    expect(w.text()).toContain('3 documents');
    const table = w.get('table');
    expect(table.get('caption').text()).toBe('Extracted fields of Invoice 0042');
    expect(table.findAll('thead th').map((t) => t.text())).toEqual(['Field', 'Value', 'Source']);
    expect(table.findAll('th[scope="rowgroup"]').map((t) => t.text())).toEqual(['invoice', 'vendor']);
    const rows = table.findAll('[data-testid="result-field"]').map((r) => r.findAll('th, td').map((c) => c.text()));
    expect(rows).toEqual([
      ['number', 'INV-42', 'p. 1'],
      ['total', '120.5', 'p. 2'],
      ['name', 'Acme', '—'],
    ]);
    await w.get('[data-testid="download-excel"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('results:save-excel')).toEqual([{ resultId: R1 }]);
    expect(w.get('[data-testid="result-note"]').text()).toBe('Saved 8.8 KB to /home/me/Invoice 0042.xlsx');
  });

  it('a failed run shows its state and the server\'s words, or a plain sentence when there are none', async () => {
    fake.handle('runs:list', () => [runView({ resultId: R1, sessionId: S1, status: 'failed', failure: 'The template has no fields.' })]);
    fake.handle('results:get', () => apiResult({ id: R1, extraction_session_id: S1, status: 'failed' }));
    const runs = useRunsStore();
    await runs.load();
    const w = mount(ResultView, { props: { resultId: R1 }, global: { plugins: [pinia] } });
    await flushPromises();
    expect(w.get('[data-testid="extraction-result"]').text()).toContain('Extraction failed');
    expect(w.get('[data-testid="run-failure"]').text()).toBe('The template has no fields.');
    expect(w.get('[data-testid="download-excel"]').attributes('disabled')).toBeDefined();
    expect(w.find('table').exists()).toBe(false);

    runs.apply([runView({ resultId: R1, sessionId: S1, status: 'failed', failure: null })]);
    await flushPromises();
    expect(w.get('[data-testid="run-failure"]').text()).toBe('Raydocs did not say why. Check the documents and run the extraction again.');
  });

  it('reads the fields when a followed run completes, and lists the session\'s runs to switch between', async () => {
    fake.handle('results:list', () => [
      runView({ resultId: R2, sessionId: S1, status: 'completed', title: 'Older run', startedAt: 1000 }),
    ]);
    fake.handle('results:get', () => apiResult({ id: R1, extraction_session_id: S1, status: 'processing' }));
    const runs = useRunsStore();
    runs.apply([runView({ resultId: R1, sessionId: S1, status: 'processing', startedAt: 5000 })]);
    const w = mount(ResultView, { props: { resultId: R1 }, global: { plugins: [pinia] } });
    await flushPromises();
    expect(w.text()).toContain('Extracting');
    expect(fake.callsTo('results:get')).toHaveLength(1);

    fake.handle('results:get', () => completed);
    runs.apply([runView({ resultId: R1, sessionId: S1, status: 'completed', title: 'Invoice 0042', startedAt: 5000 })]);
    await flushPromises();
    expect(fake.callsTo('results:get')).toHaveLength(2);
    expect(w.findAll('[data-testid="result-field"]')).toHaveLength(3);

    const items = w.findAll('[data-testid="run-history-item"]');
    expect(items.map((i) => i.attributes('aria-current') ?? '')).toEqual(['true', '']);
    expect(items[1]!.text()).toContain('Older run');
    await items[1]!.trigger('click');
    expect(useResultsStore().selectedId).toBe(R2);
  });
});

describe('PerFileSessions', () => {
  it('shows each file\'s run status and result title, and downloads the completed ones as one spreadsheet', async () => {
    const [SA, SB] = [id(31), id(32)];
    const perFile = { kind: 'session-per-file' as const, workspaceId: 1, templateId: id(40), templateName: 'Contracts', autoExtract: true };
    const done = (n: string, sessionId: string, addedAt: number) =>
      makeItem(n, { status: 'done', sha256: n, sessionId, documentId: id(20), outcome: 'uploaded', documentStatus: 'uploaded', parsings: [] }, { target: perFile, name: `${n}.pdf`, addedAt });
    queueOf([done('nda', SA, 2), done('lease', SB, 1)]);
    fake.handle('runs:list', () => [
      runView({ resultId: R1, sessionId: SA, status: 'completed', title: 'NDA Acme' }),
      runView({ resultId: R2, sessionId: SB, status: 'processing' }),
    ]);
    fake.handle('results:save-all', () => ({ saved: true, path: '/out/contracts.xlsx', files: 1, combined: true }));
    await useRunsStore().load();
    const w = mount(PerFileSessions, { global: { plugins: [pinia] } });
    await flushPromises();
    const rows = w.findAll('[data-testid="per-file-session"]');
    expect(rows.map((r) => r.attributes('data-run-status'))).toEqual(['completed', 'processing']);
    expect(rows[0]!.text()).toContain('NDA Acme');
    expect(rows[0]!.text()).toContain('Extraction complete');
    expect(rows[1]!.text()).toContain('Extracting');
    expect(w.text()).toContain('1 result of 2 sessions ready.');
    await w.get('[data-testid="download-all"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('results:save-all')).toEqual([{ sessionIds: [SA] }]);
    expect(w.get('[data-testid="result-note"]').text()).toBe('Saved 1 session as one spreadsheet: /out/contracts.xlsx');
  });
});
