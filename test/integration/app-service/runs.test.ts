// Runs and results through the app service against the emulator: a run's life with its notification, a restart
// in the middle of a run, Excel saved where the dialog says, and the auto_extract runs of one-per-file sessions.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppService, type AppService, type DesktopShell } from '../../../electron/core/app-service';
import { createRunNotificationPolicy } from '../../../electron/core/desktop/run-notifications';
import { createJsonSettingsStore } from '../../../electron/core/desktop/settings-store';
import type { SaveTarget } from '../../../electron/core/runs/excel-export';
import { RUNS_FILE } from '../../../electron/core/runs/runs-file';
import { createMemoryStore } from '../../../electron/core/secret-store';
import { isTerminal, type Target } from '../../../shared/queue';
import { runsIpcResults, type IpcArgs, type IpcResults } from '../../../shared/ipc';
import type { RunView } from '../../../shared/runs';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { createFakeClock, driveClock, type FakeClock } from '../../support/fake-clock';
import { writeFile } from '../../fixtures/make-files';

let emu: RunningEmulator;
const dirs: string[] = [];
const tmp = (label: string): string => {
  const d = mkdtempSync(join(tmpdir(), `raydocs-runs-${label}-`));
  dirs.push(d);
  return d;
};

const away = { enabled: true, windowFocused: false, view: 'queue' as const };
const INVOICE_FIELDS = ['invoice_number', 'total', 'due_date', 'name', 'vat_id'];

interface Harness {
  service: AppService;
  runsSeen: RunView[][];
  settled: RunView[];
  saveAsked: SaveTarget[];
  /** What the save dialog answers next: a folder to save into (a file gets its proposed name there), or null (cancel). */
  saveInto: { dir: string | null };
  userDataDir: string;
  /** The service's clock (engine and runs): driven beside real I/O, jumping ahead whenever nothing is transferring. */
  clock: FakeClock;
}

async function start(userDataDir: string): Promise<Harness> {
  const clock = createFakeClock();
  const secretStore = createMemoryStore();
  await secretStore.set(emu.token);
  const saveAsked: SaveTarget[] = [];
  const saveInto: { dir: string | null } = { dir: null };
  const shell: DesktopShell = {
    reveal: async () => undefined,
    openExternal: async () => undefined,
    pickPaths: async () => [],
    confirm: async () => true,
    chooseSaveTarget: async (target) => {
      saveAsked.push(target);
      if (saveInto.dir === null) return null;
      return target.kind === 'file' ? join(saveInto.dir, target.defaultName) : saveInto.dir;
    },
  };
  const service = await createAppService({
    secretStore,
    userDataDir,
    settings: createJsonSettingsStore(userDataDir),
    apiBaseUrl: emu.url,
    shell,
    // Fake time polls as fast as the clock jumps; the real-time client budget would then hold polls for up to a minute.
    rateLimit: null,
    engineOptions: { pollIntervalMs: { initial: 50, max: 200 }, retry: { baseMs: 20, capMs: 200 }, clock },
  });
  // A PUT's stall watchdog times real bytes: no jumps while a file is read or sent.
  const busy = new Set(['hashing', 'checking', 'uploading']);
  const stopClock = driveClock(clock, () => service.queue.items().every((i) => !busy.has(i.state.status)));
  const runsSeen: RunView[][] = [];
  const settled: RunView[] = [];
  service.onEvent((event, payload) => {
    if (event === 'runs:changed') runsSeen.push((payload as { runs: RunView[] }).runs);
  });
  service.runs.onSettled((runs) => settled.push(...runs));
  const closing = service.close;
  const closeAll = async (): Promise<void> => {
    stopClock();
    await closing();
  };
  return { service: { ...service, close: closeAll }, runsSeen, settled, saveAsked, saveInto, userDataDir, clock };
}

async function waitUntil<T>(fn: () => Promise<T | null> | T | null, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The answer, once checked against the channel's answer schema in shared/ipc.ts (strict: no field more or less). */
async function answer<C extends keyof typeof runsIpcResults>(service: AppService, channel: C, args: IpcArgs<C>): Promise<IpcResults[C]> {
  const value = ok(await service.invoke(channel, args));
  const parsed = runsIpcResults[channel].safeParse(value);
  if (!parsed.success) throw new Error(`${channel} answered outside its schema: ${parsed.error.message}`);
  return value;
}

const ws = () => emu.seed.workspaces[0]!;
const invoices = () => ws().templates[0]!;

async function sessionWithFiles(service: AppService, name: string, files = 2): Promise<string> {
  const session = ok(await service.invoke('sessions:create', { workspaceId: ws().id, templateId: invoices().id, name }));
  const dir = tmp('files');
  const paths = Array.from({ length: files }, (_, i) => writeFile(join(dir, `${name}-${i}.pdf`), 'pdf'));
  const target: Target = { kind: 'session', workspaceId: ws().id, sessionId: session.id, sessionName: name };
  ok(await service.invoke('queue:add', { paths, target }));
  await waitUntil(async () => {
    const items = ok(await service.invoke('queue:snapshot', undefined)).items.filter((i) => i.target.kind === 'session' && i.target.sessionId === session.id);
    return items.length === files && items.every((i) => isTerminal(i.state)) ? true : null;
  });
  return session.id;
}

const resultPolls = (resultId: string) => emu.inspect().requests.filter((q) => q.method === 'GET' && q.path === `/extractions/results/${resultId}`).length;

async function cellsOf(path: string): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const out: string[] = [];
  for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((c) => void out.push(String(c.value))));
  return out;
}

beforeAll(async () => {
  emu = await startEmulator({ parsing: { stepMs: 30 }, rateLimit: null });
});
afterAll(async () => {
  await emu?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('runs through the app service', () => {
  let h: Harness;
  let completed: RunView;

  beforeAll(async () => {
    h = await start(tmp('data'));
  });
  afterAll(async () => h.service.close());

  it('a run goes parsing_pending → completed, live on runs:changed, with one notification that opens its result; then polling stops', async () => {
    const sessionId = await sessionWithFiles(h.service, 'Run life');
    const started = await answer(h.service, 'results:run', { sessionId });
    expect(started).toMatchObject({ sessionId, sessionName: 'Run life', workspaceId: ws().id, status: 'parsing_pending', settledAt: null, documentCount: 2 });
    const done = await waitUntil(() => h.settled.find((r) => r.resultId === started.resultId) ?? null);
    expect(done).toMatchObject({ status: 'completed', documentCount: 2, failure: null });
    expect(done.title).toEqual(expect.any(String));
    expect(done.title).not.toMatch(/^[0-9a-f-]{36}$/);
    const states = h.runsSeen.map((list) => list.find((r) => r.resultId === started.resultId)?.status).filter(Boolean);
    expect(states[0]).toBe('parsing_pending');
    expect(states.at(-1)).toBe('completed');
    expect(createRunNotificationPolicy().decide(h.settled, away)).toEqual([
      { kind: 'run-completed', title: 'Extraction finished', body: `${done.title} (2 documents) is ready.`, view: 'documents', resultId: started.resultId },
    ]);
    expect(await answer(h.service, 'runs:list', undefined)).toEqual([done]);
    const listed = await answer(h.service, 'results:list', { sessionId });
    expect(listed.map((r) => [r.resultId, r.status])).toEqual([[started.resultId, 'completed']]);
    // Settled: nothing polls it any more.
    const polls = resultPolls(started.resultId);
    // Ten minutes of the service's time: a settled run is never polled again (the tracker polls every 2 s to 30 s).
    await h.clock.advance(10 * 60_000);
    expect(resultPolls(started.resultId)).toBe(polls);
    completed = done;
  });

  it('a failed run notifies with its state', async () => {
    const sessionId = await sessionWithFiles(h.service, 'Run fails', 1);
    emu.setFaults({ runFailRate: 1 });
    try {
      const started = await answer(h.service, 'results:run', { sessionId });
      const done = await waitUntil(() => h.settled.find((r) => r.resultId === started.resultId) ?? null);
      expect(done.status).toBe('failed');
      const [decision] = createRunNotificationPolicy().decide([done], away);
      expect(decision).toMatchObject({ kind: 'run-failed', title: 'Extraction failed', resultId: started.resultId });
    } finally {
      emu.setFaults([]);
    }
  });

  it('Download Excel: the save dialog proposes the title, the workbook streams there and holds the fields', async () => {
    const into = tmp('saved');
    h.saveInto.dir = into;
    const saved = await answer(h.service, 'results:save-excel', { resultId: completed.resultId });
    expect(h.saveAsked.at(-1)).toEqual({ kind: 'file', title: expect.any(String), defaultName: `${completed.title}.xlsx` });
    if (!saved.saved) throw new Error('not saved');
    expect(saved.path).toBe(join(into, `${completed.title}.xlsx`));
    const bytes = readFileSync(saved.path);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(saved.bytes).toBe(bytes.length);
    const cells = await cellsOf(saved.path);
    for (const f of INVOICE_FIELDS) expect(cells).toContain(f);
    expect(readdirSync(into)).toEqual([`${completed.title}.xlsx`]);
  });

  it('a cancelled save dialog writes nothing; a run that has not completed is refused in words', async () => {
    h.saveInto.dir = null;
    expect(await answer(h.service, 'results:save-excel', { resultId: completed.resultId })).toEqual({ saved: false });
    const sessionId = await sessionWithFiles(h.service, 'Not yet', 1);
    const running = await answer(h.service, 'results:run', { sessionId });
    const r = await h.service.invoke('results:save-excel', { resultId: running.resultId });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('not finished yet') } });
    await waitUntil(() => h.settled.find((x) => x.resultId === running.resultId) ?? null);
  });
});

describe('Download all as one spreadsheet', () => {
  let h: Harness;
  let sessions: string[];

  beforeAll(async () => {
    h = await start(tmp('data'));
    sessions = [await sessionWithFiles(h.service, 'All one', 1), await sessionWithFiles(h.service, 'All two', 1)];
    const runs = await Promise.all(sessions.map(async (sessionId) => await answer(h.service, 'results:run', { sessionId })));
    for (const run of runs) await waitUntil(() => h.settled.find((r) => r.resultId === run.resultId && r.status === 'completed') ?? null);
  });
  afterAll(async () => h.service.close());

  it('one workbook from the batch export when the server has it', async () => {
    const into = tmp('saved');
    h.saveInto.dir = into;
    const saved = await answer(h.service, 'results:save-all', { sessionIds: sessions });
    expect(saved).toEqual({ saved: true, path: join(into, 'Extraction results.xlsx'), files: 1, combined: true });
    const cells = await cellsOf(join(into, 'Extraction results.xlsx'));
    for (const id of sessions) expect(cells).toContain(id);
    expect(readdirSync(into)).toEqual(['Extraction results.xlsx']);
    // The scratch copy is gone once moved.
    expect(readdirSync(join(h.userDataDir, 'exports'))).toEqual([]);
  });

  it('without a batch export: one workbook per session, named after it, in the folder picked', async () => {
    const into = tmp('saved');
    mkdirSync(into, { recursive: true });
    h.saveInto.dir = into;
    // Both batch routes answer 404, as on a server without the batch export.
    emu.setFaults({ errorRate: 1, errorStatuses: [404], routes: [`/extractions/templates/${invoices().id}/sessions/batch/export`] });
    try {
      const empty = ok(await h.service.invoke('sessions:create', { workspaceId: ws().id, templateId: invoices().id, name: 'All none' }));
      const saved = await answer(h.service, 'results:save-all', { sessionIds: [...sessions, empty.id] });
      expect(saved).toEqual({ saved: true, path: into, files: 2, combined: false, skipped: [{ name: 'All none', reason: 'no completed run' }] });
      expect(h.saveAsked.at(-1)).toEqual({ kind: 'folder', title: expect.any(String) });
      expect(readdirSync(into).sort()).toEqual(['All one.xlsx', 'All two.xlsx']);
      for (const f of INVOICE_FIELDS) expect(await cellsOf(join(into, 'All one.xlsx'))).toContain(f);
      const tried = emu.inspect().requests.filter((q) => q.method === 'POST' && q.path.includes('/sessions/batch/export'));
      expect(tried.map((q) => q.status)).toEqual([200, 404, 404]);
    } finally {
      emu.setFaults([]);
    }
  });
});

describe('one session per file with auto_extract', () => {
  it("each file's session has its run found and followed, named after the file", async () => {
    const h = await start(tmp('data'));
    try {
      const dir = tmp('files');
      const paths = ['north.pdf', 'south.pdf'].map((n) => writeFile(join(dir, n), 'pdf'));
      const target: Target = { kind: 'session-per-file', workspaceId: ws().id, templateId: invoices().id, templateName: 'Invoices', autoExtract: true };
      ok(await h.service.invoke('queue:add', { paths, target }));
      const done = await waitUntil(() => (h.settled.length === 2 ? h.settled : null));
      expect(done.map((r) => [r.sessionName, r.status]).sort()).toEqual([['north.pdf', 'completed'], ['south.pdf', 'completed']]);
      const listed = await answer(h.service, 'runs:list', undefined);
      expect(new Set(listed.map((r) => r.sessionId)).size).toBe(2);
      expect(listed.every((r) => r.title !== null && r.workspaceId === ws().id)).toBe(true);
    } finally {
      await h.service.close();
    }
  });
});

describe('restart', () => {
  it('closing the app service during a run and starting it again on the same data still delivers the completion notification', async () => {
    const dataDir = tmp('data');
    const first = await start(dataDir);
    const sessionId = await sessionWithFiles(first.service, 'Restart', 1);
    const run = await answer(first.service, 'results:run', { sessionId });
    expect(run.settledAt).toBeNull();
    await first.service.close();
    expect(first.settled).toEqual([]);
    const onDisk = JSON.parse(readFileSync(join(dataDir, RUNS_FILE), 'utf8')) as { runs: Array<{ resultId: string }> };
    expect(onDisk.runs.map((r) => r.resultId)).toEqual([run.resultId]);

    const polls = resultPolls(run.resultId);
    const second = await start(dataDir);
    try {
      const done = await waitUntil(() => second.settled.find((r) => r.resultId === run.resultId) ?? null);
      expect(done).toMatchObject({ status: 'completed', sessionName: 'Restart' });
      expect(resultPolls(run.resultId)).toBeGreaterThan(polls);
      expect(createRunNotificationPolicy().decide(second.settled, away)).toEqual([expect.objectContaining({ kind: 'run-completed', resultId: run.resultId })]);
    } finally {
      await second.service.close();
    }
    // Announced once: a third start has nothing to say about it.
    const third = await start(dataDir);
    // Well past the announcement gathering (300 ms) and the first polls, in the service's time.
    await third.clock.advance(60_000);
    expect(third.settled).toEqual([]);
    expect(existsSync(join(dataDir, RUNS_FILE)) && (JSON.parse(readFileSync(join(dataDir, RUNS_FILE), 'utf8')) as { runs: unknown[] }).runs).toEqual([]);
    await third.service.close();
  });
});
