// The main process wiring with `electron` mocked: every channel handled behind the sender check, a secure window, the CSP in the build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../../electron/core/secret-store';
import { APP_INDEX_URL } from '../../../electron/core/desktop/app-protocol';
import { createMemorySettingsStore } from '../../../electron/core/desktop/settings-store';
import { IPC_CHANNELS } from '../../../shared/ipc';
import { createFakeElectron, type FakeFrame } from './fake-electron';

type FakeElectron = ReturnType<typeof createFakeElectron>;

const userData = mkdtempSync(join(tmpdir(), 'raydocs-main-'));
const fake = vi.hoisted(() => ({ value: null as null | FakeElectron }));
vi.mock('electron', () => {
  fake.value ??= createFakeElectron(userData);
  return { ...fake.value.electron, default: fake.value.electron };
});
vi.mock('electron-store', () => ({
  default: class {
    store: Record<string, unknown> = {};
  },
}));

const root = resolve(import.meta.dirname, '../../..');
const { startMain } = await import('../../../electron/main/app-main');
const { createPowerController, ONLINE_POLL_MS } = await import('../../../electron/main/power');
const state = () => fake.value!.state;
let running: Awaited<ReturnType<typeof startMain>>;

beforeAll(async () => {
  running = await startMain({ env: {}, secretStore: createMemoryStore(), settings: createMemorySettingsStore({ apiBaseUrl: 'http://127.0.0.1:9' }) });
});
afterAll(async () => {
  await running?.quit();
  rmSync(userData, { recursive: true, force: true });
});

const page = () => state().windows[0]!.webContents;
/** A call as it reaches main from `frame` of the window's page: by default the top frame of the page it shows now. */
function invoke(channel: string, payload: unknown, frame: FakeFrame | null = page().mainFrame) {
  const handler = state().handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(page().ipcEvent(frame), payload) as Promise<unknown>;
}
function ourUrl(): string {
  // The window loads the built renderer from its own origin, never from file://.
  return APP_INDEX_URL;
}

describe('main process wiring', () => {
  it('registers a handler for every channel of the contract, and nothing else', () => {
    expect([...state().handlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('creates the window with the secure webPreferences, hidden until ready-to-show', () => {
    const win = state().windows[0]!;
    const prefs = win.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(prefs['preload'])).toMatch(/preload[/\\]index\.cjs$/);
    expect(win.options['show']).toBe(false);
    expect(win.shown).toBe(0);
    win.emit('ready-to-show');
    expect(win.shown).toBe(1);
  });

  it('denies navigation, new windows and permissions', () => {
    const wc = state().windows[0]!.webContents;
    const event = { preventDefault: vi.fn() };
    wc.emit('will-navigate', event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(wc.openHandler?.({ url: 'https://app.raydocs.com/' })).toEqual({ action: 'deny' });
    let granted: boolean | null = null;
    state().permissionHandler?.(null, 'notifications', (ok) => (granted = ok));
    expect(granted).toBe(false);
  });

  it('answers our page, refuses other senders and subframes, and validates payloads', async () => {
    expect(page().mainFrame.url).toBe(ourUrl());
    expect(await invoke('auth:status', undefined)).toEqual({ ok: true, value: { state: 'signed-out', keychain: { kind: 'os' }, apiHost: '127.0.0.1:9' } });
    // An iframe inside our page is not our page, even at our own URL.
    expect(await invoke('auth:status', undefined, page().addSubframe(ourUrl()))).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await invoke('auth:status', undefined, page().addSubframe('https://evil.example/'))).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await invoke('auth:status', undefined, null)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await invoke('queue:cancel', { ids: 'all' })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await invoke('shell:open-external', { url: 'https://docs.raydocs.com/' })).toEqual({ ok: true, value: undefined });
    expect(await invoke('shell:open-external', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: { code: 'forbidden-url' } });
    expect(state().opened).toEqual(['https://docs.raydocs.com/']);
  });

  it('refuses a frame of another page: one the window showed before (even at our URL), and another URL loaded in the window', async () => {
    const forbidden = { ok: false, error: { code: 'forbidden-sender' } };
    // Our page loaded again: the frame of the page before it is a top frame at our URL, but no longer the window's.
    const before = page().navigate(ourUrl());
    expect(before.parent).toBeNull();
    expect(before.url).toBe(ourUrl());
    expect(await invoke('auth:status', undefined, before)).toMatchObject(forbidden);
    expect(await invoke('auth:status', undefined)).toMatchObject({ ok: true });
    // Another page in the window: its top frame is the window's main frame, at a URL that is not ours.
    page().navigate('https://evil.example/');
    expect(await invoke('auth:status', undefined)).toMatchObject(forbidden);
    page().navigate(`${ourUrl()}#/queue`);
    expect(await invoke('auth:status', undefined)).toMatchObject({ ok: true });
  });

  it('every registered handler refuses a malformed payload with invalid-arguments, naming the channel', async () => {
    for (const channel of IPC_CHANNELS) {
      const r = (await invoke(channel, [{ not: 'valid' }])) as { ok: boolean; error?: { code: string; message: string } };
      expect(r.ok, channel).toBe(false);
      expect(r.error?.code, channel).toBe('invalid-arguments');
      expect(r.error?.message, channel).toContain(channel);
    }
  });

  it('closing the window hides it to the tray; the tray shows the queue state', () => {
    const win = state().windows[0]!;
    const event = { preventDefault: vi.fn() };
    win.emit('close', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(win.hidden).toBe(1);
    expect(state().trays[0]?.tooltip).toContain('Raydocs Uploader');
    const labels = (state().trays[0]?.menu as Array<{ label?: string }>).map((m) => m.label).filter(Boolean);
    expect(labels).toEqual(expect.arrayContaining(['Open Raydocs Uploader', 'Pause all', 'Sign out', 'Quit Raydocs Uploader']));
    // Size and position are remembered for the next start.
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({ bounds: { x: 0, y: 0, width: 1100, height: 760 }, maximized: false });
  });

  it("the tray's menu calls the services directly: Pause all pauses the queue, Sign out asks through auth", async () => {
    const click = (label: string) => {
      const entry = (state().trays[0]?.menu as Array<{ label?: string; click?: () => void }>).find((m) => m.label === label);
      if (!entry?.click) throw new Error(`no tray entry ${label}`);
      entry.click();
    };
    const pause = vi.spyOn(running!.service.queue, 'pause');
    const signOut = vi.spyOn(running!.service.auth, 'signOut');
    const viaIpc = vi.spyOn(running!.service, 'invoke');
    try {
      click('Pause all');
      click('Sign out');
      expect(pause).toHaveBeenCalledTimes(1);
      expect(pause.mock.calls[0]).toEqual([]);
      expect(signOut).toHaveBeenCalledTimes(1);
      await signOut.mock.results[0]!.value;
      // Nothing went round through the IPC dispatcher meant for the renderer.
      expect(viaIpc).not.toHaveBeenCalled();
    } finally {
      pause.mockRestore();
      signOut.mockRestore();
      viaIpc.mockRestore();
    }
  });

  it("the app's own menu replaces Electron's: no DevTools when packaged, and Settings (⌘,) navigates the window", () => {
    type Item = { label?: string; role?: string; accelerator?: string; click?: () => void; submenu?: Item[] };
    const items = (state().appMenu as { items: Item[] } | null)?.items ?? [];
    const flat = (list: Item[]): Item[] => list.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
    expect(items.length).toBeGreaterThan(0);
    const all = flat(items);
    // The fake app is not packaged: Reload and DevTools are there; the pure model's test covers the packaged menu.
    expect(all.map((i) => i.accelerator).filter(Boolean)).toEqual(expect.arrayContaining(['CmdOrCtrl+O', 'Shift+CmdOrCtrl+O', 'CmdOrCtrl+,', 'CmdOrCtrl+F']));
    const navigate = vi.spyOn(running!.service.window, 'navigate');
    try {
      all.find((i) => i.accelerator === 'CmdOrCtrl+,')?.click?.();
      expect(navigate).toHaveBeenCalledWith('settings');
    } finally {
      navigate.mockRestore();
    }
  });

  it('a second launch focuses the window and offers its files as a pending batch: names and a count, never paths, nothing queued', async () => {
    const win = state().windows[0]!;
    const shown = win.shown;
    const file = join(userData, 'handed-over.pdf');
    writeFileSync(file, '%PDF-1.4\n');
    fake.value!.electron.app.emit('second-instance', {}, ['/opt/electron', '.', 'handed-over.pdf', '--flag', join(userData, 'missing.pdf')], userData);
    expect(win.shown).toBeGreaterThan(shown);
    const offers = win.webContents.sent.filter(([c]) => c === 'raydocs:event:opened:changed').map(([, p]) => p);
    expect(offers.at(-1)).toMatchObject({ count: 1, names: ['handed-over.pdf'], target: null });
    expect(JSON.stringify(offers)).not.toContain(userData);
    expect(await invoke('opened:get', undefined)).toMatchObject({ ok: true, value: { count: 1 } });
    expect(running!.service.queue.summary().total).toBe(0);
  });

  it('macOS "open with" (open-file) is taken over from Electron the same way', async () => {
    const event = { preventDefault: vi.fn() };
    fake.value!.electron.app.emit('open-file', event, join(userData, 'handed-over.pdf'));
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('forwards service events to the window on the event channel', async () => {
    await invoke('settings:set', { notifications: false });
    const sent = state().windows[0]!.webContents.sent;
    expect(sent.some(([channel, payload]) => channel === 'raydocs:event:settings:changed' && (payload as { notifications: boolean }).notifications === false)).toBe(true);
  });
});

describe('power and network signals', () => {
  it('resume from sleep and unlocking the screen make the engine probe now', () => {
    const spy = vi.spyOn(running!.service.queue, 'probeNow');
    fake.value!.electron.powerMonitor.emit('resume');
    fake.value!.electron.powerMonitor.emit('unlock-screen');
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });

  it('the network coming back makes the engine probe now', () => {
    vi.useFakeTimers();
    try {
      let online = false;
      fake.value!.electron.net.isOnline = () => online;
      const probes: number[] = [];
      const power = createPowerController(() => probes.push(Date.now()));
      vi.advanceTimersByTime(ONLINE_POLL_MS);
      expect(probes).toHaveLength(0);
      online = true;
      vi.advanceTimersByTime(ONLINE_POLL_MS);
      vi.advanceTimersByTime(ONLINE_POLL_MS);
      expect(probes).toHaveLength(1);
      power.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('built renderer', () => {
  it('carries the strict CSP meta tag', () => {
    const html = join(root, 'out/renderer/index.html');
    if (!existsSync(html)) execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
    const text = readFileSync(html, 'utf8');
    const csp = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(text)?.[1];
    expect(csp).toBeDefined();
    const directives = Object.fromEntries(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
    expect(directives['default-src']).toBe("'self'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['connect-src']).toBe("'self'");
    expect(directives['object-src']).toBe("'none'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
  });

  it('the built preload is CommonJS and requires nothing but electron', () => {
    const file = join(root, 'out/preload/index.cjs');
    if (!existsSync(file)) execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
    const text = readFileSync(file, 'utf8');
    expect([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(text).not.toMatch(/^\s*(import|export)\s/m);
  });
});
