// Renders the pure application menu model (core/desktop/app-menu.ts) into Electron's menu; clicks go to its dispatcher.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { assertNever } from '../../shared/assert-never';
import { appMenu, dispatchMenuAction, type AppMenuInput, type AppMenuNode, type MenuDispatchDeps } from '../core/desktop/app-menu';

export interface AppMenuController {
  /** Rebuilds the menu when what it shows changed (enabled flags, Pause/Resume). */
  update(input: AppMenuInput): void;
}

export function toTemplate(nodes: readonly AppMenuNode[], deps: MenuDispatchDeps, onError: (err: unknown) => void): MenuItemConstructorOptions[] {
  return nodes.map((n): MenuItemConstructorOptions => {
    switch (n.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'role':
        return { role: n.role };
      case 'submenu':
        return { label: n.label, submenu: toTemplate(n.items, deps, onError) };
      case 'action':
        return {
          id: n.id,
          label: n.label,
          enabled: n.enabled,
          ...(n.accelerator ? { accelerator: n.accelerator } : {}),
          click: () => void dispatchMenuAction(n.action, deps).catch(onError),
        };
      default:
        return assertNever(n, 'menu node');
    }
  });
}

export function createAppMenu(deps: MenuDispatchDeps, onError: (err: unknown) => void): AppMenuController {
  let lastKey = '';
  return {
    update(input) {
      const model = appMenu(input);
      // Summaries arrive several times a second: touch the OS only when the menu itself changed.
      const key = JSON.stringify(model);
      if (key === lastKey) return;
      lastKey = key;
      Menu.setApplicationMenu(Menu.buildFromTemplate(toTemplate(model, deps, onError)));
    },
  };
}
