// A full upload through the Electron wiring (electron mocked, emulator real): tray, badge, progress, power blocker, one notification, quit prompt.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL } from '../../../electron/core/desktop/app-protocol';
import { createMemorySettingsStore } from '../../../electron/core/desktop/settings-store';
import { createMemoryStore } from '../../../electron/core/secret-store';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { writeFile } from '../../fixtures/make-files';
import { createFakeElectron } from './fake-electron';

type FakeElectron = ReturnType<typeof createFakeElectron>;
const userData = mkdtempSync(join(tmpdir(), 'raydocs-main-up-'));
const fake = vi.hoisted(() => ({ value: null as null | FakeElectron }));
vi.mock('electron', () => {
  fake.value ??= createFakeElectron(userData);
  return { ...fake.value.electron, default: fake.value.electron };
});
vi.mock('electron-store', () => ({ default: class {} }));

const { startMain } = await import('../../../electron/main/app-main');
const state = () => fake.value!.state;
const page = APP_INDEX_URL;
/** A call from the top frame of the page the window shows (our page: checked once the window exists). */
const invoke = (channel: string, payload: unknown) => {
  const wc = state().windows[0]!.webContents;
  if (wc.mainFrame.url !== page) throw new Error(`the window shows ${wc.mainFrame.url}, not our page`);
  return state().handlers.get(channel)!(wc.ipcEvent(), payload) as Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
};

let emu: RunningEmulator;
let running: Awaited<ReturnType<typeof startMain>>;
const files = mkdtempSync(join(tmpdir(), 'raydocs-main-files-'));

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  emu = await startEmulator({ parsing: { stepMs: 30 } });
  running = await startMain({ env: {}, secretStore: createMemoryStore(), settings: createMemorySettingsStore({ apiBaseUrl: emu.url }),
    engineOptions: { pollIntervalMs: { initial: 50, max: 200 } },
  });
});
afterAll(async () => {
  await running?.quit();
  await emu?.close();
  rmSync(userData, { recursive: true, force: true });
  rmSync(files, { recursive: true, force: true });
});

describe('main process during an upload', () => {
  it('runs a batch: blocks suspension, updates tray/badge/progress, notifies once; tray drops join the last target', async () => {
    expect((await invoke('auth:sign-in', { token: emu.token })).ok).toBe(true);
    const ws = emu.seed.workspaces[0]!;
    const session = emu.seed.workspaces[0]!.sessions[0]!;
    const target = { kind: 'session', workspaceId: ws.id, sessionId: session.id, sessionName: session.name };
    const paths = Array.from({ length: 3 }, (_, i) => writeFile(join(files, `f${i}.pdf`), 'pdf'));
    const added = await invoke('queue:add', { paths, target });
    expect(added).toMatchObject({ ok: true, value: { accepted: 3 } });

    await until(() => state().notifications.length >= 1);
    expect(state().notifications).toEqual([{ title: 'Uploads finished', body: '3 uploaded' }]);
    expect(state().blockers).toContain('prevent-app-suspension');
    expect(state().badge.some((n) => n > 0)).toBe(true);
    await until(() => state().badge.at(-1) === 0);
    // Idle again: the suspension blocker is released.
    expect(state().blockersStopped).toHaveLength(state().blockers.length);
    const tray = state().trays[0]!;
    expect(tray.tooltip).toMatch(/Raydocs Uploader: idle/);
    const labels = (tray.menu as Array<{ label?: string }>).map((m) => m.label);
    expect(labels).toContain(`Target: ${session.name}`);
    expect(labels).toContain('f0.pdf');
    const progress = state().windows[0]!.progress.map(([p]) => p);
    expect(progress.some((p) => p >= 0 && p <= 1)).toBe(true);
    expect(progress.at(-1)).toBe(-1);

    // Clicking the notification opens the window on the queue.
    const win = state().windows[0]!;
    const shownBefore = win.shown;
    state().notificationObjects[0]!.emit('click');
    expect(win.shown).toBe(shownBefore + 1);
    await until(() => win.webContents.sent.some(([c, p]) => c === 'raydocs:event:navigate' && (p as { view: string }).view === 'queue'));

    // macOS drops on the tray icon go to the same target, as a new batch with its own notification.
    tray.emit('drop-files', {}, [writeFile(join(files, 'dropped.pdf'), 'pdf')]);
    await until(() => state().notifications.length >= 2);
    expect(state().notifications[1]).toEqual({ title: 'Uploads finished', body: '1 uploaded' });

    // A second launch with a file on its command line offers it ("Upload 1 file to <session>?"); nothing goes until the window says so.
    writeFile(join(files, 'second.pdf'), 'pdf');
    fake.value!.electron.app.emit('second-instance', {}, ['/opt/electron', '.', 'second.pdf'], files);
    const offered = await invoke('opened:get', undefined);
    expect(offered).toMatchObject({ ok: true, value: { count: 1, names: ['second.pdf'], target } });
    await new Promise((r) => setTimeout(r, 100));
    expect(state().notifications).toHaveLength(2);
    const id = (offered.value as { id: string }).id;
    expect(await invoke('opened:accept', { id, target })).toMatchObject({ ok: true, value: { accepted: 1 } });
    // Answered once: the same id takes nothing again.
    expect(await invoke('opened:accept', { id, target })).toEqual({ ok: true, value: null });
    await until(() => state().notifications.length >= 3);
    const snap = (await invoke('queue:snapshot', undefined)).value as { items: Array<{ name: string; target: unknown }> };
    expect(snap.items.find((i) => i.name === 'second.pdf')?.target).toEqual(target);
  });

  it('quitting with uploads pending asks first, and "keep running" keeps the app', async () => {
    const ws = emu.seed.workspaces[0]!;
    const session = ws.sessions[0]!;
    emu.setFaults({ latencyMs: 400 });
    const paths = Array.from({ length: 2 }, (_, i) => writeFile(join(files, `slow${i}.pdf`), 'pdf'));
    await invoke('queue:add', { paths, target: { kind: 'session', workspaceId: ws.id, sessionId: session.id, sessionName: session.name } });
    const asked: unknown[] = [];
    fake.value!.electron.dialog.showMessageBox = async (...args: unknown[]) => {
      asked.push(args.at(-1));
      return { response: 1 };
    };
    const quit = vi.spyOn(fake.value!.electron.app, 'quit');
    const event = { preventDefault: vi.fn() };
    fake.value!.electron.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await until(() => asked.length === 1);
    expect(asked[0]).toMatchObject({ message: '2 uploads in progress', buttons: ['Quit anyway', 'Keep running in tray'], cancelId: 1 });
    await new Promise((r) => setTimeout(r, 50));
    expect(quit).not.toHaveBeenCalled();
    emu.setFaults({});
  });
});
