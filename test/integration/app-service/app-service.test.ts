// The app service end to end against the emulator: sign-in, targets, a full upload, the shell hooks, and no token anywhere on disk.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppService, type AppService, type DesktopShell } from '../../../electron/core/app-service';
import { createJsonSettingsStore } from '../../../electron/core/desktop/settings-store';
import { createMemoryStore, KeychainUnavailableError, type SecretStore } from '../../../electron/core/secret-store';
import type { IpcEventName, IpcEvents } from '../../../shared/ipc';
import { isTerminal } from '../../../shared/queue';
import { defaultAutoParse, startEmulator, type RunningEmulator } from '../../emulator/index';
import { writeFile } from '../../fixtures/make-files';

let emu: RunningEmulator;
const dirs: string[] = [];
const tmp = (label: string): string => {
  const d = mkdtempSync(join(tmpdir(), `raydocs-app-${label}-`));
  dirs.push(d);
  return d;
};

interface FakeShell extends DesktopShell {
  revealed: string[];
  opened: string[];
}
function fakeShell(picks: string[] = []): FakeShell {
  const s: FakeShell = {
    revealed: [],
    opened: [],
    reveal: async (p) => void s.revealed.push(p),
    openExternal: async (u) => void s.opened.push(u),
    pickPaths: async () => picks,
    confirm: async () => true,
    chooseSaveTarget: async () => null,
  };
  return s;
}

async function makeService(secretStore: SecretStore, userDataDir = tmp('data'), shell = fakeShell()) {
  const events: Array<{ event: IpcEventName; payload: unknown; at: number }> = [];
  const service = await createAppService({
    secretStore,
    userDataDir,
    settings: createJsonSettingsStore(userDataDir),
    apiBaseUrl: emu.url,
    shell,
    engineOptions: { pollIntervalMs: { initial: 50, max: 200 }, retry: { baseMs: 20, capMs: 200 } },
  });
  service.onEvent((event, payload) => events.push({ event, payload, at: Date.now() }));
  return { service, events, shell, userDataDir };
}

async function waitUntil<T>(fn: () => Promise<T | null>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

beforeAll(async () => {
  emu = await startEmulator({ parsing: { stepMs: 30 } });
});
afterAll(async () => {
  await emu?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('app service against the emulator', () => {
  let app: Awaited<ReturnType<typeof makeService>>;
  let service: AppService;
  const ws = () => emu.seed.workspaces[0]!;

  beforeAll(async () => {
    app = await makeService(createMemoryStore());
    service = app.service;
  });
  afterAll(async () => service.close());

  it('starts signed out with the OS keychain', async () => {
    expect(await service.invoke('auth:status', undefined)).toEqual({ ok: true, value: { state: 'signed-out', keychain: { kind: 'os' }, apiHost: new URL(emu.url).host } });
  });

  it('refuses a bad token with a clear error and stays signed out', async () => {
    const r = await service.invoke('auth:sign-in', { token: 'not-a-real-token-123' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('refused this token') } });
    expect(service.auth.signedIn()).toBe(false);
  });

  it('signs in, listing workspaces by name; no answer or event carries the token', async () => {
    const r = await service.invoke('auth:sign-in', { token: emu.token });
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.state !== 'signed-in') throw new Error('not signed in');
    expect(r.value.workspaces.map((w) => w.name)).toContain(ws().name);
    expect(r.value.demo).toBe(false);
    expect(JSON.stringify(r)).not.toContain(emu.token);
    expect(JSON.stringify(await service.invoke('auth:status', null))).not.toContain(emu.token);
    expect(app.events.some((e) => e.event === 'auth:changed')).toBe(true);
  });

  it('pages templates for the picker the same whichever way the server paginates', async () => {
    const legal = emu.seed.workspaces.find((w) => w.templates.length > 15)!;
    try {
      for (const variants of [[], ['simple-pagination'], ['cursor-pagination']] as const) {
        emu.setVariants([...variants]);
        const first = await service.invoke('templates:list', { workspaceId: legal.id, page: 1 });
        const second = await service.invoke('templates:list', { workspaceId: legal.id, page: 2 });
        if (!first.ok || !second.ok) throw new Error(`${variants.join()}: ${JSON.stringify([first, second])}`);
        expect(first.value.meta, variants.join()).toMatchObject({ current_page: 1, last_page: 2, total: legal.templates.length });
        expect([...first.value.data, ...second.value.data].map((t) => t.id).sort()).toEqual(legal.templates.map((t) => t.id).sort());
      }
    } finally {
      emu.setVariants([]);
    }
  });

  it('lists templates, creates a session, opens it by dashboard link and remembers it', async () => {
    const templates = await service.invoke('templates:list', { workspaceId: ws().id, page: 1 });
    if (!templates.ok) throw new Error(templates.error.message);
    const template = templates.value.data[0]!;
    const created = await service.invoke('sessions:create', { workspaceId: ws().id, templateId: template.id, name: 'Desktop test' });
    if (!created.ok) throw new Error(created.error.message);
    const opened = await service.invoke('sessions:open', {
      workspaceId: ws().id,
      input: `https://app.raydocs.com/workspaces/${ws().id}/extractions/sessions/${created.value.id}`,
    });
    expect(opened).toMatchObject({ ok: true, value: { id: created.value.id, name: 'Desktop test', workspaceId: ws().id, error: null } });
    const recent = await service.invoke('sessions:recent', { workspaceId: ws().id });
    expect(recent.ok && recent.value.map((s) => s.id)).toContain(created.value.id);
    const bad = await service.invoke('sessions:open', { workspaceId: ws().id, input: 'hello' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it("a session opened by ID is filed under its template's workspace, not the one selected", async () => {
    const legal = emu.seed.workspaces[1]!;
    const nda = legal.sessions[0]!;
    expect(legal.id).not.toBe(ws().id);
    const opened = await service.invoke('sessions:open', { workspaceId: ws().id, input: nda.id });
    expect(opened).toMatchObject({ ok: true, value: { id: nda.id, workspaceId: legal.id } });
    const here = await service.invoke('sessions:recent', { workspaceId: ws().id });
    expect(here.ok && here.value.map((s) => s.id)).not.toContain(nda.id);
    const there = await service.invoke('sessions:recent', { workspaceId: legal.id });
    expect(there.ok && there.value.map((s) => s.id)).toContain(nda.id);
  });

  it("the page's chosen target becomes the menu's and the tray's before any file is queued, without marking a session used", async () => {
    const before = await service.invoke('sessions:recent', { workspaceId: ws().id });
    if (!before.ok) throw new Error(before.error.message);
    const t = ws().templates[0]!;
    const perFile = { kind: 'session-per-file' as const, workspaceId: ws().id, templateId: t.id, templateName: t.name, autoExtract: false };
    expect(await service.invoke('targets:choose', { target: perFile })).toEqual({ ok: true, value: undefined });
    expect(service.targets.lastTarget()).toEqual(perFile);
    const s = before.value[0]!;
    const session = { kind: 'session' as const, workspaceId: ws().id, sessionId: s.id, sessionName: s.name };
    await service.invoke('targets:choose', { target: session });
    expect(service.targets.lastTarget()).toEqual(session);
    const after = await service.invoke('sessions:recent', { workspaceId: ws().id });
    expect(after.ok && after.value.map((r) => [r.id, r.lastUsedAt])).toEqual(before.value.map((r) => [r.id, r.lastUsedAt]));
  });

  it('uploads a batch through the engine, batched events reach the listener, and the session holds the documents', async () => {
    const recent = await service.invoke('sessions:recent', { workspaceId: ws().id });
    if (!recent.ok) throw new Error(recent.error.message);
    const session = recent.value.find((s) => s.name === 'Desktop test')!;
    const dir = tmp('files');
    const paths = [writeFile(join(dir, 'a.pdf'), 'pdf'), writeFile(join(dir, 'b.png'), 'png'), writeFile(join(dir, 'fake.pdf'), 'exe')];
    const target = { kind: 'session' as const, workspaceId: ws().id, sessionId: session.id, sessionName: session.name };
    const added = await service.invoke('queue:add', { paths, target });
    expect(added).toMatchObject({ ok: true, value: { accepted: 2, refused: [{ path: paths[2] }] } });
    expect(service.targets.lastTarget()).toEqual(target);

    const items = await waitUntil(async () => {
      const s = await service.invoke('queue:snapshot', undefined);
      if (!s.ok) throw new Error(s.error.message);
      return s.value.items.length === 2 && s.value.items.every((i) => isTerminal(i.state)) ? s.value.items : null;
    });
    expect(items.map((i) => i.state.status)).toEqual(['done', 'done']);
    const docs = await service.invoke('sessions:documents', { sessionId: session.id });
    // The session-upload endpoint names documents after their storage key, so compare content hashes.
    const shas = items.map((i) => (i.state.status === 'done' ? i.state.sha256 : '')).sort();
    expect(docs.ok && docs.value.map((d) => d.sha256).sort()).toEqual(shas);

    await waitUntil(async () => (app.events.some((e) => e.event === 'queue:events' && JSON.stringify(e.payload).includes('batch-finished')) ? true : null));
    const queueMsgs = app.events.filter((e) => e.event === 'queue:events');
    for (let i = 1; i < queueMsgs.length; i++) expect(queueMsgs[i]!.at - queueMsgs[i - 1]!.at).toBeGreaterThanOrEqual(90);

    const revealed = await service.invoke('shell:reveal', { itemId: items[0]!.id });
    expect(revealed).toEqual({ ok: true, value: undefined });
    expect(app.shell.revealed).toEqual([items[0]!.path]);
  });

  it('reparses a session document with the config hash of its parsing; before any run it says parsing starts with one', async () => {
    const recent = await service.invoke('sessions:recent', { workspaceId: ws().id });
    if (!recent.ok) throw new Error(recent.error.message);
    const session = recent.value.find((s) => s.name === 'Desktop test')!;
    const stored = await service.invoke('sessions:documents', { sessionId: session.id });
    if (!stored.ok) throw new Error(stored.error.message);
    if (!defaultAutoParse()) {
      expect(stored.value[0]).toMatchObject({ status: 'uploaded', parsings: [] });
      const early = await service.invoke('documents:reparse', { workspaceId: ws().id, sessionId: session.id, documentId: stored.value[0]!.id });
      expect(early).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/parsing starts when an extraction runs\. Choose Run extraction/) } });
    }
    const run = await service.invoke('results:run', { sessionId: session.id });
    if (!run.ok) throw new Error(run.error.message);
    let doc = stored.value[0]!;
    for (let i = 0; i < 200 && !doc.parsings.some((p) => p.status === 'ready'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      const docs = await service.invoke('sessions:documents', { sessionId: session.id });
      if (!docs.ok) throw new Error(docs.error.message);
      doc = docs.value[0]!;
    }
    // Main keeps the run's config hash (its parsings may show another form: cfg-config-hash); the window sees the run.
    expect(run.value).toMatchObject({ sessionId: session.id, resultId: expect.any(String) });
    const r = await service.invoke('documents:reparse', { workspaceId: ws().id, sessionId: session.id, documentId: doc.id });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value?.parsings).toHaveLength(1);
    expect(r.value?.parsings[0]!.status).not.toMatch(/^(ready|processed|failed)$/);
    const sent = emu.inspect().requests.filter((q) => q.method === 'POST' && q.path === `/workspaces/${ws().id}/documents/${doc.id}/reparse`);
    expect(sent.map((q) => q.status)).toEqual([202]);
  });

  it("a document stored after the session's run is reparsed with the hash of the session's results", async () => {
    // A fresh service knows no run of its own: the hash comes from GET …/results.
    const other = await makeService(createMemoryStore());
    try {
      expect((await other.service.invoke('auth:sign-in', { token: emu.token })).ok).toBe(true);
      const recent = await service.invoke('sessions:recent', { workspaceId: ws().id });
      if (!recent.ok) throw new Error(recent.error.message);
      const session = recent.value.find((s) => s.name === 'Desktop test')!;
      const dir = tmp('later');
      const target = { kind: 'session' as const, workspaceId: ws().id, sessionId: session.id, sessionName: session.name };
      const added = await other.service.invoke('queue:add', { paths: [writeFile(join(dir, 'later.pdf'), 'pdf')], target });
      expect(added).toMatchObject({ ok: true, value: { accepted: 1 } });
      const item = await waitUntil(async () => {
        const snap = await other.service.invoke('queue:snapshot', undefined);
        const it = snap.ok ? snap.value.items[0] : undefined;
        return it && it.state.status === 'done' ? it.state : null;
      });
      if (item.status !== 'done') throw new Error('not stored');
      const r = await other.service.invoke('documents:reparse', { workspaceId: ws().id, sessionId: session.id, documentId: item.documentId });
      if (emu.getVariants().includes('cfg-config-hash')) {
        // Results show only cfg_ hashes there, and this service saw no run answer: nothing is sent, the words say why.
        expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('Choose Run extraction') } });
        return;
      }
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value?.parsings).toHaveLength(1);
    } finally {
      await other.service.close();
    }
  });

  it('opens only allow-listed links', async () => {
    expect(await service.invoke('shell:open-external', { url: 'https://docs.raydocs.com/uploader' })).toEqual({ ok: true, value: undefined });
    expect(await service.invoke('shell:open-external', { url: 'https://evil.example/' })).toMatchObject({ ok: false, error: { code: 'forbidden-url' } });
    expect(await service.invoke('shell:open-external', { url: 'http://app.raydocs.com/' })).toMatchObject({ ok: false, error: { code: 'forbidden-url' } });
    expect(app.shell.opened).toEqual(['https://docs.raydocs.com/uploader']);
  });

  it('settings persist and reach the listener; malformed payloads are refused by every path', async () => {
    const r = await service.invoke('settings:set', { concurrency: 2, notifications: false });
    expect(r).toMatchObject({ ok: true, value: { concurrency: 2, notifications: false } });
    expect(app.events.some((e) => e.event === 'settings:changed')).toBe(true);
    expect(await service.invoke('settings:set', { concurrency: 'fast' })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await service.invoke('ui:view', { view: 'settings' })).toEqual({ ok: true, value: undefined });
    expect(service.window.currentView()).toBe('settings');
  });

  it('after the full run, the token is nowhere in the user-data folder, the journal or the logs', async () => {
    await service.invoke('auth:sign-out', undefined);
    await service.close();
    const files = filesUnder(app.userDataDir);
    expect(files.some((f) => f.includes('journal'))).toBe(true);
    expect(files.some((f) => f.endsWith('main.log'))).toBe(true);
    for (const f of files) {
      expect(readFileSync(f).includes(Buffer.from(emu.token)), f).toBe(false);
    }
    const log = readFileSync(join(app.userDataDir, 'logs', 'main.log'), 'utf8');
    expect(log).toContain('signed in');
    expect(JSON.stringify(app.events)).not.toContain(emu.token);
  });
});

describe('without an OS keychain', () => {
  const broken = (): SecretStore & { sets: number } => {
    const err = () => new KeychainUnavailableError('get', 'no D-Bus session', 'Install gnome-keyring.');
    const s = {
      sets: 0,
      get: async () => Promise.reject(err()),
      set: async () => {
        s.sets++;
        return Promise.reject(err());
      },
      delete: async () => Promise.reject(err()),
    };
    return s;
  };

  it('says so with what to install, offers memory-only, and never writes the token to disk', async () => {
    const store = broken();
    const { service, userDataDir } = await makeService(store);
    try {
      const status = await service.invoke('auth:status', undefined);
      expect(status).toMatchObject({ ok: true, value: { state: 'signed-out', keychain: { kind: 'unavailable', message: expect.stringContaining('gnome-keyring') } } });
      const refused = await service.invoke('auth:sign-in', { token: emu.token });
      expect(refused).toMatchObject({ ok: false, error: { code: 'keychain-unavailable', message: expect.stringContaining('memory for this run only') } });
      expect(service.auth.signedIn()).toBe(false);
      const ok = await service.invoke('auth:sign-in', { token: emu.token, memoryOnly: true });
      expect(ok).toMatchObject({ ok: true, value: { state: 'signed-in', keychain: { kind: 'memory-only' } } });
      expect(store.sets).toBe(1);
      const ws = await service.invoke('workspaces:list', undefined);
      expect(ws.ok).toBe(true);
      // Signing out forgets the in-memory token and reports the keychain as it really is.
      const out = await service.invoke('auth:sign-out', undefined);
      expect(out).toMatchObject({ ok: true, value: { state: 'signed-out', keychain: { kind: 'unavailable' } } });
      expect(await service.invoke('workspaces:list', undefined)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    } finally {
      await service.close();
    }
    for (const f of filesUnder(userDataDir)) expect(readFileSync(f).includes(Buffer.from(emu.token)), f).toBe(false);
  });

  it('demo mode signs in with the given token in memory and says demo', async () => {
    const userDataDir = tmp('demo');
    const service = await createAppService({
      secretStore: broken(),
      userDataDir,
      settings: createJsonSettingsStore(userDataDir),
      apiBaseUrl: emu.url,
      demo: true,
      demoToken: emu.token,
      shell: fakeShell(),
    });
    try {
      const status = await waitUntil(async () => {
        const s = await service.invoke('auth:status', undefined);
        return s.ok && s.value.state === 'signed-in' && s.value.workspaces.length > 0 ? s.value : null;
      });
      expect(status).toMatchObject({ state: 'signed-in', demo: true, keychain: { kind: 'memory-only' } });
      expect(JSON.stringify(status)).not.toContain(emu.token);
    } finally {
      await service.close();
    }
  });
});

// Keeps the IpcEvents import honest: the listener signature is the contract's.
export type _Events = IpcEvents;
