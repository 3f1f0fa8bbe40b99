// Carries out core/desktop/update-policy.ts with electron-updater. The feed is configured in one place, electron-builder.yml's
// `publish` (electron-builder writes it into the app as app-update.yml): nothing here names a server or turns a check off.
import type { BrowserWindow } from 'electron';
import type { AppUpdater } from 'electron-updater';
import { eventChannel } from '../../shared/ipc-channels';
import type { UpdateView } from '../../shared/update';
import {
  initialUpdateState,
  installDecision,
  nextCheckIn,
  reduceUpdate,
  shouldDownload,
  type InstallDecision,
  type InstallTrigger,
  type UpdateActivity,
  type UpdaterEvent,
  type UpdateState,
} from '../core/desktop/update-policy';

export interface UpdaterOptions {
  packaged: boolean;
  demo: boolean;
  activity(): UpdateActivity;
  onChange(state: UpdateState): void;
  log(level: 'info' | 'warn', message: string): void;
  now?: () => number;
}

export interface Updater {
  state(): UpdateState;
  /** The queue changed: a found update may start downloading (it waited for the network). */
  reconsider(): void;
  decide(trigger: InstallTrigger): InstallDecision;
  /** After the app service closed: hands the update to its installer, which quits the app (and relaunches it for "Restart now"). */
  install(decision: Extract<InstallDecision, { kind: 'install' }>, onFailure: () => void): void;
  dispose(): void;
}

/** Loaded only when updates are on: an unpackaged run never loads electron-updater at all. */
async function loadAutoUpdater(): Promise<AppUpdater> {
  const mod = (await import('electron-updater')) as unknown as { autoUpdater?: AppUpdater; default?: { autoUpdater: AppUpdater } };
  const updater = mod.autoUpdater ?? mod.default?.autoUpdater;
  if (!updater) throw new Error('electron-updater has no autoUpdater');
  return updater;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function startUpdater(opts: UpdaterOptions): Promise<Updater> {
  const now = opts.now ?? Date.now;
  let state = initialUpdateState({ packaged: opts.packaged, demo: opts.demo });
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  let onInstallFailure: (() => void) | null = null;
  const inert: Updater = {
    state: () => state,
    reconsider: () => undefined,
    decide: (trigger) => installDecision(state, opts.activity(), trigger),
    install: (_decision, onFailure) => onFailure(),
    dispose: () => undefined,
  };
  if (state.kind === 'disabled') return inert;

  let updater: AppUpdater;
  try {
    updater = await loadAutoUpdater();
  } catch (err) {
    opts.log('warn', `updates are off: ${messageOf(err)}`);
    return inert;
  }
  // The policy decides when to download and install; signature and checksum checks keep electron-updater's defaults (on).
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;

  const apply = (event: UpdaterEvent): void => {
    const next = reduceUpdate(state, event);
    if (next === state) return;
    state = next;
    opts.onChange(state);
    schedule();
    startDownload();
  };
  const check = (): void => {
    timer = null;
    apply({ type: 'check-started', at: now() });
    updater.checkForUpdates().then(
      () => apply({ type: 'check-finished', at: now() }),
      (err: unknown) => apply({ type: 'error', at: now(), message: messageOf(err) }),
    );
  };
  function schedule(): void {
    if (timer || disposed) return;
    const wait = nextCheckIn(state, now());
    if (wait === null) return;
    timer = setTimeout(check, wait);
    timer.unref?.();
  }
  function startDownload(): void {
    if (!shouldDownload(state, opts.activity())) return;
    apply({ type: 'progress', percent: 0 });
    updater.downloadUpdate().catch((err: unknown) => apply({ type: 'error', at: now(), message: messageOf(err) }));
  }

  const listeners: Array<[string, (...args: never[]) => void]> = [
    ['update-available', (info: { version: string }) => apply({ type: 'available', version: info.version })],
    ['update-not-available', () => apply({ type: 'not-available', at: now() })],
    ['download-progress', (p: { percent: number }) => apply({ type: 'progress', percent: p.percent })],
    ['update-downloaded', (info: { version: string }) => apply({ type: 'downloaded', version: info.version })],
    [
      'error',
      (err: unknown) => {
        opts.log('warn', `update: ${messageOf(err)}`);
        apply({ type: 'error', at: now(), message: messageOf(err) });
        // The installer refused (a bad signature, a read-only location): quit as a plain quit would.
        const failed = onInstallFailure;
        onInstallFailure = null;
        failed?.();
      },
    ],
  ];
  for (const [name, fn] of listeners) updater.on(name as 'error', fn as (err: Error) => void);
  schedule();

  return {
    state: () => state,
    reconsider: startDownload,
    decide: (trigger) => installDecision(state, opts.activity(), trigger),
    install(decision, onFailure) {
      opts.log('info', `installing update ${decision.version}${decision.relaunch ? ' and restarting' : ' on quit'}`);
      onInstallFailure = onFailure;
      // Silent: the NSIS wizard does not reappear for an update; relaunch only for "Restart now".
      updater.quitAndInstall(true, decision.relaunch);
    },
    // Stops checking; the listeners stay, since install() runs after dispose (the app service closes first).
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/** Returns a function that tells the window what Settings shows, when it changed; a page that (re)loads is told again. */
export function connectUpdateView(win: BrowserWindow, view: () => UpdateView): () => void {
  let last = '';
  const send = (force: boolean): void => {
    const next = view();
    const key = JSON.stringify(next);
    if (!force && key === last) return;
    last = key;
    if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(eventChannel('update:changed'), next);
  };
  win.webContents.on('did-finish-load', () => send(true));
  return () => send(false);
}
