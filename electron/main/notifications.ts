// Shows the notifications the pure policy decides on; a click opens the window on the view it names.
import { Notification, type BrowserWindow } from 'electron';
import type { UiView } from '../../shared/ipc-channels';
import type { EngineEvent } from '../../shared/queue';
import type { RunView } from '../../shared/runs';
import { createNotificationPolicy, watchQuietMessage, type NotificationContext } from '../core/desktop/notification-policy';
import type { WatchQuiet } from '../core/services/watch-service';
import { createRunNotificationPolicy } from '../core/desktop/run-notifications';

export interface NotifierOptions {
  enabled: () => boolean;
  window: () => BrowserWindow | null;
  view: () => UiView | null;
  open(view: UiView, resultId?: string): void;
}

function contextOf(opts: NotifierOptions): NotificationContext {
  const win = opts.window();
  return {
    enabled: opts.enabled(),
    windowFocused: Boolean(win && !win.isDestroyed() && win.isVisible() && win.isFocused()),
    view: opts.view(),
  };
}

// Electron drops a notification that nothing references once it is garbage collected; keep them until clicked or closed.
const live = new Set<Notification>();

function show(title: string, body: string, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title, body });
  live.add(n);
  n.on('click', () => {
    live.delete(n);
    onClick();
  });
  n.on('close', () => live.delete(n));
  n.show();
}

export function createNotifier(opts: NotifierOptions): (events: readonly EngineEvent[]) => void {
  const policy = createNotificationPolicy();
  return (events) => {
    for (const d of policy.decide(events, contextOf(opts))) show(d.title, d.body, () => opts.open(d.view));
  };
}

/** Runs that settled: a click opens the documents view on that result. */
export function createRunNotifier(opts: NotifierOptions): (runs: readonly RunView[]) => void {
  const policy = createRunNotificationPolicy();
  return (runs) => {
    for (const d of policy.decide(runs, contextOf(opts))) show(d.title, d.body, () => opts.open(d.view, d.resultId ?? undefined));
  };
}

/** A watch's quiet period: one notification for what it stored; a click opens the queue. */
export function createWatchNotifier(opts: NotifierOptions): (q: WatchQuiet) => void {
  return (q) => {
    const d = watchQuietMessage(q, contextOf(opts));
    if (d) show(d.title, d.body, () => opts.open(d.view));
  };
}
