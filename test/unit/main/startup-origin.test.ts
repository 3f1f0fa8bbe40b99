// A stored API address that fails validation (javascript:, remote http) starts the app on the default with a notice, never an exit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createMemorySettingsStore } from '../../../electron/core/desktop/settings-store';
import { createMemoryStore } from '../../../electron/core/secret-store';
import { createFakeElectron } from './fake-electron';

type FakeElectron = ReturnType<typeof createFakeElectron>;
const userData = mkdtempSync(join(tmpdir(), 'raydocs-origin-'));
const fake = vi.hoisted(() => ({ value: null as null | FakeElectron, boxes: [] as unknown[] }));
vi.mock('electron', () => {
  fake.value ??= createFakeElectron(userData);
  fake.value.electron.dialog.showMessageBox = async (...args: unknown[]) => {
    fake.boxes.push(args.at(-1));
    return { response: 1 };
  };
  return { ...fake.value.electron, default: fake.value.electron };
});
vi.mock('electron-store', () => ({ default: class {} }));

const { startMain } = await import('../../../electron/main/app-main');
let running: Awaited<ReturnType<typeof startMain>> = null;
afterAll(async () => {
  await running?.quit();
  rmSync(userData, { recursive: true, force: true });
});

describe('start-up with a bad stored API address', () => {
  it('starts on the default API with a notice (and ignores a bad RAYDOCS_API_URL) instead of throwing', async () => {
    const settings = createMemorySettingsStore({ apiBaseUrl: 'javascript:alert(document.cookie)' });
    running = await startMain({ env: { RAYDOCS_API_URL: 'http://evil.example' }, secretStore: createMemoryStore(), settings });
    expect(running).not.toBeNull();
    const handler = fake.value!.state.handlers.get('settings:get');
    expect(handler).toBeDefined();
    const status = await running!.service.invoke('auth:status', undefined);
    // The default is Raydocs' own: the sign-in screen names no other host.
    expect(status).toMatchObject({ ok: true, value: { state: 'signed-out' } });
    expect(status.ok && status.value.apiHost).toBeUndefined();
    const details = fake.boxes.map((b) => (b as { detail?: string }).detail ?? '');
    expect(details).toContain('The saved API address could not be used, so Raydocs Uploader uses api.raydocs.com. You can change it in Settings.');
    expect(details).toContain('RAYDOCS_API_URL was ignored: it uses plain http:// to another computer.');
    expect(details.join(' ')).not.toMatch(/javascript:|evil\.example/);
  });
});
