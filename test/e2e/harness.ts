// The e2e harness: a real emulator and the real app service (engine, client, stores) in the test process, bound to
// the built renderer in Chromium with exposeBinding. Only Electron's IPC transport is replaced.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { createAppService, type AppService, type DesktopShell } from '../../electron/core/app-service';
import type { SaveTarget } from '../../electron/core/runs/excel-export';
import type { ConfirmPrompt } from '../../electron/core/desktop/confirmations';
import { appMenuDeps, dispatchMenuAction, type MenuAction } from '../../electron/core/desktop/app-menu';
import { createMemorySettingsStore } from '../../electron/core/desktop/settings-store';
import { createMemoryStore, KeychainUnavailableError, type SecretStore } from '../../electron/core/secret-store';
import type { IpcChannel } from '../../shared/ipc';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/index';

export interface Harness {
  emu: RunningEmulator;
  service: AppService;
  userDataDir: string;
  /** A temp folder for the scenario's files. */
  filesDir: string;
  /** What the fake "Add files…" / "Add folder…" dialog returns next. */
  picks: { files: string[]; folder: string[] };
  /** The native questions main asked (API origin, account swap, sign-out), and the answer the next ones get. */
  shell: DesktopShell & { revealed: string[]; opened: string[]; asked: ConfirmPrompt[]; answer: boolean; saveDir: string; saveAsked: SaveTarget[]; clipboard: string };
  /**
   * "Presses" an application menu item (or its accelerator, e.g. ⇧⌘O is `{ kind: 'add-folder' }`): the same dispatcher
   * main's menu calls (core/desktop/app-menu.ts); dialogs answer from `picks`, questions from `shell.answer`.
   */
  menu(action: MenuAction): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  signedIn?: boolean;
  /** Start as `npm run demo` does: signed in with the emulator's token, in memory, under the Demo badge. */
  demo?: boolean;
  emulator?: EmulatorOptions;
  /** `unavailable`: a secret store that fails as keytar does without D-Bus. */
  keychain?: 'memory' | 'unavailable';
  /** Engine overrides, e.g. a bandwidth limit so uploads are still running when the test acts. */
  engine?: { bandwidthLimitBps?: number; concurrency?: number };
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const root = mkdtempSync(join(tmpdir(), 'raydocs-e2e-'));
  const userDataDir = join(root, 'user-data');
  const filesDir = join(root, 'files');
  mkdirSync(filesDir, { recursive: true });
  const emu = await startEmulator({ parsing: { stepMs: 250 }, rateLimit: null, ...opts.emulator });
  const secretStore: SecretStore = opts.keychain === 'unavailable' ? brokenKeychain() : createMemoryStore();
  if (opts.signedIn !== false && !opts.demo) await secretStore.set(emu.token);
  const picks = { files: [] as string[], folder: [] as string[] };
  const shell = {
    revealed: [] as string[],
    opened: [] as string[],
    reveal: async (p: string) => void shell.revealed.push(p),
    openExternal: async (u: string) => void shell.opened.push(u),
    pickPaths: async (kind: 'files' | 'folder') => picks[kind],
    // What main's clipboard holds (main reads it for the picker's "Paste a link"; the page never does).
    clipboard: '',
    readClipboardText: async () => shell.clipboard,
    asked: [] as ConfirmPrompt[],
    answer: true,
    confirm: async (prompt: ConfirmPrompt) => {
      shell.asked.push(prompt);
      return shell.answer;
    },
    // The save dialog answers with its proposed name in saveDir (a folder: saveDir itself).
    saveDir: join(root, 'saved'),
    saveAsked: [] as SaveTarget[],
    chooseSaveTarget: async (target: SaveTarget) => {
      shell.saveAsked.push(target);
      mkdirSync(shell.saveDir, { recursive: true });
      return target.kind === 'file' ? join(shell.saveDir, target.defaultName) : shell.saveDir;
    },
  };
  const service = await createAppService({
    secretStore,
    userDataDir,
    settings: createMemorySettingsStore({ apiBaseUrl: emu.url }),
    apiBaseUrl: emu.url,
    ...(opts.demo ? { demo: true, demoToken: emu.token } : {}),
    shell,
    engineOptions: { pollIntervalMs: { initial: 150, max: 600 }, retry: { baseMs: 100, capMs: 800 }, stallTimeoutMs: 5000, ...opts.engine },
  });
  return {
    emu,
    service,
    userDataDir,
    filesDir,
    picks,
    shell,
    menu: (action) => dispatchMenuAction(action, appMenuDeps(service, shell.confirm)),
    async close() {
      await service.close();
      await emu.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function brokenKeychain(): SecretStore {
  const fail = () => Promise.reject(new KeychainUnavailableError('get', 'Cannot autolaunch D-Bus without X11 $DISPLAY', 'Install gnome-keyring and libsecret.'));
  return { get: fail, set: fail, delete: fail };
}

declare global {
  interface Window {
    __raydocsInvoke(channel: string, args: unknown): Promise<unknown>;
    __raydocsDeliver(event: string, payload: unknown): void;
    __raydocsFilePaths: WeakMap<File, string>;
    __raydocsPathsByName: Map<string, string>;
  }
}

/**
 * Runs in the page before the app: window.raydocs with the preload's own signature (one method per channel taking
 * what the page passes, plus onEvent), events fed by the test process. queue:add takes File objects as in the app;
 * the test-only part is how a File becomes a path: Files registered by prepareDrop stand in for webUtils.getPathForFile,
 * and any other File (one the page made) resolves to '' and is sent as unresolved, exactly as the preload does.
 */
function installBridge(channels: readonly string[]): void {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  window.__raydocsFilePaths = new WeakMap();
  window.__raydocsPathsByName = new Map();
  window.__raydocsDeliver = (event, payload) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  // DataTransfer may hand back a copy of the File: fall back to its name (names are unique within a test drop).
  const pathOf = (file: File): string => window.__raydocsFilePaths.get(file) ?? window.__raydocsPathsByName.get(file.name) ?? '';
  const resolveDrop = (args: { files?: unknown; target?: unknown }) => {
    const out = { paths: [] as string[], unresolved: [] as string[], target: args?.target };
    for (const f of Array.isArray(args?.files) ? (args.files as File[]) : []) {
      const p = f instanceof File ? pathOf(f) : '';
      if (p) out.paths.push(p);
      else out.unresolved.push(typeof f?.name === 'string' ? f.name : '(not a file)');
    }
    return out;
  };
  const bridge: Record<string, unknown> = {
    onEvent(event: string, listener: (p: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  for (const c of channels) {
    bridge[c] = c === 'queue:add' ? (args: { files?: unknown }) => window.__raydocsInvoke(c, resolveDrop(args)) : (args: unknown) => window.__raydocsInvoke(c, args);
  }
  (window as unknown as { raydocs: unknown }).raydocs = Object.freeze(bridge);
}

/** Binds the service to every page of the context; events are delivered in order, batched as main batches them. */
export async function bindService(context: BrowserContext, service: AppService, channels: readonly IpcChannel[]): Promise<() => void> {
  await context.exposeBinding('__raydocsInvoke', (_source, channel: IpcChannel, args: unknown) => service.invoke(channel, args));
  await context.addInitScript(installBridge, channels);
  const chains = new WeakMap<Page, Promise<unknown>>();
  return service.onEvent((event, payload) => {
    for (const page of context.pages()) {
      const prev = chains.get(page) ?? Promise.resolve();
      const next = prev
        // A JSON string crosses faster than Playwright's object serializer, closer to what Electron's structured clone costs.
        .then(() => page.evaluate(([e, json]) => window.__raydocsDeliver?.(e, JSON.parse(json)), [event, JSON.stringify(payload)] as const))
        .catch(() => undefined);
      chains.set(page, next);
    }
  });
}

/**
 * Builds the File objects for a drop, whose paths the harness's bridge knows (the test's stand-in for a real drop). Kept apart from firing the drop
 * because building thousands of Files is the test's own cost, not the app's (the 5,000-file test measures the app).
 */
export async function prepareDrop(page: Page, paths: string[]): Promise<void> {
  await page.evaluate((ps) => {
    const dt = new DataTransfer();
    for (const p of ps) {
      const name = p.split('/').pop() ?? p;
      const file = new File([''], name);
      window.__raydocsFilePaths.set(file, p);
      window.__raydocsPathsByName.set(name, p);
      dt.items.add(file);
    }
    (window as unknown as { __pendingDrop: DataTransfer }).__pendingDrop = dt;
  }, paths);
}

/** Fires dragenter, dragover and drop with the prepared files, as the OS does. */
export async function fireDrop(page: Page): Promise<void> {
  await page.evaluate(() => {
    const dt = (window as unknown as { __pendingDrop: DataTransfer }).__pendingDrop;
    const fire = (type: string) => document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    fire('dragenter');
    fire('dragover');
    fire('drop');
  });
}

/** Drops real paths on the window: File objects whose paths the fixture maps, in a synthetic drop event. */
export async function dropPaths(page: Page, paths: string[]): Promise<void> {
  await prepareDrop(page, paths);
  await fireDrop(page);
}
