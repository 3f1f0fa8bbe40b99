// Watched folders through the app service: main's dialog picks the folder, files landing there are stored once, the
// window hears the states without the path, one notification per quiet period, and the watch survives a restart.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppService, type AppService, type DesktopShell } from '../../../electron/core/app-service';
import { createJsonSettingsStore } from '../../../electron/core/desktop/settings-store';
import { createMemoryStore } from '../../../electron/core/secret-store';
import type { WatchQuiet } from '../../../electron/core/services/watch-service';
import type { Target } from '../../../shared/queue';
import type { WatchView } from '../../../shared/watch';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { fileBytes } from '../../fixtures/make-files';
import { createFakeClock, driveClock } from '../../support/fake-clock';

let emu: RunningEmulator;
const dirs: string[] = [];
const tmp = (label: string) => {
  const d = mkdtempSync(join(tmpdir(), `raydocs-watches-${label}-`));
  dirs.push(d);
  return d;
};

async function until(pred: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function start(userDataDir: string, picks: string[]) {
  const secretStore = createMemoryStore(emu.token);
  const shell: DesktopShell = { reveal: async () => undefined, openExternal: async () => undefined, pickPaths: async () => picks, confirm: async () => true, chooseSaveTarget: async () => null };
  const clock = createFakeClock();
  const service: AppService = await createAppService({ secretStore, userDataDir, settings: createJsonSettingsStore(userDataDir), apiBaseUrl: emu.url, shell, engineOptions: { clock } });
  const busy = new Set(['hashing', 'checking', 'uploading']);
  // The settle, the quiet period and the engine's waits jump ahead whenever no file is being read or sent.
  const stopClock = driveClock(clock, () => service.queue.items().every((i) => !busy.has(i.state.status)));
  const views: WatchView[][] = [];
  const quiet: WatchQuiet[] = [];
  service.onEvent((event, payload) => {
    if (event === 'watches:changed') views.push(payload as WatchView[]);
  });
  service.watches.onQuiet((q) => quiet.push(q));
  return {
    service,
    views,
    quiet,
    last: () => views.at(-1) ?? [],
    close: async () => {
      stopClock();
      await service.close();
    },
  };
}

const attachCounts = (sessionId: string) => emu.inspect().attachments.filter((a) => a.sessionId === sessionId).map((a) => a.count + a.duplicates);

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } });
});
afterAll(async () => {
  await emu?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('watched folders in the app', () => {
  it('adds a watch through main, stores what lands once, notifies once per quiet period, and survives a restart', { timeout: 60_000 }, async () => {
    const data = tmp('data');
    const folder = join(tmp('scans'), 'Scans');
    mkdirSync(folder);
    const ws = emu.seed.workspaces[0]!;
    const app = await start(data, [folder]);
    const session = await app.service.invoke('sessions:create', { workspaceId: ws.id, templateId: ws.templates[0]!.id, name: 'Scanner inbox' });
    if (!session.ok) throw new Error(session.error.message);
    const target: Target = { kind: 'session', workspaceId: ws.id, sessionId: session.value.id, sessionName: 'Scanner inbox' };
    const added = await app.service.invoke('watches:add', { target, options: { recursive: false, after: 'leave', settleMs: 2000 } });
    expect(added.ok && added.value).toEqual([expect.objectContaining({ folderName: 'Scans', target, state: 'starting' })]);
    // The window never learns the folder's path.
    expect(JSON.stringify(added)).not.toContain(folder);

    await until(() => app.last()[0]?.state === 'watching', 10_000, 'watching');
    for (let i = 0; i < 3; i++) writeFileSync(join(folder, `scan-${i}.pdf`), fileBytes('pdf', `scan ${i}`));
    await until(() => app.last()[0]?.stored === 3, 30_000, 'three stored');
    expect(app.last()[0]).toMatchObject({ waiting: 0, lastFile: { name: expect.stringMatching(/^scan-\d\.pdf$/) } });
    await until(() => app.quiet.length > 0, 20_000, 'the quiet-period notification');
    expect(app.quiet).toEqual([{ folderName: 'Scans', target, stored: 3 }]);
    expect(attachCounts(target.sessionId)).toEqual([1, 1, 1]);
    expect(JSON.stringify(app.views)).not.toContain(folder);
    await app.close();

    // Started again: the watch is still there and watching; what was stored is not sent again.
    const again = await start(data, []);
    const listed = await again.service.invoke('watches:list', undefined);
    expect(listed.ok && listed.value.map((w) => w.folderName)).toEqual(['Scans']);
    await until(() => again.last()[0]?.state === 'watching', 10_000, 'watching after the restart');
    writeFileSync(join(folder, 'later.pdf'), fileBytes('pdf', 'later'));
    await until(() => again.last()[0]?.stored === 1, 30_000, 'the new file stored');
    expect(attachCounts(target.sessionId)).toEqual([1, 1, 1, 1]);

    // Pause stops taking files; resume takes what arrived meanwhile; remove forgets the watch and its index.
    const id = again.last()[0]!.id;
    expect((await again.service.invoke('watches:pause', { id })).ok).toBe(true);
    await until(() => again.last()[0]?.state === 'paused', 5_000, 'paused');
    writeFileSync(join(folder, 'while-paused.pdf'), fileBytes('pdf', 'while paused'));
    expect((await again.service.invoke('watches:resume', { id })).ok).toBe(true);
    await until(() => again.last()[0]?.stored === 2, 30_000, 'the file from the pause stored');
    expect((await again.service.invoke('watches:remove', { id })).ok).toBe(true);
    await until(() => again.last().length === 0, 5_000, 'removed');
    expect(existsSync(join(data, 'watch', `${id}.jsonl`))).toBe(false);
    const gone = await again.service.invoke('watches:pause', { id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await again.close();
  });

  it('the same folder twice is refused in words, and a cancelled dialog adds nothing', async () => {
    const data = tmp('data');
    const folder = tmp('twice');
    const ws = emu.seed.workspaces[0]!;
    const target: Target = { kind: 'session-per-file', workspaceId: ws.id, templateId: ws.templates[0]!.id, templateName: 'Invoices', autoExtract: true };
    const options = { recursive: true, after: 'move' as const, settleMs: 2000 };
    const app = await start(data, [folder]);
    expect((await app.service.invoke('watches:add', { target, options })).ok).toBe(true);
    const twice = await app.service.invoke('watches:add', { target, options });
    expect(twice).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('is already watched') } });
    await app.close();
    const none = await start(tmp('data'), []);
    expect(await none.service.invoke('watches:add', { target, options })).toEqual({ ok: true, value: [] });
    await none.close();
  });
});
