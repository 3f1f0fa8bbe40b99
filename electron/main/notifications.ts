// Shows the notifications the pure policy decides on; a click opens the window on the view it names.
import { Notification, type BrowserWindow } from 'electron';
import type { UiView } from '../../shared/ipc-channels';
import type { EngineEvent } from '../../shared/queue';
import { createNotificationPolicy } from '../core/desktop/notification-policy';

export interface NotifierOptions {
  enabled: () => boolean;
  window: () => BrowserWindow | null;
  view: () => UiView | null;
  open(view: UiView): void;
}

export function createNotifier(opts: NotifierOptions): (events: readonly EngineEvent[]) => void {
  const policy = createNotificationPolicy();
  // Electron drops a notification that nothing references once it is garbage collected; keep them until clicked or closed.
  const live = new Set<Notification>();
  return (events) => {
    const win = opts.window();
    const ctx = {
      enabled: opts.enabled(),
      windowFocused: Boolean(win && !win.isDestroyed() && win.isVisible() && win.isFocused()),
      view: opts.view(),
    };
    for (const d of policy.decide(events, ctx)) {
      if (!Notification.isSupported()) continue;
      const n = new Notification({ title: d.title, body: d.body });
      live.add(n);
      n.on('click', () => {
        live.delete(n);
        opts.open(d.view);
      });
      n.on('close', () => live.delete(n));
      n.show();
    }
  };
}
