// The renderer is loaded from app://renderer (a privileged standard scheme) with the CSP as a response header; file:// senders are refused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL, RENDERER_CSP } from '../../../electron/core/desktop/app-protocol';
import { createMemorySettingsStore } from '../../../electron/core/desktop/settings-store';
import { createMemoryStore } from '../../../electron/core/secret-store';
import { createFakeElectron } from './fake-electron';

type FakeElectron = ReturnType<typeof createFakeElectron>;
const userData = mkdtempSync(join(tmpdir(), 'raydocs-app-origin-'));
const fake = vi.hoisted(() => ({ value: null as null | FakeElectron }));
vi.mock('electron', () => {
  fake.value ??= createFakeElectron(userData);
  return { ...fake.value.electron, default: fake.value.electron };
});
vi.mock('electron-store', () => ({ default: class {} }));

const root = resolve(import.meta.dirname, '../../..');
const { startMain } = await import('../../../electron/main/app-main');
const { answerAppRequest } = await import('../../../electron/main/app-protocol');
const state = () => fake.value!.state;
let running: Awaited<ReturnType<typeof startMain>> = null;

beforeAll(async () => {
  running = await startMain({ env: {}, secretStore: createMemoryStore(), settings: createMemorySettingsStore({ apiBaseUrl: 'http://127.0.0.1:9' }) });
});
afterAll(async () => {
  await running?.quit();
  rmSync(userData, { recursive: true, force: true });
});

function call(url: string, channel = 'auth:status') {
  const frame = { url, parent: null };
  return state().handlers.get(channel)!({ senderFrame: frame, sender: { mainFrame: frame } }, undefined) as Promise<{ ok: boolean; error?: { code: string } }>;
}

describe('the page\'s origin', () => {
  it('registers app:// as a standard, secure scheme and loads the window from app://renderer, not file://', () => {
    expect(state().privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(state().protocols.has('app')).toBe(true);
    expect(state().windows[0]!.loaded).toBe(APP_INDEX_URL);
  });

  it('answers app:// requests with the CSP as a response header, and refuses a path out of the renderer', async () => {
    const handler = state().protocols.get('app')!;
    // Dot segments stay inside the renderer folder (here the repository's electron/renderer, which holds no package.json).
    const answer = await handler({ url: 'app://renderer/../../package.json' });
    expect(answer.status).toBe(404);
    expect(await answer.text()).not.toContain('"name"');
    expect(answer.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    const outDir = join(root, 'out/renderer');
    if (!existsSync(join(outDir, 'index.html'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
    const page = await answerAppRequest(APP_INDEX_URL, outDir);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(await page.text()).toContain('<div id="app">');
  });

  it('the sender check trusts exactly app://renderer: file:// senders are refused, even the built page', async () => {
    expect(await call(APP_INDEX_URL)).toMatchObject({ ok: true });
    expect(await call(pathToFileURL(join(root, 'out/renderer/index.html')).href)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await call('file:///tmp/evil.html')).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await call('app://evil/index.html')).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });
});
