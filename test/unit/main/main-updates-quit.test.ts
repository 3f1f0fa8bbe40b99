// Quitting an idle app with an update ready installs it (silently, no relaunch) once the app service has closed;
// electron and electron-updater mocked, no server needed (nothing is in flight).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemorySettingsStore } from '../../../electron/core/desktop/settings-store';
import { createMemoryStore } from '../../../electron/core/secret-store';
import { createFakeElectron, createFakeUpdater } from './fake-electron';

type FakeElectron = ReturnType<typeof createFakeElectron>;
const userData = mkdtempSync(join(tmpdir(), 'raydocs-main-update-quit-'));
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
fake.updater = createFakeUpdater();

const { startMain } = await import('../../../electron/main/app-main');
const state = () => fake.value!.state;
const up = () => fake.updater!;
let running: Awaited<ReturnType<typeof startMain>>;

beforeAll(async () => {
  running = await startMain({ env: {}, secretStore: createMemoryStore(), settings: createMemorySettingsStore({ apiBaseUrl: 'http://127.0.0.1:9' }), updates: true });
});
afterAll(async () => {
  await running?.quit();
  rmSync(userData, { recursive: true, force: true });
});

describe('an update ready at quit', () => {
  it('installs on quit when idle: the service closes first, then a silent install without relaunch', async () => {
    up().autoUpdater.emit('update-available', { version: '3.0.0' });
    up().autoUpdater.emit('update-downloaded', { version: '3.0.0' });
    expect(state().handlers.size).toBeGreaterThan(0);
    const quit = vi.spyOn(fake.value!.electron.app, 'quit');
    const event = { preventDefault: vi.fn() };
    fake.value!.electron.app.emit('before-quit', event);
    const end = Date.now() + 10_000;
    while (up().calls.quitAndInstall.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(up().calls.quitAndInstall).toEqual([[true, false]]);
    expect(state().handlers.size).toBe(0);
    // The installer quits the app itself; main does not race it with a plain quit.
    expect(quit).not.toHaveBeenCalled();
  });
});
