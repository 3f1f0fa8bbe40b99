// The app service decides what a compromised renderer cannot: which files are read, which server and account are used.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppService, type AppService, type DesktopShell } from '../../../electron/core/app-service';
import type { ConfirmPrompt } from '../../../electron/core/desktop/confirmations';
import { createMemorySettingsStore } from '../../../electron/core/desktop/settings-store';
import { createMemoryStore } from '../../../electron/core/secret-store';
import type { Target } from '../../../shared/queue';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { writeFile } from '../../fixtures/make-files';

let emu: RunningEmulator;
let service: AppService;
let picks: string[] = [];
const root = mkdtempSync(join(tmpdir(), 'raydocs-sec-'));
const shell: DesktopShell = {
  reveal: async () => undefined,
  openExternal: async () => undefined,
  pickPaths: async () => picks,
  confirm: async (prompt) => {
    asked.push(prompt);
    return answer;
  },
  chooseSaveTarget: async () => null,
};
const asked: ConfirmPrompt[] = [];
let answer = false;

beforeAll(async () => {
  emu = await startEmulator({ parsing: { stepMs: 30 } });
  const secrets = createMemoryStore();
  await secrets.set(emu.token);
  service = await createAppService({
    secretStore: secrets,
    userDataDir: join(root, 'data'),
    settings: createMemorySettingsStore({ apiBaseUrl: emu.url }),
    apiBaseUrl: emu.url,
    shell,
    engineOptions: { pollIntervalMs: { initial: 50, max: 200 } },
  });
});
afterAll(async () => {
  await service?.close();
  await emu?.close();
  rmSync(root, { recursive: true, force: true });
});

function target(): Target {
  const ws = emu.seed.workspaces[0]!;
  const s = ws.sessions[0]!;
  return { kind: 'session', workspaceId: ws.id, sessionId: s.id, sessionName: s.name };
}

describe('files come only from a real drop, main\'s dialog or the OS', () => {
  it('dropped items the preload could not resolve are refused by name, and nothing is read or queued', async () => {
    const r = await service.invoke('queue:add', { paths: [], unresolved: ['passwd', 'id_rsa'], target: target() });
    expect(r).toMatchObject({ ok: true, value: { accepted: 0, refused: [{ path: 'passwd' }, { path: 'id_rsa' }] } });
    if (r.ok) for (const f of r.value.refused) expect(f.reason).toMatch(/not a file on this computer/);
    expect((await service.invoke('queue:snapshot', undefined)).ok && service.queue.summary().total).toBe(0);
  });

  it('an empty drop is refused by the schema', async () => {
    expect(await service.invoke('queue:add', { paths: [], target: target() })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('dialog:pick queues what main\'s dialog picked for the target and answers the report, never the paths', async () => {
    const file = writeFile(join(root, 'picked.pdf'), 'pdf');
    picks = [file];
    const r = await service.invoke('dialog:pick', { kind: 'files', target: target() });
    expect(r).toMatchObject({ ok: true, value: { accepted: 1, refused: [] } });
    expect(JSON.stringify(r)).not.toContain(root);
    picks = [];
    expect(await service.invoke('dialog:pick', { kind: 'folder', target: target() })).toEqual({ ok: true, value: null });
  });

  it('a refusal names what the file looks like, never its bytes', async () => {
    const secret = join(root, 'notes.pdf');
    writeFileSync(secret, 'SECRET-PASSWORD hunter2\n');
    const r = await service.invoke('queue:add', { paths: [secret], target: target() });
    expect(r).toMatchObject({ ok: true, value: { refused: [{ path: secret, reason: 'This is plain text, not a PDF (its first bytes are all text)' }] } });
    expect(JSON.stringify(r)).not.toMatch(/SECRET|hunter2/);
  });
});

describe('the API address is main\'s to accept', () => {
  it('refuses javascript:, plain http to a remote host and addresses with credentials, whatever the page sends', async () => {
    for (const apiBaseUrl of ['javascript:alert(1)', 'http://evil.example', 'https://user:pw@evil.example', 'file:///etc/passwd', 'not a url']) {
      expect(await service.invoke('settings:set', { apiBaseUrl }), apiBaseUrl).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    }
    expect(asked).toEqual([]);
  });

  it('a new origin needs the native confirmation naming its host; declined, nothing changes', async () => {
    answer = false;
    const r = await service.invoke('settings:set', { apiBaseUrl: 'https://evil.example' });
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(asked.at(-1)).toMatchObject({ kind: 'api-origin', message: 'Send your Raydocs token to evil.example?', defaultId: 1, cancelId: 1 });
    const now = await service.invoke('settings:get', undefined);
    expect(now.ok && now.value.apiBaseUrl).toBe(emu.url);

    answer = true;
    expect(await service.invoke('settings:set', { apiBaseUrl: 'https://api.example.org' })).toMatchObject({ ok: true, value: { apiBaseUrl: 'https://api.example.org' } });
    // The same origin again (a trailing path is not a new server) asks nothing.
    const before = asked.length;
    expect((await service.invoke('settings:set', { apiBaseUrl: 'https://api.example.org/' })).ok).toBe(true);
    expect(asked).toHaveLength(before);
    answer = true;
    expect((await service.invoke('settings:set', { apiBaseUrl: emu.url })).ok).toBe(true);
    answer = false;
  });

  it('the sign-in status names the API host when it is not Raydocs\' own', async () => {
    const s = await service.invoke('auth:status', undefined);
    expect(s.ok && s.value.apiHost).toBe(new URL(emu.url).host);
  });
});

describe('the account is the person\'s to swap', () => {
  it('signing in over a stored token asks natively, naming the workspaces of both; declined, the stored token stays', async () => {
    const other = emu.createToken({ workspaceIds: [emu.seed.workspaces[1]!.id] });
    answer = false;
    const r = await service.invoke('auth:sign-in', { token: other });
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const prompt = asked.at(-1)!;
    expect(prompt.kind).toBe('account-swap');
    expect(prompt.detail).toContain(emu.seed.workspaces[0]!.name);
    expect(prompt.detail).toContain(emu.seed.workspaces[1]!.name);
    expect(prompt.detail).not.toContain(other);
    const s = await service.invoke('auth:status', undefined);
    expect(s.ok && s.value.state === 'signed-in' && s.value.workspaces.length).toBe(emu.seed.workspaces.length);
  });

  it('sign-out asks too; declined, still signed in', async () => {
    answer = false;
    expect(await service.invoke('auth:sign-out', undefined)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(asked.at(-1)?.kind).toBe('sign-out');
    expect(service.auth.signedIn()).toBe(true);
  });
});

describe('files opened with the app wait for an answer', () => {
  it('are offered by names and a count, never queued by themselves; an answer by a stale id takes nothing', async () => {
    const seen: unknown[] = [];
    const off = service.onEvent((e, p) => e === 'opened:changed' && seen.push(p));
    const before = service.queue.summary().total;
    const a = writeFile(join(root, 'opened-a.pdf'), 'pdf');
    const first = service.queue.offerOpened([a])!;
    const second = service.queue.offerOpened([writeFile(join(root, 'opened-b.pdf'), 'pdf'), a])!;
    expect(second).toMatchObject({ count: 2, names: ['opened-a.pdf', 'opened-b.pdf'] });
    expect(second.id).not.toBe(first.id);
    expect(JSON.stringify(seen)).not.toContain(root);
    expect(service.queue.summary().total).toBe(before);
    // The first offer was shown before more files joined: its id no longer takes anything.
    expect(await service.invoke('opened:accept', { id: first.id, target: target() })).toEqual({ ok: true, value: null });
    expect((await service.invoke('opened:dismiss', { id: second.id })).ok).toBe(true);
    expect(await service.invoke('opened:get', undefined)).toEqual({ ok: true, value: null });
    expect(await service.invoke('opened:accept', { id: second.id, target: target() })).toEqual({ ok: true, value: null });
    expect(service.queue.summary().total).toBe(before);
    off();
  });
});
