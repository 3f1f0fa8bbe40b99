// Updates through the Electron wiring (electron and electron-updater mocked, emulator real): an update found during a
// batch downloads but waits, the tray and the window say "Update ready", and only an idle app installs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL } from '../../../electron/core/desktop/app-protocol';
import { createMemorySettingsStore } from '../../../electron/core/desktop/settings-store';
import { createMemoryStore } from '../../../electron/core/secret-store';
import { updateViewSchema, type UpdateView } from '../../../shared/update';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { writeFile } from '../../fixtures/make-files';
import { createFakeElectron, createFakeUpdater } from './fake-electron';

type FakeElectron = ReturnType<typeof createFakeElectron>;
const userData = mkdtempSync(join(tmpdir(), 'raydocs-main-update-'));
const fake = vi.hoisted(() => ({ value: null as null | FakeElectron, updater: null as null | ReturnType<typeof createFakeUpdater> }));
vi.mock('electron', () => {
  fake.value ??= createFakeElectron(userData);
  return { ...fake.value.electron, default: fake.value.electron };
});
vi.mock('electron-store', () => ({ default: class {} }));
vi.mock('electron-updater', () => {
  fake.updater ??= createFakeUpdater();
  return { autoUpdater: fake.updater.autoUpdater, default: { autoUpdater: fake.updater.autoUpdater } };
});
// Created before the module is first imported (the mock factory runs lazily, at startMain's dynamic import).
fake.updater = createFakeUpdater();

const { startMain } = await import('../../../electron/main/app-main');
const state = () => fake.value!.state;
const up = () => fake.updater!;
const invoke = (channel: string, payload: unknown) => {
  const wc = state().windows[0]!.webContents;
  if (wc.mainFrame.url !== APP_INDEX_URL) throw new Error(`the window shows ${wc.mainFrame.url}, not our page`);
  return state().handlers.get(channel)!(wc.ipcEvent(), payload) as Promise<{ ok: boolean; value?: unknown }>;
};

type MenuItem = { label?: string; enabled?: boolean; click?: () => void };
const menu = () => state().trays[0]!.menu as MenuItem[];
const item = (label: RegExp) => menu().find((m) => m.label !== undefined && label.test(m.label));
const updateEvents = (): UpdateView[] =>
  state().windows[0]!.webContents.sent.filter(([c]) => c === 'raydocs:event:update:changed').map(([, p]) => p as UpdateView);

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

let emu: RunningEmulator;
let running: Awaited<ReturnType<typeof startMain>>;
const files = mkdtempSync(join(tmpdir(), 'raydocs-main-update-files-'));

beforeAll(async () => {
  emu = await startEmulator({ parsing: { stepMs: 30 } });
  running = await startMain({
    env: {},
    secretStore: createMemoryStore(),
    settings: createMemorySettingsStore({ apiBaseUrl: emu.url }),
    engineOptions: { pollIntervalMs: { initial: 50, max: 200 } },
    updates: true,
  });
});
afterAll(async () => {
  await running?.quit();
  await emu?.close();
  rmSync(userData, { recursive: true, force: true });
  rmSync(files, { recursive: true, force: true });
});

describe('updates in the main process', () => {
  it('hands the decisions to the policy and leaves the signature checks alone', () => {
    const assigned = Object.fromEntries(up().assigned);
    expect(assigned).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: false });
    const names = up().assigned.map(([k]) => k);
    for (const check of ['verifyUpdateCodeSignature', 'forceDevUpdateConfig', 'disableWebInstaller', 'channel']) expect(names).not.toContain(check);
    // No feed in code: electron-builder.yml's publish is the one place (app-update.yml in the package).
    expect(names).not.toContain('setFeedURL');
    // Not at launch: the first check waits a minute.
    expect(up().calls.check).toBe(0);
    expect(updateEvents().at(-1)).toEqual({ status: 'none' });
  });

  it('downloads an update found during a batch, shows it ready, and neither restarts nor installs while uploads run', async () => {
    expect((await invoke('auth:sign-in', { token: emu.token })).ok).toBe(true);
    const ws = emu.seed.workspaces[0]!;
    const session = ws.sessions[0]!;
    // Every request waits 1.5 s: the batch stays in flight while the update arrives.
    emu.setFaults({ latencyMs: 1500 });
    const paths = Array.from({ length: 3 }, (_, i) => writeFile(join(files, `u${i}.pdf`), 'pdf'));
    expect(await invoke('queue:add', { paths, target: { kind: 'session', workspaceId: ws.id, sessionId: session.id, sessionName: session.name } })).toMatchObject({ ok: true });
    await until(() => (state().badge.at(-1) ?? 0) > 0);

    up().autoUpdater.emit('update-available', { version: '9.9.9' });
    expect(up().calls.download).toBe(1);
    up().autoUpdater.emit('download-progress', { percent: 41.6 });
    await until(() => updateEvents().some((v) => v.status === 'downloading'));
    expect(updateEvents().filter((v) => v.status === 'downloading').at(-1)).toEqual({ status: 'downloading', version: '9.9.9', percent: 42 });
    up().autoUpdater.emit('update-downloaded', { version: '9.9.9' });

    await until(() => item(/^Update ready/) !== undefined);
    expect(item(/^Update ready/)?.label).toBe('Update ready: version 9.9.9');
    const restart = item(/^Restart/)!;
    expect(restart).toMatchObject({ label: 'Restart to update (after uploads finish)', enabled: false });
    const ready = updateEvents().at(-1)!;
    expect(ready).toMatchObject({ status: 'ready', version: '9.9.9' });
    expect(ready.status === 'ready' && ready.waitingFor).toBeGreaterThan(0);
    for (const v of updateEvents()) expect(updateViewSchema.safeParse(v).success).toBe(true);

    // A click that races the menu's refresh, and a quit answered "Keep running": nothing installs, nothing closes.
    restart.click?.();
    const event = { preventDefault: vi.fn() };
    fake.value!.electron.app.emit('before-quit', event);
    await new Promise((r) => setTimeout(r, 100));
    expect(event.preventDefault).toHaveBeenCalled();
    expect(up().calls.quitAndInstall).toEqual([]);
    expect(state().handlers.size).toBeGreaterThan(0);
    // A later check never replaces the update that waits.
    up().autoUpdater.emit('error', new Error('net::ERR_NETWORK_CHANGED'));
    expect(item(/^Update ready/)).toBeDefined();
  }, 30_000);

  it('once the batch is done, offers "Restart now"; a page that reloads is told again', async () => {
    emu.setFaults({});
    await until(() => state().badge.at(-1) === 0);
    await until(() => item(/^Restart now to update$/)?.enabled === true);
    expect(updateEvents().at(-1)).toEqual({ status: 'ready', version: '9.9.9', waitingFor: 0 });
    const before = updateEvents().length;
    state().windows[0]!.webContents.emit('did-finish-load');
    expect(updateEvents().length).toBe(before + 1);
    expect(updateEvents().at(-1)).toEqual({ status: 'ready', version: '9.9.9', waitingFor: 0 });
  }, 30_000);

  it('"Restart now" with nothing in flight closes the service first, then installs silently and relaunches', async () => {
    item(/^Restart now to update$/)!.click!();
    await until(() => up().calls.quitAndInstall.length > 0);
    expect(up().calls.quitAndInstall).toEqual([[true, true]]);
    // The IPC handlers are gone: the app service (and its journal) closed before the installer took over.
    expect(state().handlers.size).toBe(0);
  });

  it('an installer that fails quits the app as a plain quit would', () => {
    const quit = vi.spyOn(fake.value!.electron.app, 'quit');
    up().autoUpdater.emit('error', new Error('New version 9.9.9 is not signed by the application owner'));
    expect(quit).toHaveBeenCalledTimes(1);
  });
});
