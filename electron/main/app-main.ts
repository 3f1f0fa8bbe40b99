// Wires the app service to Electron: lifecycle, single instance, window, IPC, tray, notifications, power, proxy, login item.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { app, clipboard, dialog, ipcMain, shell, type BrowserWindow } from 'electron';
import { SUPPORTED_EXTENSIONS } from '../core/intake/formats';
import { fileDialogFilters } from '../core/services/window-service';
import { applyTheme } from './theme';
import { assertNever } from '../../shared/assert-never';
import type { UiView } from '../../shared/ipc-channels';
import type { EngineEvent, QueueSummary } from '../../shared/queue';
import { createAppService, type AppService, type AppServiceDeps, type DesktopShell } from '../core/app-service';
import { APP_ID } from '../core/desktop/app-id';
import { APP_ORIGIN } from '../core/desktop/app-protocol';
import { startupApiOrigin, usableOverride } from '../core/desktop/api-origin';
import { handedOverPaths, handOverFor, pathsFromArgv } from '../core/desktop/argv';
import { HIDDEN_FLAG, setLinuxAutostart } from '../core/desktop/autostart';
import { confirmed } from '../core/desktop/confirmations';
import { quitChoice, quitPrompt } from '../core/desktop/quit-policy';
import type { SettingsStore } from '../core/desktop/settings-store';
import { forgetFinished, noteFinished, type FinishedFile } from '../core/desktop/tray-model';
import { activityOf, trayUpdate, updateView } from '../core/desktop/update-policy';
import { createDisposableStore } from '../core/services/disposables';
import { createKeytarStore, keychainAccountFor, type SecretStore } from '../core/secret-store';
import { forwardEvents, registerIpc } from './ipc';
import { createNotifier, createRunNotifier, createWatchNotifier } from './notifications';
import { chooseSaveTarget } from './save-dialog';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { appPaths } from './paths';
import { createPowerController } from './power';
import { systemProxyDispatcher } from './proxy';
import { createElectronSettingsStore } from './settings-store';
import { createTray } from './tray';
import { createAppMenu } from './menu';
import { appMenuDeps } from '../core/desktop/app-menu';
import { connectUpdateView, startUpdater } from './updater';
import { createMainWindow, showWindow } from './window';

export interface MainOptions {
  env?: NodeJS.ProcessEnv;
  /** Tests hand in a memory store; the app uses the OS keychain (the same entry as the CLI). */
  secretStore?: SecretStore;
  settings?: SettingsStore;
  /** Tests shorten the engine's poll intervals. */
  engineOptions?: AppServiceDeps['engineOptions'];
  /** Tests turn updates on unpackaged (electron-updater mocked); the app checks only when packaged. */
  updates?: boolean;
}

export interface RunningMain {
  service: AppService;
  window(): BrowserWindow | null;
  quit(): Promise<void>;
}

function existing(paths: string[]): string[] {
  return paths.filter((p) => {
    try {
      statSync(p);
      return true;
    } catch {
      return false;
    }
  });
}

/** Returns null when another instance already runs (this one hands its files over and quits). */
export async function startMain(opts: MainOptions = {}): Promise<RunningMain | null> {
  const env = opts.env ?? process.env;
  const demo = env['RAYDOCS_DEMO'] === '1' && Boolean(env['RAYDOCS_DEMO_TOKEN']);
  const demoToken = demo ? env['RAYDOCS_DEMO_TOKEN'] : undefined;
  // The demo token is for this process only: nothing spawned later (or a crash reporter) inherits it.
  delete env['RAYDOCS_DEMO_TOKEN'];
  // A demo keeps its queue, settings and journal apart from the real ones.
  if (demo) app.setPath('userData', join(app.getPath('userData'), 'demo'));

  if (!app.requestSingleInstanceLock({ ...handOverFor(process.argv, process.cwd(), { packaged: app.isPackaged }) })) {
    app.quit();
    return null;
  }

  let win: BrowserWindow | null = null;
  // "Open with" and dock drops can arrive before the service exists: hold them until it does.
  const early: string[] = [];
  let deliver: (paths: string[]) => void = (paths) => early.push(...paths);
  app.on('open-file', (event, path) => {
    event.preventDefault();
    deliver([path]);
  });
  app.on('second-instance', (_event, argv, cwd, additionalData) => {
    showWindow(win);
    deliver(handedOverPaths(additionalData, argv, cwd, { packaged: app.isPackaged }));
  });
  // Closing the last window never quits: the queue lives in the tray.
  app.on('window-all-closed', () => undefined);

  // The page's origin is app://renderer, registered before ready (Electron's rule for privileged schemes).
  registerAppScheme();
  // Windows shows toast notifications only for an app with an AppUserModelID (the installer's appId).
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  await app.whenReady();

  const paths = appPaths(env);
  // Everything opened below closes at quit, newest first (the service before the app:// handler that served the page).
  const closing = createDisposableStore((err) => console.error(`closing failed: ${err instanceof Error ? err.message : String(err)}`));
  closing.add(serveRenderer(paths.rendererDir));
  const userDataDir = app.getPath('userData');
  // A bad saved address or RAYDOCS_API_URL falls back with a notice: the screen that fixes it must always open.
  const override = usableOverride(env['RAYDOCS_API_URL']);
  const settings = opts.settings ?? createElectronSettingsStore(override.url ? { apiBaseUrl: override.url } : {});
  const origin = startupApiOrigin({ current: settings.get().apiBaseUrl, savedRejected: settings.rejected().includes('apiBaseUrl'), notices: override.notices });
  const apiBaseUrl = origin.url;
  const secretStore = opts.secretStore ?? createKeytarStore({ account: keychainAccountFor(apiBaseUrl) });

  const desktopShell: DesktopShell = {
    reveal: async (path) => shell.showItemInFolder(path),
    openExternal: (url) => shell.openExternal(url),
    async pickPaths(kind) {
      const props: Array<'openFile' | 'openDirectory' | 'multiSelections'> = kind === 'folder' ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'];
      const options = kind === 'folder' ? { properties: props } : { properties: props, filters: fileDialogFilters(SUPPORTED_EXTENSIONS) };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async confirm(prompt) {
      showWindow(win);
      const box = { type: 'question' as const, message: prompt.message, detail: prompt.detail, buttons: prompt.buttons, defaultId: prompt.defaultId, cancelId: prompt.cancelId, noLink: true };
      const answer = win ? await dialog.showMessageBox(win, box) : await dialog.showMessageBox(box);
      return confirmed(answer.response);
    },
    chooseSaveTarget: (target) => chooseSaveTarget(win, target),
    readClipboardText: () => clipboard.readText(),
  };

  const dispatcher = await systemProxyDispatcher(apiBaseUrl, (m) => console.info(m));
  const service = await createAppService({
    secretStore,
    userDataDir,
    settings,
    apiBaseUrl,
    demo,
    ...(demoToken ? { demoToken } : {}),
    shell: desktopShell,
    ...(dispatcher ? { dispatcher } : {}),
    ...(opts.engineOptions ? { engineOptions: opts.engineOptions } : {}),
  });
  closing.add(() => service.close());

  const applyLoginItem = (openAtLogin: boolean): void => {
    try {
      if (process.platform === 'darwin') app.setLoginItemSettings({ openAtLogin });
      else if (process.platform === 'win32') app.setLoginItemSettings({ openAtLogin, args: [HIDDEN_FLAG] });
      // Electron has no login items on Linux: an XDG autostart entry does the same.
      else if (app.isPackaged) setLinuxAutostart(openAtLogin);
    } catch (err) {
      service.log('warn', `could not change launch at login: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  applyLoginItem(settings.get().launchAtLogin);

  let phase: 'running' | 'closing' | 'closed' = 'running';
  const openOn = (view: UiView, resultId?: string): void => {
    showWindow(win);
    service.window.navigate(view, resultId);
  };

  // Started at login: stay in the tray until the user opens the window.
  const startHidden = process.argv.includes(HIDDEN_FLAG) || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  win = createMainWindow({ paths, userDataDir, hideOnClose: () => phase === 'running', showWhenReady: !startHidden });
  for (const notice of origin.notices) {
    service.log('warn', notice);
    const box = { type: 'warning' as const, message: 'API address reset', detail: notice };
    void (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box)).catch(() => undefined);
  }
  closing.add(registerIpc(ipcMain, service, { appOrigin: APP_ORIGIN, devServerUrl: paths.devServerUrl }));
  closing.add(forwardEvents(service, () => win));

  let recentFinished: FinishedFile[] = [];
  let summary: QueueSummary = service.queue.summary();
  const power = createPowerController(() => service.queue.probeNow());
  closing.add(() => power.dispose());
  const tray = createTray({
    resourcesDir: paths.resources,
    window: () => win,
    onDropFiles: (files) => dropOnTray(files),
    onAction(action) {
      switch (action.kind) {
        case 'open-window':
          showWindow(win);
          return;
        case 'open-queue':
          openOn('queue');
          return;
        case 'pause-all':
          service.queue.pause();
          return;
        case 'resume-all':
          service.queue.resume();
          return;
        case 'cancel-all':
          void service.queue.askCancelAll(desktopShell.confirm, (id) => service.auth.workspaces().find((w) => w.id === id)?.name ?? null);
          return;
        case 'reveal':
          void service.queue.reveal(action.itemId).catch((err: unknown) => service.log('warn', `could not show the file: ${err instanceof Error ? err.message : String(err)}`));
          return;
        case 'sign-out':
          void service.auth.signOut().catch(() => undefined);
          return;
        case 'restart-to-update':
          void restartToUpdate();
          return;
        case 'quit':
          app.quit();
          return;
        default:
          assertNever(action, 'tray action');
      }
    },
  });
  closing.add(() => tray.destroy());
  // Its own menu, not Electron's default (no Reload or DevTools once packaged): core/desktop/app-menu.ts.
  const menu = createAppMenu(appMenuDeps(service, desktopShell.confirm), (err) => service.log('warn', `menu action failed: ${err instanceof Error ? err.message : String(err)}`));
  const notifierOptions = { enabled: () => settings.get().notifications, window: () => win, view: () => service.window.currentView(), open: openOn };
  const notify = createNotifier(notifierOptions);
  // A run that settles (also one that settled while the app was closed) notifies; a click opens its result.
  closing.add(service.runs.onSettled(createRunNotifier(notifierOptions)));
  // A watch says what it stored once per quiet period, never once per file or per burst.
  closing.add(service.watches.onQuiet(createWatchNotifier(notifierOptions)));
  // A watch with files still settling or uploading counts as busy: an update waits for it.
  const activity = () => activityOf(summary, service.watches.views().filter((w) => w.waiting > 0).length);
  const updater = await startUpdater({ packaged: opts.updates ?? app.isPackaged, demo, activity: () => activity(), onChange: () => refresh(), log: (l, m) => service.log(l, m) });
  closing.add(() => updater.dispose());
  const sendUpdate = connectUpdateView(win, () => updateView(updater.state(), activity()));
  const refresh = (): void => {
    tray.update({ summary, signedIn: service.auth.signedIn(), target: service.targets.lastTarget(), recentFinished, update: trayUpdate(updater.state(), activity()), watches: service.watches.views() });
    power.update(summary);
    menu.update({ platform: process.platform, packaged: app.isPackaged, signedIn: service.auth.signedIn(), summary });
    updater.reconsider();
    sendUpdate();
  };
  const onQueueEvents = (events: EngineEvent[]): void => {
    for (const e of events) {
      if (e.type === 'summary') summary = e.summary;
      else if (e.type === 'items') recentFinished = noteFinished(recentFinished, e.items);
      else if (e.type === 'removed') recentFinished = forgetFinished(recentFinished, e.ids);
    }
    notify(events);
    refresh();
  };
  closing.add(
    service.onEvent((name, payload) => {
      if (name === 'queue:events') onQueueEvents(payload as EngineEvent[]);
      else if (name === 'auth:changed' || name === 'watches:changed') refresh();
    }),
  );
  applyTheme(settings.get().theme);
  closing.add(
    service.settings.onChanged((next) => {
      applyLoginItem(next.launchAtLogin);
      applyTheme(next.theme);
    }),
  );
  refresh();

  // "Open with", a second launch and the dock never upload by themselves: the window asks (Upload / Choose session / Dismiss).
  deliver = (incoming) => {
    const files = existing(incoming);
    if (files.length === 0) return;
    service.queue.offerOpened(files);
    openOn('queue');
  };
  // A drop on the tray icon is a drop like one on the window: it goes to the last target, or waits for one.
  function dropOnTray(incoming: string[]): void {
    const files = existing(incoming);
    if (files.length === 0) return;
    void service.queue.addToCurrentTarget(files).then((report) => {
      if (!report) service.queue.offerOpened(files);
      openOn('queue');
    });
  }
  deliver(pathsFromArgv(process.argv, process.cwd(), { packaged: app.isPackaged }));
  deliver(early.splice(0));

  app.on('activate', () => showWindow(win));

  async function shutdown(): Promise<void> {
    phase = 'closing';
    await closing.dispose();
    phase = 'closed';
  }

  // "Restart now" from the tray: only with nothing in flight (update-policy.ts), and once the journal is closed.
  async function restartToUpdate(): Promise<void> {
    const decision = updater.decide('restart-now');
    if (decision.kind !== 'install' || phase !== 'running') return;
    await shutdown();
    updater.install(decision, () => app.quit());
  }

  let asking = false;
  app.on('before-quit', (event) => {
    if (phase === 'closed') return;
    event.preventDefault();
    if (phase === 'closing' || asking) return;
    void (async () => {
      const prompt = quitPrompt(service.queue.summary());
      if (prompt) {
        asking = true;
        showWindow(win);
        const options = { type: 'question' as const, message: prompt.message, detail: prompt.detail, buttons: prompt.buttons, defaultId: prompt.defaultId, cancelId: prompt.cancelId };
        const answer = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
        asking = false;
        if (quitChoice(prompt, answer.response) !== 'quit') {
          win?.hide();
          return;
        }
      }
      // Decided before closing: a quit with uploads in flight ("Quit anyway") leaves the update for the next, idle quit.
      const update = updater.decide('quit');
      await shutdown();
      if (update.kind === 'install') updater.install(update, () => app.quit());
      else app.quit();
    })();
  });

  return {
    service,
    window: () => win,
    async quit() {
      if (phase === 'running') await shutdown();
    },
  };
}
