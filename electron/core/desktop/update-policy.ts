// When the app checks for, downloads and installs an update: a pure model that electron/main/updater.ts only carries out.
import { assertNever } from '../../../shared/assert-never';
import type { QueueSummary } from '../../../shared/queue';
import type { UpdateView } from '../../../shared/update';
import { localPending } from './activity';

export type UpdateDisabledReason = 'not-packaged' | 'demo';

export type UpdateState =
  | { kind: 'disabled'; reason: UpdateDisabledReason }
  | { kind: 'idle'; lastCheckedAt: number | null }
  | { kind: 'checking'; startedAt: number }
  | { kind: 'available'; version: string }
  | { kind: 'downloading'; version: string; percent: number }
  | { kind: 'ready'; version: string }
  | { kind: 'failed'; at: number; message: string };

/** What electron-updater reported, in our words. */
export type UpdaterEvent =
  | { type: 'check-started'; at: number }
  | { type: 'available'; version: string }
  | { type: 'not-available'; at: number }
  /** checkForUpdates settled: a check that reported nothing counts as "no update" (it must not block the next one). */
  | { type: 'check-finished'; at: number }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; at: number; message: string };

/** Work that a restart would interrupt. The app has no folder watches today, so main passes 0 for them. */
export interface UpdateActivity {
  uploads: number;
  watches: number;
  online: boolean;
}

export type InstallTrigger = 'quit' | 'restart-now';

export type InstallDecision =
  | { kind: 'install'; version: string; relaunch: boolean }
  | { kind: 'wait'; reason: 'busy'; uploads: number; watches: number }
  | { kind: 'nothing-to-install' };

/** Not at launch: the first minute belongs to the user's own work (resuming the journal, signing in). */
export const FIRST_CHECK_DELAY_MS = 60_000;
export const CHECK_INTERVAL_MS = 6 * 60 * 60_000;
/** A failed check (offline, server down) is tried again sooner than the regular interval, but never in a loop. */
export const RETRY_AFTER_FAILURE_MS = 60 * 60_000;

export function initialUpdateState(env: { packaged: boolean; demo: boolean }): UpdateState {
  // electron-updater refuses to run unpackaged (there is no app-update.yml); a demo never installs anything.
  if (!env.packaged) return { kind: 'disabled', reason: 'not-packaged' };
  if (env.demo) return { kind: 'disabled', reason: 'demo' };
  return { kind: 'idle', lastCheckedAt: null };
}

export function activityOf(summary: QueueSummary | null, watches = 0): UpdateActivity {
  return {
    uploads: summary ? localPending(summary) : 0,
    watches,
    online: summary ? summary.connectivity.state !== 'offline' : true,
  };
}

export function isBusy(activity: UpdateActivity): boolean {
  return activity.uploads > 0 || activity.watches > 0;
}

export function reduceUpdate(state: UpdateState, event: UpdaterEvent): UpdateState {
  // A downloaded update stays ready until it is installed: a later error or check cannot take it away.
  if (state.kind === 'disabled' || state.kind === 'ready') return state;
  switch (event.type) {
    case 'check-started':
      return { kind: 'checking', startedAt: event.at };
    case 'available':
      return state.kind === 'downloading' ? state : { kind: 'available', version: event.version };
    case 'not-available':
      return { kind: 'idle', lastCheckedAt: event.at };
    case 'check-finished':
      return state.kind === 'checking' ? { kind: 'idle', lastCheckedAt: event.at } : state;
    case 'progress':
      if (state.kind !== 'available' && state.kind !== 'downloading') return state;
      return { kind: 'downloading', version: state.version, percent: Math.min(100, Math.max(0, event.percent)) };
    case 'downloaded':
      return { kind: 'ready', version: event.version };
    case 'error':
      return { kind: 'failed', at: event.at, message: event.message };
    default:
      return assertNever(event, 'updater event');
  }
}

/** Milliseconds until the next check, or null when none is due (disabled, in progress, or an update is waiting). */
export function nextCheckIn(state: UpdateState, now: number): number | null {
  switch (state.kind) {
    case 'idle':
      return state.lastCheckedAt === null ? FIRST_CHECK_DELAY_MS : Math.max(0, state.lastCheckedAt + CHECK_INTERVAL_MS - now);
    case 'failed':
      return Math.max(0, state.at + RETRY_AFTER_FAILURE_MS - now);
    case 'disabled':
    case 'checking':
    case 'available':
    case 'downloading':
    case 'ready':
      return null;
    default:
      return assertNever(state, 'update state');
  }
}

/** A found update downloads while Raydocs is reachable; uploads keep going meanwhile (downloading never restarts). */
export function shouldDownload(state: UpdateState, activity: UpdateActivity): boolean {
  return state.kind === 'available' && activity.online;
}

/**
 * Quitting installs a ready update only when nothing is in flight; "Restart now" does the same and relaunches.
 * While uploads or watches are busy the update waits: it is never what interrupts them.
 */
export function installDecision(state: UpdateState, activity: UpdateActivity, trigger: InstallTrigger): InstallDecision {
  if (state.kind !== 'ready') return { kind: 'nothing-to-install' };
  if (isBusy(activity)) return { kind: 'wait', reason: 'busy', uploads: activity.uploads, watches: activity.watches };
  return { kind: 'install', version: state.version, relaunch: trigger === 'restart-now' };
}

/** What Settings shows. */
export function updateView(state: UpdateState, activity: UpdateActivity): UpdateView {
  switch (state.kind) {
    case 'downloading':
      return { status: 'downloading', version: state.version, percent: Math.round(state.percent) };
    case 'ready':
      return { status: 'ready', version: state.version, waitingFor: activity.uploads + activity.watches };
    case 'disabled':
    case 'idle':
    case 'checking':
    case 'available':
    case 'failed':
      return { status: 'none' };
    default:
      return assertNever(state, 'update state');
  }
}

/** What the tray menu shows: null until an update is ready. */
export interface TrayUpdate {
  version: string;
  /** "Restart now" is offered only with nothing in flight. */
  canRestart: boolean;
}

export function trayUpdate(state: UpdateState, activity: UpdateActivity): TrayUpdate | null {
  if (state.kind !== 'ready') return null;
  return { version: state.version, canRestart: !isBusy(activity) };
}
