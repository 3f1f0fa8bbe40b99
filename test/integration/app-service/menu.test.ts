// The application menu's dispatcher over the real app service (the e2e harness's `menu` hook): Add Folder goes through
// main's folder dialog to the last target and the page hears the intake; Cancel All asks with the count first.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent, Target } from '../../../shared/queue';
import { startHarness, type Harness } from '../../e2e/harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

function folderOf(h: Harness, name: string, n: number): string {
  const dir = join(h.filesDir, name);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `scan-${i}.pdf`), `%PDF-1.7\n${name} ${i}\n%%EOF\n`);
  return dir;
}

describe('application menu over the app service', () => {
  it('Add Folder (⇧⌘O) queues the dialog’s folder for the last target; Cancel All asks with the count and destination', async () => {
    h = await startHarness();
    const ws = h.emu.seed.workspaces[0]!;
    const created = await h.service.invoke('sessions:create', { workspaceId: ws.id, templateId: ws.templates[0]!.id, name: 'March invoices' });
    if (!created.ok) throw new Error(created.error.message);
    const target: Target = { kind: 'session', workspaceId: ws.id, sessionId: created.value.id, sessionName: 'March invoices' };
    h.service.queue.pause();

    // No target yet: the window is sent to the queue, where one is chosen; nothing is asked of the dialog.
    const heard: Array<[string, unknown]> = [];
    const off = h.service.onEvent((name, payload) => void heard.push([name, payload]));
    h.picks.folder = [folderOf(h, 'first', 1)];
    await h.menu({ kind: 'add-folder' });
    expect(h.service.queue.items()).toHaveLength(0);
    expect(heard).toContainEqual(['navigate', { view: 'queue' }]);

    await h.service.queue.add([folderOf(h, 'dropped', 1)], target, 'drop');
    h.picks.folder = [folderOf(h, 'scans', 3)];
    await h.menu({ kind: 'add-folder' });
    expect(h.service.queue.items()).toHaveLength(4);
    expect(h.service.queue.items().filter((i) => i.origin === 'dialog')).toHaveLength(3);
    await expect.poll(() => heard.some(([name, p]) => name === 'queue:events' && (p as EngineEvent[]).some((e) => e.type === 'intake' && e.report.accepted === 3))).toBe(true);

    h.shell.answer = false;
    await h.menu({ kind: 'cancel-all' });
    expect(h.shell.asked.at(-1)?.message).toBe(`Cancel 4 files going to March invoices · ${ws.name}?`);
    expect(h.service.queue.items().every((i) => i.state.status === 'paused')).toBe(true);
    h.shell.answer = true;
    await h.menu({ kind: 'cancel-all' });
    expect(h.service.queue.items().every((i) => i.state.status === 'cancelled')).toBe(true);

    await h.menu({ kind: 'filter' });
    expect(heard).toContainEqual(['menu:command', { command: 'focus-filter' }]);
    off();
  }, 60_000);
});
