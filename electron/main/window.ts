// The one app window: Electron's security checklist applied, shown when ready, its size and position remembered.
import { join } from 'node:path';
import { BrowserWindow, screen, session } from 'electron';
import { loadWindowState, restoreBounds, saveWindowState, MIN_SIZE } from '../core/desktop/window-state';
import type { AppPaths } from './paths';

/** Exported so the wiring test can assert exactly what the window gets. */
export function secureWebPreferences(preload: string): Electron.WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export interface MainWindowOptions {
  paths: AppPaths;
  userDataDir: string;
  /** Asked on every close: true hides to the tray, false lets the window close (the app is quitting). */
  hideOnClose: () => boolean;
  /** False when started at login: the app waits in the tray. */
  showWhenReady: boolean;
}

/** The renderer never needs camera, notifications from the page, geolocation…: every permission is refused. */
function denyPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  denyPermissions();
  const saved = loadWindowState(opts.userDataDir);
  const bounds = restoreBounds(saved, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Raydocs Uploader',
    // Linux window managers take the window icon from here (macOS and Windows from the app bundle).
    icon: join(opts.paths.resources, 'icon.png'),
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(opts.paths.preload),
  });

  win.once('ready-to-show', () => {
    if (!opts.showWhenReady) return;
    if (saved?.maximized) win.maximize();
    win.show();
  });

  const wc = win.webContents;
  // The page is ours and never navigates; links go through shell:open-external and its allow-list.
  wc.on('will-navigate', (event) => event.preventDefault());
  wc.on('will-redirect', (event) => event.preventDefault());
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));

  const remember = (): void => {
    if (win.isDestroyed() || win.isMinimized()) return;
    saveWindowState(opts.userDataDir, { bounds: win.isMaximized() ? (saved?.bounds ?? null) : win.getBounds(), maximized: win.isMaximized() });
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  const rememberSoon = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(remember, 500);
  };
  win.on('resize', rememberSoon);
  win.on('move', rememberSoon);
  win.on('close', (event) => {
    remember();
    if (opts.hideOnClose()) {
      // The queue keeps going in the tray.
      event.preventDefault();
      win.hide();
    }
  });

  if (opts.paths.devServerUrl) void win.loadURL(opts.paths.devServerUrl);
  else void win.loadURL(opts.paths.rendererUrl);
  return win;
}

export function showWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
