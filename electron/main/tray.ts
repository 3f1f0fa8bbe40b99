// Renders the pure tray model into Electron's Tray, menu, taskbar progress and badge.
import { join } from 'node:path';
import { app, Menu, nativeImage, Tray, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { assertNever } from '../../shared/assert-never';
import { trayModel, type TrayAction, type TrayInput, type TrayMenuEntry, type TrayModel } from '../core/desktop/tray-model';

export interface TrayController {
  update(input: TrayInput): TrayModel;
  destroy(): void;
}

export interface TrayOptions {
  resourcesDir: string;
  window: () => BrowserWindow | null;
  onAction(action: TrayAction): void;
  /** macOS: files dropped on the icon. */
  onDropFiles(paths: string[]): void;
}

function toMenu(entries: TrayMenuEntry[], onAction: (a: TrayAction) => void): MenuItemConstructorOptions[] {
  return entries.map((e): MenuItemConstructorOptions => {
    switch (e.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: e.label, enabled: false };
      case 'action':
        return { label: e.label, enabled: e.enabled, click: () => onAction(e.action) };
      default:
        return assertNever(e, 'tray menu entry');
    }
  });
}

export function createTray(opts: TrayOptions): TrayController {
  const icon = (name: string): Electron.NativeImage => nativeImage.createFromPath(join(opts.resourcesDir, `${name}.png`));
  const tray = new Tray(icon('tray-idle'));
  let lastIcon = 'tray-idle';
  const last = { tooltip: '', menuKey: '', progressKey: '', badge: -1 };
  tray.on('drop-files', (_event, files) => opts.onDropFiles(files));
  // Windows and Linux: a click on the icon opens the window; macOS shows the menu.
  if (process.platform !== 'darwin') tray.on('click', () => opts.onAction({ kind: 'open-window' }));

  return {
    update(input) {
      const model = trayModel(input);
      if (model.icon !== lastIcon) {
        tray.setImage(icon(model.icon));
        lastIcon = model.icon;
      }
      // Up to ten updates a second arrive: touch the OS only when something visible changed
      // (rebuilding an indicator menu that often makes it flicker on Linux).
      if (model.tooltip !== last.tooltip) tray.setToolTip(model.tooltip);
      const menuKey = JSON.stringify(model.menu);
      if (menuKey !== last.menuKey) tray.setContextMenu(Menu.buildFromTemplate(toMenu(model.menu, opts.onAction)));
      const win = opts.window();
      const progressKey = `${model.progress.toFixed(2)}:${model.progressMode}`;
      if (win && !win.isDestroyed() && progressKey !== last.progressKey) {
        win.setProgressBar(model.progress, model.progressMode === 'none' ? undefined : { mode: model.progressMode });
        last.progressKey = progressKey;
      }
      // Unity launchers and the macOS dock; a no-op elsewhere.
      if (model.badgeCount !== last.badge) app.setBadgeCount(model.badgeCount);
      last.tooltip = model.tooltip;
      last.menuKey = menuKey;
      last.badge = model.badgeCount;
      return model;
    },
    destroy: () => tray.destroy(),
  };
}
