// The Pinia stores against a fake bridge: auth messages, queue events, targets, documents, runs and results.
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { setBridge } from '../../../renderer/src/bridge';
import { useAuthStore } from '../../../renderer/src/stores/auth-store';
import { useDocumentsStore } from '../../../renderer/src/stores/documents-store';
import { INTAKE_CHUNK, useQueueStore } from '../../../renderer/src/stores/queue-store';
import { useResultsStore } from '../../../renderer/src/stores/results-store';
import { useRunsStore } from '../../../renderer/src/stores/runs-store';
import { useTargetStore } from '../../../renderer/src/stores/target-store';
import { useUiStore } from '../../../renderer/src/stores/ui-store';
import { createFakeBridge, emptySummary, makeItem, SESSION_TARGET, type FakeBridge } from './fake-bridge';
import { apiDocument, apiResult, apiSession, runView } from './ipc-answers';

/** Ids as the contract has them (shared/ipc.ts takes 8-4-4-4-12 hex ids). */
const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const S1 = id(1);
const S2 = id(2);
const D1 = id(21);

let fake: FakeBridge;
beforeEach(() => {
  fake = createFakeBridge();
  setBridge(fake.bridge);
  setActivePinia(createPinia());
});
afterEach(() => setBridge(null));

const WS = [
  { id: 1, name: 'Acme' },
  { id: 2, name: 'Beta' },
];

describe('auth store', () => {
  it('says how many workspaces a good token reaches', async () => {
    fake.handle('auth:sign-in', () => ({ state: 'signed-in', workspaces: WS as never, demo: false, keychain: { kind: 'os' } }));
    const auth = useAuthStore();
    expect(await auth.signIn('  rd_live_good_token  ')).toBe(true);
    expect(auth.success).toBe('Signed in — 2 workspaces');
    expect(fake.callsTo('auth:sign-in')[0]).toEqual({ token: 'rd_live_good_token', memoryOnly: false });
  });
  it.each([
    ['unauthorized', /Access Tokens page/],
    ['forbidden', /lacks the workspaces-read ability/],
    ['network', /Could not reach Raydocs.*API URL: http:\/\/x.test/],
  ])('explains a %s failure when main gives no words', async (code, text) => {
    fake.fail('auth:sign-in', code, '');
    const auth = useAuthStore();
    expect(await auth.signIn('rd_live_bad_token', { apiBaseUrl: 'http://x.test' })).toBe(false);
    expect(auth.error).toMatch(text);
    expect(auth.signedIn).toBe(false);
  });
  it('prefers the sentence main sends, which names the ability', async () => {
    fake.fail('auth:sign-in', 'forbidden', 'The token is not allowed to list workspaces: it probably lacks the "workspaces-read" ability.');
    const auth = useAuthStore();
    await auth.signIn('rd_live_bad_token');
    expect(auth.error).toMatch(/"workspaces-read" ability/);
  });
  it('follows auth:changed events', async () => {
    const auth = useAuthStore();
    auth.listen();
    fake.emit('auth:changed', { state: 'signed-in', workspaces: WS as never, demo: true, keychain: { kind: 'memory-only' } });
    expect(auth.signedIn).toBe(true);
    expect(auth.demo).toBe(true);
  });
});

describe('queue store', () => {
  it('maps queue:events batches to items, counts and connectivity', async () => {
    const queue = useQueueStore();
    await queue.load();
    queue.listen();
    fake.emit('queue:events', [
      { type: 'items', items: [makeItem('a'), makeItem('b', { status: 'cancelled' })] },
      { type: 'summary', summary: emptySummary({ connectivity: { state: 'offline', since: 1, nextProbeAt: null, message: 'No network' } }) },
    ]);
    expect(queue.items.map((i) => i.id)).toEqual(['a', 'b']);
    // A cancelled file is counted as cancelled, not as done.
    expect(queue.filterCounts).toEqual({ all: 2, active: 1, done: 0, attention: 0, cancelled: 1 });
    expect(queue.connectivity.state).toBe('offline');
    queue.filter = 'done';
    expect(queue.visible).toEqual([]);
    queue.filter = 'cancelled';
    expect(queue.visible.map((i) => i.id)).toEqual(['b']);
  });
  it('announces finished batches in the live region', async () => {
    const queue = useQueueStore();
    const ui = useUiStore();
    queue.listen();
    fake.emit('queue:events', [{ type: 'batch-finished', batchId: 'b', uploaded: 3, alreadyThere: 0, failed: 1, refused: 0 }]);
    await Promise.resolve();
    expect(ui.announcement).toBe('Batch finished: 3 uploaded, 1 failed.');
  });
  it('sends big drops in chunks and merges their reports', async () => {
    let n = 0;
    fake.handle('queue:add', (a) => {
      n++;
      const files = (a as { files: File[] }).files;
      return { batchId: `b${n}`, accepted: files.length - 1, duplicates: 0, skipped: 0, refused: [{ path: files[0]!.name, code: 'unsupported-format' as const, reason: 'not supported' }] };
    });
    const queue = useQueueStore();
    const paths = Array.from({ length: INTAKE_CHUNK * 2 + 10 }, (_, i) => new File(['%PDF-'], `${i}.pdf`));
    const report = await queue.add(paths, SESSION_TARGET);
    expect(fake.callsTo('queue:add')).toHaveLength(3);
    expect(report?.accepted).toBe(paths.length - 3);
    expect(report?.refused).toHaveLength(3);
    expect(queue.intake).toBeNull();
  });
  it('keeps the merged report of a chunked drop when its intake events arrive late; shows other intakes', async () => {
    let n = 0;
    fake.handle('queue:add', (a) => ({ batchId: `b${++n}`, accepted: (a as { files: File[] }).files.length, duplicates: 0, skipped: 0, refused: [] }));
    const queue = useQueueStore();
    queue.listen();
    await queue.add(Array.from({ length: INTAKE_CHUNK + 1 }, (_, i) => new File([''], `${i}.pdf`)), SESSION_TARGET);
    fake.emit('queue:events', [{ type: 'intake', report: { batchId: 'b2', accepted: 1, duplicates: 0, skipped: 0, refused: [] } }]);
    expect(queue.report?.accepted).toBe(INTAKE_CHUNK + 1);
    fake.emit('queue:events', [{ type: 'intake', report: { batchId: 'tray', accepted: 3, duplicates: 0, skipped: 0, refused: [] } }]);
    expect(queue.report).toMatchObject({ batchId: 'tray', accepted: 3 });
  });
  it('pause-all sends no ids; pause of one item sends its id', async () => {
    const queue = useQueueStore();
    await queue.pause();
    await queue.pause(['a']);
    expect(fake.callsTo('queue:pause')).toEqual([{}, { ids: ['a'] }]);
  });
  it('reparses a stored item by naming only the item: main finds its workspace and document', async () => {
    const queue = useQueueStore();
    await queue.reparse(makeItem('a', { status: 'done', sha256: 'h', sessionId: 's', documentId: 'd1', outcome: 'uploaded', documentStatus: 'failed', parsings: [] }));
    expect(fake.callsTo('queue:reparse')).toEqual([{ itemId: 'a' }]);
  });
});

describe('target store', () => {
  it('chooses a workspace, then a session, and builds the target', async () => {
    fake.handle('sessions:recent', () => [
      { id: S1, workspaceId: 1, name: 'March invoices', status: 'pending', documentCount: 3, lastUsedAt: 1, error: null },
      { id: S2, workspaceId: 1, name: 'Contracts', status: null, documentCount: null, lastUsedAt: 2, error: null },
    ]);
    const target = useTargetStore();
    expect(target.target).toBeNull();
    await target.selectWorkspace(1);
    target.search = 'contr';
    expect(target.filteredRecent.map((s) => s.id)).toEqual([S2]);
    target.selectSession(target.filteredRecent[0]!);
    expect(target.target).toEqual({ kind: 'session', workspaceId: 1, sessionId: S2, sessionName: 'Contracts' });
    expect(fake.callsTo('settings:set')).toEqual([{ defaultSessionId: S2 }]);
    await nextTick();
    expect(fake.callsTo('targets:choose')).toEqual([{ target: target.target }]);
  });
  it('switches to one session per file with template and auto-extract', async () => {
    const target = useTargetStore();
    await target.selectWorkspace(2);
    target.choosePerFile({ templateId: id(7), templateName: 'Invoice', autoExtract: true });
    const chosen = { kind: 'session-per-file', workspaceId: 2, templateId: id(7), templateName: 'Invoice', autoExtract: true };
    expect(target.target).toEqual(chosen);
    // Main hears it, so the menu's Add and the tray send files where the header says.
    await nextTick();
    expect(fake.callsTo('targets:choose')).toEqual([{ target: chosen }]);
  });
  it('changing the target never touches queued items', async () => {
    const queue = useQueueStore();
    queue.listen();
    fake.emit('queue:events', [{ type: 'items', items: [makeItem('a')] }]);
    const target = useTargetStore();
    await target.selectWorkspace(2);
    target.selectSession({ id: id(9), name: 'Other', workspaceId: 2 });
    expect(queue.items[0]?.target).toEqual(SESSION_TARGET);
    const touched = fake.calls.filter((c) => c.channel.startsWith('queue:'));
    expect(touched).toEqual([]);
  });
  it('creates a session and selects it', async () => {
    fake.handle('sessions:create', () => apiSession({ id: id(7), name: 'Fresh' }));
    const target = useTargetStore();
    await target.selectWorkspace(1);
    expect(await target.createSession(id(5), ' Fresh ')).toBe(true);
    expect(fake.callsTo('sessions:create')).toEqual([{ workspaceId: 1, templateId: id(5), name: 'Fresh' }]);
    expect(target.session).toEqual({ id: id(7), name: 'Fresh', workspaceId: 1 });
  });
  it('a session opened by ID from another workspace shows that workspace, where main filed it', async () => {
    fake.handle('sessions:open', () => ({ id: S1, workspaceId: 2, name: 'NDAs', status: null, documentCount: 1, lastUsedAt: 1, error: null }));
    const target = useTargetStore();
    await target.selectWorkspace(1);
    expect(await target.openById(S1)).toBe(true);
    expect(target.workspaceId).toBe(2);
    expect(target.target).toEqual({ kind: 'session', workspaceId: 2, sessionId: S1, sessionName: 'NDAs' });
    expect(fake.callsTo('sessions:recent')).toEqual([{ workspaceId: 1 }, { workspaceId: 2 }, { workspaceId: 2 }]);
  });
  it('reports a bad session link', async () => {
    fake.fail('sessions:open', 'not-found', 'No session with that ID is visible to this token.');
    const target = useTargetStore();
    await target.selectWorkspace(1);
    expect(await target.openById('nope')).toBe(false);
    expect(target.error).toMatch(/No session with that ID/);
  });
});

describe('documents store', () => {
  it('reads documents and reparses a failed one', async () => {
    let reparsed = false;
    fake.handle('sessions:documents', () => [
      apiDocument({ id: D1, filename: 'a.pdf', status: reparsed ? 'processing' : 'failed', parsings: [{ id: 'p', status: reparsed ? 'queued' : 'failed' }] }),
    ]);
    fake.handle('documents:reparse', () => {
      reparsed = true;
      return null;
    });
    const docs = useDocumentsStore();
    docs.forSession(S1);
    await docs.refresh();
    expect(docs.rows[0]).toMatchObject({ statusWords: 'Parse failed', canReparse: true });
    await docs.reparse(1, D1);
    expect(fake.callsTo('documents:reparse')).toEqual([{ workspaceId: 1, sessionId: S1, documentId: D1 }]);
    expect(docs.rows[0]).toMatchObject({ statusWords: 'Waiting to parse', canReparse: false });
  });

  it('judges each parse by the config hash of the session\'s known results', async () => {
    const cfg = 'a'.repeat(64);
    fake.handle('sessions:documents', () => [
      apiDocument({ id: D1, status: 'processed', parsings: [{ id: 'old', status: 'failed', config_hash: 'b'.repeat(64) }, { id: 'new', status: 'ready', config_hash: cfg }] }),
    ]);
    fake.handle('results:get', () => apiResult({ id: id(11), extraction_session_id: S1, status: 'processing', config_hash: cfg }));
    const docs = useDocumentsStore();
    docs.forSession(S1);
    await docs.refresh();
    await useResultsStore().fetch(id(11));
    expect(docs.rows[0]).toMatchObject({ statusWords: 'Parsed', canReparse: false });
  });
});

describe('runs store', () => {
  const R1 = id(11);
  const R2 = id(12);

  it('starts a run, follows runs:changed, and announces each new state once', async () => {
    fake.handle('results:run', () => runView({ resultId: R1, sessionId: S1, sessionName: 'March', documentCount: 3 }));
    const runs = useRunsStore();
    const ui = useUiStore();
    runs.listen();
    const run = await runs.start(S1);
    expect(run?.resultId).toBe(R1);
    expect(fake.callsTo('results:run')).toEqual([{ sessionId: S1 }]);
    expect(runs.latestOf(S1)?.status).toBe('created');
    expect(runs.inMotion(S1)).toBe(true);
    await Promise.resolve();
    expect(ui.announcement).toBe('Extraction started on 3 documents.');

    fake.emit('runs:changed', { runs: [runView({ resultId: R1, sessionId: S1, sessionName: 'March', status: 'parsing_pending' })] });
    await Promise.resolve();
    expect(ui.announcement).toBe('March: Parsing documents.');
    ui.announcement = '';
    // A poll that changes nothing says nothing.
    fake.emit('runs:changed', { runs: [runView({ resultId: R1, sessionId: S1, sessionName: 'March', status: 'parsing_pending' })] });
    await Promise.resolve();
    expect(ui.announcement).toBe('');
    fake.emit('runs:changed', { runs: [runView({ resultId: R1, sessionId: S1, sessionName: 'March', status: 'completed', title: 'Invoice 42', settledAt: 2 })] });
    await Promise.resolve();
    expect(ui.announcement).toBe('Extraction complete: Invoice 42.');
    expect(runs.inMotion(S1)).toBe(false);
  });

  it('many runs moving at once make one sentence for those that settled', async () => {
    const runs = useRunsStore();
    const ui = useUiStore();
    runs.apply([runView({ resultId: R1, sessionId: S1, status: 'processing' }), runView({ resultId: R2, sessionId: S2, status: 'processing' }), runView({ resultId: id(13), sessionId: id(3), status: 'created' })]);
    runs.apply([
      runView({ resultId: R1, sessionId: S1, status: 'completed' }),
      runView({ resultId: R2, sessionId: S2, status: 'failed' }),
      runView({ resultId: id(13), sessionId: id(3), status: 'parsing_pending' }),
    ]);
    await Promise.resolve();
    expect(ui.announcement).toBe('1 extraction complete, 1 failed.');
    ui.announcement = '';
    runs.apply([runView({ resultId: R1, sessionId: S1, status: 'completed' }), runView({ resultId: R2, sessionId: S2, status: 'failed' }), runView({ resultId: id(13), sessionId: id(3), status: 'processing' })]);
    await Promise.resolve();
    expect(ui.announcement).toBe('Extracting.');
  });

  it('a run that cannot start keeps the server\'s words for that session', async () => {
    fake.fail('results:run', 'validation', 'No document in this session is parsed.');
    const runs = useRunsStore();
    expect(await runs.start(S1)).toBeNull();
    expect(runs.startErrors[S1]).toBe('Could not start the extraction: No document in this session is parsed.');
    expect(runs.starting.has(S1)).toBe(false);
  });

  it('lays the runs main follows over the session\'s history, newest first', async () => {
    fake.handle('results:list', () => [
      runView({ resultId: R1, sessionId: S1, status: 'completed', startedAt: 1000 }),
      runView({ resultId: R2, sessionId: S1, status: 'processing', startedAt: 2000 }),
    ]);
    fake.handle('runs:list', () => [runView({ resultId: R2, sessionId: S1, status: 'failed', startedAt: 2000, failure: 'Template has no fields' })]);
    const runs = useRunsStore();
    await runs.load();
    await runs.loadHistory(S1);
    await runs.loadHistory(S1, true);
    expect(fake.callsTo('results:list')).toHaveLength(1);
    expect(runs.runsOf(S1).map((r) => [r.resultId, r.status])).toEqual([
      [R2, 'failed'],
      [R1, 'completed'],
    ]);
    expect(runs.runById(R1)?.status).toBe('completed');
    expect(runs.runsOf(S2)).toEqual([]);
  });
});

describe('results store', () => {
  const R1 = id(11);

  it('says where Download Excel saved the file, and says nothing was saved when the dialog is cancelled', async () => {
    const results = useResultsStore();
    fake.handle('results:save-excel', () => ({ saved: true, path: '/home/me/March.xlsx', bytes: 20_480 }));
    await results.saveExcel(R1);
    expect(fake.callsTo('results:save-excel')).toEqual([{ resultId: R1 }]);
    expect(results.note).toEqual({ tone: 'success', text: 'Saved 20.0 KB to /home/me/March.xlsx' });
    fake.handle('results:save-excel', () => ({ saved: false }));
    await results.saveExcel(R1);
    expect(results.note).toEqual({ tone: 'neutral', text: 'Not saved.' });
    fake.fail('results:save-excel', 'api', 'The export is not a spreadsheet');
    await results.saveExcel(R1);
    expect(results.note).toMatchObject({ tone: 'danger', text: 'Could not save the spreadsheet: The export is not a spreadsheet' });
    expect(results.busy).toBeNull();
  });

  it('saves every session in one spreadsheet, or says it wrote one per session', async () => {
    const results = useResultsStore();
    fake.handle('results:save-all', () => ({ saved: true, path: '/out/all.xlsx', files: 1, combined: true }));
    await results.saveAll([S1, S2]);
    expect(fake.callsTo('results:save-all')).toEqual([{ sessionIds: [S1, S2] }]);
    expect(results.note?.text).toBe('Saved 2 sessions as one spreadsheet: /out/all.xlsx');
    fake.handle('results:save-all', () => ({ saved: true, path: '/out', files: 2, combined: false }));
    await results.saveAll([S1, S2]);
    expect(results.note?.text).toBe('Raydocs has no combined export here: saved 2 spreadsheets in /out.');
  });

  it('opens a result from a notification and copies it as JSON', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    fake.handle('results:get', () => apiResult({ id: R1, status: 'completed', title: 'Invoice 42', data: { invoice: { total: 12 } } }));
    const results = useResultsStore();
    await results.open(R1);
    expect(results.selectedId).toBe(R1);
    expect(results.byId[R1]?.title).toBe('Invoice 42');
    await results.copyJson(R1);
    expect(JSON.parse(writeText.mock.calls[0]![0])).toMatchObject({ id: R1, data: { invoice: { total: 12 } } });
    expect(results.note?.text).toBe('Copied the result as JSON.');
    vi.unstubAllGlobals();
  });
});
