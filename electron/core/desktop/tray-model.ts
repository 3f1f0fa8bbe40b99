// What the tray icon, tooltip, menu, taskbar progress and badge show for a queue summary: a pure function Electron only renders.
import type { QueueItem, QueueSummary, Target } from '../../../shared/queue';
import { watchLine, type WatchView } from '../../../shared/watch';
import { byteProgress, localPending, plural } from './activity';
import type { TrayUpdate } from './update-policy';

export type TrayState = 'idle' | 'uploading' | 'offline' | 'attention';

export type TrayAction =
  | { kind: 'open-window' }
  | { kind: 'pause-all' }
  | { kind: 'resume-all' }
  | { kind: 'cancel-all' }
  | { kind: 'open-queue' }
  | { kind: 'reveal'; itemId: string }
  | { kind: 'sign-out' }
  | { kind: 'restart-to-update' }
  | { kind: 'quit' };

export type TrayMenuEntry =
  | { kind: 'action'; label: string; action: TrayAction; enabled: boolean }
  | { kind: 'label'; label: string }
  | { kind: 'separator' };

export interface FinishedFile {
  id: string;
  name: string;
}

export interface TrayInput {
  summary: QueueSummary | null;
  signedIn: boolean;
  target: Target | null;
  recentFinished: readonly FinishedFile[];
  /** A downloaded update (update-policy.ts's trayUpdate); absent or null: none. */
  update?: TrayUpdate | null;
  /** The watched folders: a line each (watching, N waiting, paused, folder missing) and its last file. */
  watches?: readonly WatchView[];
}

export interface TrayModel {
  state: TrayState;
  /** Base name of the icon file in resources/ (tray-<state>.png). */
  icon: `tray-${TrayState}`;
  tooltip: string;
  menu: TrayMenuEntry[];
  /** For BrowserWindow.setProgressBar: a fraction in [0, 1], or -1 to remove the bar. */
  progress: number;
  progressMode: 'normal' | 'paused' | 'error' | 'none';
  /** For app.setBadgeCount: files still to upload; 0 clears the badge. */
  badgeCount: number;
}

export const APP_TITLE = 'Raydocs Uploader';
export const RECENT_FINISHED_LIMIT = 5;

function stateOf(input: TrayInput): TrayState {
  const s = input.summary;
  if (!s) return input.signedIn ? 'idle' : 'attention';
  if (s.connectivity.state === 'signed-out' || (!input.signedIn && s.total > 0)) return 'attention';
  const pending = localPending(s);
  if (s.connectivity.state === 'offline' && pending > 0) return 'offline';
  if (pending > 0 && !s.paused) return 'uploading';
  if ((s.counts.failed ?? 0) > 0) return 'attention';
  return 'idle';
}

function tooltipFor(state: TrayState, input: TrayInput): string {
  const s = input.summary;
  if (!input.signedIn && (!s || s.connectivity.state !== 'signed-out')) return `${APP_TITLE}: signed out`;
  if (!s) return `${APP_TITLE}: idle`;
  const pending = localPending(s);
  const failed = s.counts.failed ?? 0;
  const extras: string[] = [];
  if (failed > 0) extras.push(`${failed} failed`);
  if (input.update) extras.push('update ready');
  const tail = extras.length > 0 ? ` (${extras.join(', ')})` : '';
  switch (state) {
    case 'uploading': {
      const p = byteProgress(s);
      const pct = p === null ? '' : `, ${Math.floor(p * 100)}%`;
      return `${APP_TITLE}: uploading ${plural(pending, 'file')}${pct}${tail}`;
    }
    case 'offline':
      return `${APP_TITLE}: waiting for the network, ${plural(pending, 'file')} to go${tail}`;
    case 'attention':
      if (s.connectivity.state === 'signed-out' || !input.signedIn) return `${APP_TITLE}: signed out, sign in to continue${tail}`;
      return `${APP_TITLE}: ${plural(failed, 'file')} need${failed === 1 ? 's' : ''} attention`;
    case 'idle':
      if (s.paused && pending > 0) return `${APP_TITLE}: paused, ${plural(pending, 'file')} waiting${tail}`;
      return `${APP_TITLE}: idle${tail}`;
  }
}

function targetLabel(target: Target | null): string {
  if (!target) return 'No target session chosen';
  switch (target.kind) {
    case 'session':
      return `Target: ${target.sessionName || target.sessionId}`;
    case 'session-per-file':
      return `Target: one session per file (${target.templateName})`;
  }
}

/** The middle of the tray menu: watched folders, recently finished files, failures and a waiting update. */
function statusEntries(input: TrayInput): TrayMenuEntry[] {
  const out: TrayMenuEntry[] = [];
  if (input.watches?.length) {
    out.push({ kind: 'separator' });
    out.push({ kind: 'label', label: 'Watched folders' });
    for (const w of input.watches) {
      out.push({ kind: 'label', label: watchLine(w) });
      if (w.lastFile) out.push({ kind: 'label', label: `   last: ${w.lastFile.name}` });
    }
  }
  if (input.recentFinished.length > 0) {
    out.push({ kind: 'separator' });
    out.push({ kind: 'label', label: 'Recently finished' });
    for (const f of input.recentFinished.slice(-RECENT_FINISHED_LIMIT).reverse()) {
      out.push({ kind: 'action', label: f.name, action: { kind: 'reveal', itemId: f.id }, enabled: true });
    }
  }
  if ((input.summary?.counts.failed ?? 0) > 0) {
    out.push({ kind: 'action', label: `Show ${plural(input.summary?.counts.failed ?? 0, 'failed file')}`, action: { kind: 'open-queue' }, enabled: true });
  }
  if (input.update) {
    out.push({ kind: 'separator' });
    out.push({ kind: 'label', label: `Update ready: version ${input.update.version}` });
    // Offered, never done for the user: with uploads in flight it waits (it also installs at the next quit when idle).
    const label = input.update.canRestart ? 'Restart now to update' : 'Restart to update (after uploads finish)';
    out.push({ kind: 'action', label, action: { kind: 'restart-to-update' }, enabled: input.update.canRestart });
  }
  return out;
}

export function trayModel(input: TrayInput): TrayModel {
  const state = stateOf(input);
  const s = input.summary;
  const pending = s ? localPending(s) : 0;
  const menu: TrayMenuEntry[] = [{ kind: 'action', label: `Open ${APP_TITLE}`, action: { kind: 'open-window' }, enabled: true }];
  menu.push({ kind: 'separator' });
  const pausedItems = s ? (s.counts.paused ?? 0) : 0;
  if (s && (s.paused || (pausedItems > 0 && pending === 0))) {
    menu.push({ kind: 'action', label: 'Resume all', action: { kind: 'resume-all' }, enabled: input.signedIn });
  } else {
    menu.push({ kind: 'action', label: 'Pause all', action: { kind: 'pause-all' }, enabled: pending > 0 });
  }
  // Asks first (main's box names the count and where they go), hence the ellipsis.
  menu.push({ kind: 'action', label: 'Cancel all…', action: { kind: 'cancel-all' }, enabled: (s?.tally.unfinished ?? 0) > 0 });
  menu.push({ kind: 'separator' });
  menu.push({ kind: 'label', label: targetLabel(input.target) });
  menu.push(...statusEntries(input));
  menu.push({ kind: 'separator' });
  menu.push({ kind: 'action', label: 'Sign out', action: { kind: 'sign-out' }, enabled: input.signedIn });
  menu.push({ kind: 'action', label: `Quit ${APP_TITLE}`, action: { kind: 'quit' }, enabled: true });

  const fraction = s ? byteProgress(s) : null;
  const showBar = s !== null && pending > 0 && fraction !== null;
  const progressMode: TrayModel['progressMode'] = !showBar
    ? 'none'
    : state === 'offline' || s.paused
      ? 'paused'
      : state === 'attention'
        ? 'error'
        : 'normal';
  return {
    state,
    icon: `tray-${state}`,
    tooltip: tooltipFor(state, input),
    menu,
    progress: showBar ? fraction : -1,
    progressMode,
    badgeCount: pending,
  };
}

/** Keeps the last few files that finished (for the tray menu), oldest first, each once. */
export function noteFinished(prev: readonly FinishedFile[], items: readonly QueueItem[], limit = RECENT_FINISHED_LIMIT): FinishedFile[] {
  const seen = new Set(prev.map((f) => f.id));
  const next = [...prev];
  for (const item of items) {
    if (item.state.status === 'done' && !seen.has(item.id)) {
      seen.add(item.id);
      next.push({ id: item.id, name: item.name });
    }
  }
  return next.slice(-limit);
}

/** Drops removed items from the list. */
export function forgetFinished(prev: readonly FinishedFile[], removedIds: readonly string[]): FinishedFile[] {
  const gone = new Set(removedIds);
  return prev.filter((f) => !gone.has(f.id));
}
