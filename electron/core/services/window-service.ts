// What the window is showing and where it is sent: the view it reports, navigation main asks for, links it may open.
import type { MenuCommand } from '../../../shared/ipc';
import type { UiView } from '../../../shared/ipc-channels';
import { AppError } from '../desktop/app-error';
import { checkExternalUrl } from '../desktop/external-links';
import type { IpcHandlers } from '../desktop/ipc-dispatch';
import type { Emit } from './event-hub';

export type WindowChannel = 'ui:view' | 'shell:open-external';

export interface WindowServiceDeps {
  openExternal(url: string): Promise<void>;
  emit: Emit;
}

export interface WindowService {
  handlers: Pick<IpcHandlers, WindowChannel>;
  /** The view the renderer last reported through `ui:view` (notifications stay quiet for what is on screen). */
  currentView(): UiView | null;
  /** Asks the window to show a view (a notification or tray click); a run's notification names its result. */
  navigate(view: UiView, resultId?: string): void;
  /** A menu item only the page can carry out (focus the filter). */
  command(command: MenuCommand): void;
}

export function createWindowService(deps: WindowServiceDeps): WindowService {
  let view: UiView | null = null;
  return {
    handlers: {
      'ui:view': async ({ view: next }) => {
        view = next;
      },
      'shell:open-external': async ({ url }) => {
        // Only https links to Raydocs leave the app, checked here: the page cannot open a file, a scheme or a stranger's site.
        const verdict = checkExternalUrl(url);
        if (!verdict.ok) throw new AppError('forbidden-url', `Not opening ${url}: ${verdict.reason}.`);
        await deps.openExternal(verdict.url);
      },
    },
    currentView: () => view,
    navigate: (to, resultId) => deps.emit('navigate', resultId ? { view: to, resultId } : { view: to }),
    command: (command) => deps.emit('menu:command', { command }),
  };
}

/** The open dialog's filter: the formats intake accepts (docs/ui.md), so a person sees only files that can go. */
export function fileDialogFilters(extensions: readonly string[]): Array<{ name: string; extensions: string[] }> {
  return [{ name: 'Documents Raydocs accepts', extensions: [...extensions] }];
}
