// The application menu as a pure model (platform, packaging, queue → a plain tree) and the dispatcher its items call;
// main only renders it (electron/main/menu.ts), and the e2e harness presses items through the same dispatcher.
import { assertNever } from '../../../shared/assert-never';
import type { MenuCommand, UiView } from '../../../shared/ipc';
import type { QueueSummary } from '../../../shared/queue';
import type { AppService } from '../app-service';
import type { ConfirmPrompt } from './confirmations';
import { APP_TITLE } from './tray-model';

export type MenuAction =
  | { kind: 'add-files' }
  | { kind: 'add-folder' }
  | { kind: 'show-view'; view: UiView }
  | { kind: 'filter' }
  | { kind: 'pause-all' }
  | { kind: 'resume-all' }
  | { kind: 'cancel-all' }
  | { kind: 'retry-failed' }
  | { kind: 'sign-out' };

/** Electron's built-in items, rendered by Electron in each platform's words (Undo, Hide Others, Minimize…). */
export type MenuRole =
  | 'about'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'minimize'
  | 'zoom'
  | 'close'
  | 'front'
  | 'reload'
  | 'toggleDevTools'
  | 'togglefullscreen';

export type AppMenuNode =
  | { kind: 'submenu'; id: string; label: string; items: AppMenuNode[] }
  | { kind: 'action'; id: string; label: string; accelerator?: string; enabled: boolean; action: MenuAction }
  | { kind: 'role'; id: string; role: MenuRole }
  | { kind: 'separator' };

export interface AppMenuInput {
  platform: NodeJS.Platform;
  /** Packaged builds have no Reload and no DevTools. */
  packaged: boolean;
  signedIn: boolean;
  summary: QueueSummary | null;
}

const VIEWS: ReadonlyArray<{ view: UiView; label: string }> = [
  { view: 'queue', label: 'Queue' },
  { view: 'documents', label: 'Documents' },
  { view: 'settings', label: 'Settings' },
];

const sep: AppMenuNode = { kind: 'separator' };
const role = (r: MenuRole): AppMenuNode => ({ kind: 'role', id: r, role: r });
const act = (id: string, label: string, action: MenuAction, enabled: boolean, accelerator?: string): AppMenuNode => ({
  kind: 'action',
  id,
  label,
  enabled,
  action,
  ...(accelerator ? { accelerator } : {}),
});

function queueMenu(input: AppMenuInput): AppMenuNode {
  const s = input.summary;
  const unfinished = s?.tally.unfinished ?? 0;
  // Upload failures only: a stored file whose parse failed is reparsed, not uploaded again (engine retryFailed).
  const failed = s?.tally.uploadFailed ?? 0;
  const pausedQueue = s !== null && s.paused;
  return {
    kind: 'submenu',
    id: 'queue',
    label: 'Queue',
    items: [
      pausedQueue ? act('resume-all', 'Resume All', { kind: 'resume-all' }, input.signedIn) : act('pause-all', 'Pause All', { kind: 'pause-all' }, unfinished > 0),
      // Asks first in main's own box (the count and the destination).
      act('cancel-all', 'Cancel All…', { kind: 'cancel-all' }, unfinished > 0),
      // No question: a retry loses nothing, and each file can be cancelled again (the queue's own button asks none).
      act('retry-failed', 'Retry All Failed', { kind: 'retry-failed' }, input.signedIn && failed > 0),
    ],
  };
}

function viewMenu(input: AppMenuInput): AppMenuNode {
  return {
    kind: 'submenu',
    id: 'view',
    label: 'View',
    items: [
      ...VIEWS.map((v, i) => act(`view-${v.view}`, v.label, { kind: 'show-view', view: v.view }, true, `CmdOrCtrl+${i + 1}`)),
      sep,
      act('filter', 'Filter the Queue', { kind: 'filter' }, true, 'CmdOrCtrl+F'),
      sep,
      ...(input.packaged ? [] : [role('reload'), role('toggleDevTools'), sep]),
      role('togglefullscreen'),
    ],
  };
}

export function appMenu(input: AppMenuInput): AppMenuNode[] {
  const mac = input.platform === 'darwin';
  const settings = act('settings', mac ? 'Settings…' : 'Settings', { kind: 'show-view', view: 'settings' }, true, 'CmdOrCtrl+,');
  const adding = [
    act('add-files', 'Add Files…', { kind: 'add-files' }, input.signedIn, 'CmdOrCtrl+O'),
    act('add-folder', 'Add Folder…', { kind: 'add-folder' }, input.signedIn, 'Shift+CmdOrCtrl+O'),
  ];
  const queue = queueMenu(input);
  const view = viewMenu(input);
  const signOut = act('sign-out', 'Sign Out…', { kind: 'sign-out' }, input.signedIn);
  const edit: AppMenuNode = {
    kind: 'submenu',
    id: 'edit',
    label: 'Edit',
    items: [role('undo'), role('redo'), sep, role('cut'), role('copy'), role('paste'), role('selectAll')],
  };
  if (mac) {
    // macOS: the app menu holds About, Settings, Hide and Quit (Apple's Human Interface Guidelines).
    return [
      { kind: 'submenu', id: 'app', label: APP_TITLE, items: [role('about'), sep, settings, sep, signOut, sep, role('hide'), role('hideOthers'), role('unhide'), sep, role('quit')] },
      { kind: 'submenu', id: 'file', label: 'File', items: [...adding, sep, role('close')] },
      edit,
      view,
      queue,
      { kind: 'submenu', id: 'window', label: 'Window', items: [role('minimize'), role('zoom'), sep, role('front')] },
    ];
  }
  // Windows and Linux: File holds Settings, Sign out and Quit, as their apps do; no app menu.
  return [
    { kind: 'submenu', id: 'file', label: '&File', items: [...adding, sep, settings, sep, signOut, sep, role('quit')] },
    edit,
    view,
    queue,
    { kind: 'submenu', id: 'window', label: '&Window', items: [role('minimize'), role('close')] },
    { kind: 'submenu', id: 'help', label: '&Help', items: [role('about')] },
  ];
}

/** Every action item of the tree, depth first: for tests, and for finding an item by id or accelerator. */
export function menuActions(nodes: readonly AppMenuNode[]): Array<Extract<AppMenuNode, { kind: 'action' }>> {
  return nodes.flatMap((n) => (n.kind === 'action' ? [n] : n.kind === 'submenu' ? menuActions(n.items) : []));
}

export interface MenuDispatchDeps {
  /** Main's own file or folder dialog, then the queue, for the last target; false when there is no target yet. */
  addThroughDialog(kind: 'files' | 'folder'): Promise<boolean>;
  navigate(view: UiView): void;
  /** Tells the page to do what only it can (focus the filter). */
  command(command: MenuCommand): void;
  pause(): void;
  resume(): void;
  askCancelAll(): Promise<number>;
  /** The queue's own bulk retry (queue:retry-failed with no batch). */
  retryFailed(): void;
  signOut(): Promise<void>;
}

/** What each menu item does; main's menu and the e2e harness call this same function. */
export async function dispatchMenuAction(action: MenuAction, deps: MenuDispatchDeps): Promise<void> {
  switch (action.kind) {
    case 'add-files':
    case 'add-folder':
      // No target yet: the queue view is where one is chosen first.
      if (!(await deps.addThroughDialog(action.kind === 'add-files' ? 'files' : 'folder'))) deps.navigate('queue');
      return;
    case 'show-view':
      deps.navigate(action.view);
      return;
    case 'filter':
      deps.navigate('queue');
      deps.command('focus-filter');
      return;
    case 'pause-all':
      deps.pause();
      return;
    case 'resume-all':
      deps.resume();
      return;
    case 'cancel-all':
      await deps.askCancelAll();
      return;
    case 'retry-failed':
      deps.retryFailed();
      return;
    case 'sign-out':
      await deps.signOut();
      return;
    default:
      return assertNever(action, 'menu action');
  }
}

/** The dispatcher's deps over the app's services: main's menu and the e2e harness build it the same way. */
export function appMenuDeps(service: Pick<AppService, 'queue' | 'targets' | 'window' | 'auth' | 'log'>, confirm: (p: ConfirmPrompt) => Promise<boolean>): MenuDispatchDeps {
  return {
    async addThroughDialog(kind) {
      const target = service.targets.lastTarget();
      if (!target) return false;
      // The intake report reaches the page as the engine's intake event, as a drop's does.
      await service.queue.handlers['dialog:pick']({ kind, target });
      return true;
    },
    navigate: (view) => service.window.navigate(view),
    command: (command) => service.window.command(command),
    pause: () => service.queue.pause(),
    resume: () => service.queue.resume(),
    askCancelAll: () => service.queue.askCancelAll(confirm, (id) => service.auth.workspaces().find((w) => w.id === id)?.name ?? null),
    // What queue:retry-failed's handler runs for the page's "Retry all failed" (no batch: every failed upload).
    retryFailed: () => void service.queue.retryFailed(),
    async signOut() {
      // auth asks first (signOutPrompt); a No is an answer, not an error.
      await service.auth.signOut().catch((err: unknown) => service.log('info', `sign-out from the menu not done: ${err instanceof Error ? err.message : String(err)}`));
    },
  };
}
