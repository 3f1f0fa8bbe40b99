// Runs through the Electron wiring (electron mocked, emulator real): runs:changed reaches the window, a settled run
// notifies and its click opens that result, and Download Excel goes through main's native save dialog.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemorySettingsStore } from '../../../electron/core/desktop/settings-store';
import { createMemoryStore } from '../../../electron/core/secret-store';
import type { RunView } from '../../../shared/runs';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { writeFile } from '../../fixtures/make-files';
import { createFakeElectron } from './fake-electron';

type FakeElectron = ReturnType<typeof createFakeElectron>;
const userData = mkdtempSync(join(tmpdir(), 'raydocs-main-runs-'));
const fake = vi.hoisted(() => ({ value: null as null | FakeElectron }));
vi.mock('electron', () => {
  fake.value ??= createFakeElectron(userData);
  return { ...fake.value.electron, default: fake.value.electron };
});
vi.mock('electron-store', () => ({ default: class {} }));

const { startMain } = await import('../../../electron/main/app-main');
const state = () => fake.value!.state;
const invoke = <T = unknown>(channel: string, payload: unknown) => {
  const wc = state().windows[0]!.webContents;
  return state().handlers.get(channel)!(wc.ipcEvent(), payload) as Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>;
};
async function value<T>(channel: string, payload: unknown): Promise<T> {
  const r = await invoke<T>(channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}

let emu: RunningEmulator;
let running: Awaited<ReturnType<typeof startMain>>;
const files = mkdtempSync(join(tmpdir(), 'raydocs-main-runs-files-'));

async function until(check: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  emu = await startEmulator({ parsing: { stepMs: 30 } });
  running = await startMain({
    env: {},
    secretStore: createMemoryStore(),
    settings: createMemorySettingsStore({ apiBaseUrl: emu.url }),
    engineOptions: { pollIntervalMs: { initial: 50, max: 200 } },
  });
});
afterAll(async () => {
  await running?.quit();
  await emu?.close();
  rmSync(userData, { recursive: true, force: true });
  rmSync(files, { recursive: true, force: true });
});

describe('main process during a run', () => {
  it('a run reaches the window live, notifies once it completes, and the click opens that result', async () => {
    expect((await invoke('auth:sign-in', { token: emu.token })).ok).toBe(true);
    const ws = emu.seed.workspaces[0]!;
    const session = await value<{ id: string }>('sessions:create', { workspaceId: ws.id, templateId: ws.templates[0]!.id, name: 'Main run' });
    const target = { kind: 'session', workspaceId: ws.id, sessionId: session.id, sessionName: 'Main run' };
    await value('queue:add', { paths: [writeFile(join(files, 'a.pdf'), 'pdf')], target });
    await until(() => state().notifications.some((n) => n.title === 'Uploads finished'));

    const run = await value<RunView>('results:run', { sessionId: session.id });
    expect(run).toMatchObject({ sessionId: session.id, sessionName: 'Main run', settledAt: null });
    await until(() => state().notifications.some((n) => n.title === 'Extraction finished'));
    const index = state().notifications.findIndex((n) => n.title === 'Extraction finished');
    const done = (await value<RunView[]>('runs:list', undefined)).find((r) => r.resultId === run.resultId)!;
    expect(state().notifications[index]).toEqual({ title: 'Extraction finished', body: `${done.title} (1 document) is ready.` });
    expect(state().notifications.filter((n) => n.title === 'Extraction finished')).toHaveLength(1);

    const win = state().windows[0]!;
    const changed = win.webContents.sent.filter(([c]) => c === 'raydocs:event:runs:changed').map(([, p]) => (p as { runs: RunView[] }).runs);
    expect(changed.at(-1)?.find((r) => r.resultId === run.resultId)?.status).toBe('completed');

    const shownBefore = win.shown;
    state().notificationObjects[index]!.emit('click');
    expect(win.shown).toBe(shownBefore + 1);
    expect(win.webContents.sent.filter(([c]) => c === 'raydocs:event:navigate').at(-1)).toEqual(['raydocs:event:navigate', { view: 'documents', resultId: run.resultId }]);
  });

  it("Download Excel: main's save dialog proposes the title in xlsx, the file lands where it answers; a cancel writes nothing", async () => {
    const [run] = await value<RunView[]>('runs:list', undefined);
    const dest = join(files, 'picked');
    state().saveAnswer = dest;
    const saved = await value<{ saved: boolean; path?: string }>('results:save-excel', { resultId: run!.resultId });
    // The dialog gave a name without the extension (as Linux may): the workbook still ends in .xlsx.
    expect(saved).toMatchObject({ saved: true, path: `${dest}.xlsx` });
    expect(readFileSync(`${dest}.xlsx`).subarray(0, 2).toString('latin1')).toBe('PK');
    const shown = state().saveDialogs.at(-1)!;
    expect(String(shown['defaultPath'])).toMatch(new RegExp(`${run!.title!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.xlsx$`));
    expect(shown['filters']).toEqual([{ name: 'Excel workbook', extensions: ['xlsx'] }]);

    state().saveAnswer = null;
    expect(await value('results:save-excel', { resultId: run!.resultId })).toEqual({ saved: false });
    expect(existsSync(join(files, 'picked.xlsx.part'))).toBe(false);
  });

  it('Download all without a batch export asks main for a folder', async () => {
    const [run] = await value<RunView[]>('runs:list', undefined);
    const templateId = emu.seed.workspaces[0]!.templates[0]!.id;
    emu.setFaults({ errorRate: 1, errorStatuses: [404], routes: [`/extractions/templates/${templateId}/sessions/batch/export`] });
    try {
      state().folderAnswer = files;
      const saved = await value<{ saved: boolean; files?: number; combined?: boolean }>('results:save-all', { sessionIds: [run!.sessionId] });
      expect(saved).toEqual({ saved: true, path: files, files: 1, combined: false });
      expect(state().folderDialogs).toHaveLength(1);
      expect(existsSync(join(files, 'Main run.xlsx'))).toBe(true);
    } finally {
      emu.setFaults([]);
    }
  });
});
