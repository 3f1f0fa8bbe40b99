import { describe, expect, it, vi } from 'vitest';
import { appMenu, appMenuDeps, dispatchMenuAction, menuActions, type AppMenuInput, type AppMenuNode, type MenuDispatchDeps } from '../../../electron/core/desktop/app-menu';
import { summary } from './fixtures';

const base: AppMenuInput = { platform: 'linux', packaged: true, signedIn: true, summary: summary({ uploading: 2 }) };
const top = (nodes: AppMenuNode[]): string[] => nodes.map((n) => (n.kind === 'submenu' ? n.label : n.kind));
const roles = (nodes: AppMenuNode[]): string[] => nodes.flatMap((n) => (n.kind === 'role' ? [n.role] : n.kind === 'submenu' ? roles(n.items) : []));
const byId = (nodes: AppMenuNode[], id: string) => menuActions(nodes).find((a) => a.id === id);
const submenu = (nodes: AppMenuNode[], id: string): AppMenuNode[] => {
  const s = nodes.find((n) => n.kind === 'submenu' && n.id === id);
  return s?.kind === 'submenu' ? s.items : [];
};

describe('appMenu', () => {
  it('every item the issue names, with its accelerator', () => {
    const m = appMenu(base);
    const acc = Object.fromEntries(menuActions(m).map((a) => [a.id, a.accelerator ?? null]));
    expect(acc).toMatchObject({
      'add-files': 'CmdOrCtrl+O',
      'add-folder': 'Shift+CmdOrCtrl+O',
      'view-queue': 'CmdOrCtrl+1',
      'view-documents': 'CmdOrCtrl+2',
      'view-settings': 'CmdOrCtrl+3',
      settings: 'CmdOrCtrl+,',
      filter: 'CmdOrCtrl+F',
      'pause-all': null,
      'cancel-all': null,
      'retry-failed': null,
      'sign-out': null,
    });
    // One accelerator, one item.
    const accelerators = menuActions(m).flatMap((a) => (a.accelerator ? [a.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('macOS: the app menu holds About, Settings, Hide and Quit; no Help menu of its own', () => {
    const m = appMenu({ ...base, platform: 'darwin' });
    expect(top(m)).toEqual(['Raydocs Uploader', 'File', 'Edit', 'View', 'Queue', 'Window']);
    const app = submenu(m, 'app');
    expect(roles(app)).toEqual(['about', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(menuActions(app).map((a) => a.id)).toEqual(['settings', 'sign-out']);
    expect(byId(m, 'settings')?.label).toBe('Settings…');
  });

  it('Windows and Linux: File holds Settings, Sign out and Quit; Help holds About', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const m = appMenu({ ...base, platform });
      expect(top(m)).toEqual(['&File', 'Edit', 'View', 'Queue', '&Window', '&Help']);
      const file = submenu(m, 'file');
      expect(menuActions(file).map((a) => a.id)).toEqual(['add-files', 'add-folder', 'settings', 'sign-out']);
      expect(roles(file)).toEqual(['quit']);
      expect(roles(submenu(m, 'help'))).toEqual(['about']);
    }
  });

  it('Reload and DevTools only when not packaged', () => {
    expect(roles(appMenu(base))).not.toContain('toggleDevTools');
    expect(roles(appMenu(base))).not.toContain('reload');
    expect(roles(appMenu({ ...base, packaged: false }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(appMenu({ ...base, platform: 'darwin', packaged: true }))).not.toContain('toggleDevTools');
  });

  it('enabled flags follow the queue and the account; a paused queue offers Resume All', () => {
    const idle = appMenu({ ...base, summary: summary({ done: 3 }) });
    expect(byId(idle, 'pause-all')?.enabled).toBe(false);
    expect(byId(idle, 'cancel-all')?.enabled).toBe(false);
    const busy = appMenu(base);
    expect(byId(busy, 'pause-all')?.enabled).toBe(true);
    expect(byId(busy, 'cancel-all')?.enabled).toBe(true);
    const paused = appMenu({ ...base, summary: summary({ paused: 2 }, { paused: true }) });
    expect(byId(paused, 'pause-all')).toBeUndefined();
    expect(byId(paused, 'resume-all')?.enabled).toBe(true);
    const out = appMenu({ ...base, signedIn: false, summary: null });
    expect(byId(out, 'sign-out')?.enabled).toBe(false);
    expect(byId(out, 'add-files')?.enabled).toBe(false);
    expect(byId(out, 'view-settings')?.enabled).toBe(true);
  });

  it('Retry All Failed sits beside Pause All and Cancel All, enabled only while an upload failed', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const items = submenu(appMenu({ ...base, platform, summary: summary({ uploading: 1, failed: 2 }) }), 'queue');
      expect(menuActions(items).map((a) => [a.id, a.label, a.enabled])).toEqual([
        ['pause-all', 'Pause All', true],
        ['cancel-all', 'Cancel All…', true],
        ['retry-failed', 'Retry All Failed', true],
      ]);
    }
    expect(byId(appMenu(base), 'retry-failed')?.enabled).toBe(false);
    // Only failed uploads: a stored file whose parse failed is a document problem, which a retry does not upload again.
    const parseOnly = summary({ done: 3 });
    expect(byId(appMenu({ ...base, summary: { ...parseOnly, tally: { ...parseOnly.tally, documentProblems: 3 } } }), 'retry-failed')?.enabled).toBe(false);
    // Failed files and a paused queue: still offered (they wait for Resume like the rest).
    expect(byId(appMenu({ ...base, summary: summary({ failed: 1 }, { paused: true }) }), 'retry-failed')?.enabled).toBe(true);
    expect(byId(appMenu({ ...base, signedIn: false, summary: summary({ failed: 1 }) }), 'retry-failed')?.enabled).toBe(false);
  });
});

describe('appMenuDeps', () => {
  it("Retry All Failed runs the queue's own bulk retry for every batch (what queue:retry-failed with no batch does)", () => {
    const retryFailed = vi.fn((batchId?: string) => (batchId ? 1 : 4));
    const service = { queue: { retryFailed }, targets: {}, window: {}, auth: {}, log: () => undefined } as unknown as Parameters<typeof appMenuDeps>[0];
    appMenuDeps(service, async () => true).retryFailed();
    expect(retryFailed).toHaveBeenCalledTimes(1);
    expect(retryFailed).toHaveBeenCalledWith();
  });
});

describe('dispatchMenuAction', () => {
  const deps = (hasTarget = true): MenuDispatchDeps & { calls: string[] } => {
    const calls: string[] = [];
    return {
      calls,
      addThroughDialog: vi.fn(async (kind) => (calls.push(`add:${kind}`), hasTarget)),
      navigate: (v) => void calls.push(`navigate:${v}`),
      command: (c) => void calls.push(`command:${c}`),
      pause: () => void calls.push('pause'),
      resume: () => void calls.push('resume'),
      askCancelAll: async () => (calls.push('ask-cancel-all'), 0),
      retryFailed: () => void calls.push('retry-failed'),
      signOut: async () => void calls.push('sign-out'),
    };
  };

  it('each action reaches its service; Filter shows the queue and asks the page to focus the filter', async () => {
    const d = deps();
    for (const a of menuActions(appMenu(base))) await dispatchMenuAction(a.action, d);
    expect(d.calls).toEqual([
      'add:files',
      'add:folder',
      'navigate:settings',
      'sign-out',
      'navigate:queue',
      'navigate:documents',
      'navigate:settings',
      'navigate:queue',
      'command:focus-filter',
      'pause',
      'ask-cancel-all',
      'retry-failed',
    ]);
  });

  it('adding with no target yet shows the queue, where one is chosen', async () => {
    const d = deps(false);
    await dispatchMenuAction({ kind: 'add-folder' }, d);
    expect(d.calls).toEqual(['add:folder', 'navigate:queue']);
  });
});
