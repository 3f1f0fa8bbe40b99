// A recording stand-in for the `electron` module: enough surface for the main process wiring to run under Node.
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Like Electron's WebFrameMain: a page's top frame has no parent; each page loaded gets a frame of its own. */
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  top: FakeFrame;
  frames: FakeFrame[];
}

function topFrame(url: string): FakeFrame {
  const f = { url, parent: null, frames: [] } as unknown as FakeFrame;
  f.top = f;
  return f;
}

export interface FakeWebContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null;
  sent: Array<[string, unknown]>;
  /** The current page's top frame; replaced when another page loads (the old one is then another page's frame). */
  mainFrame: FakeFrame;
  /** Loads a page: a new top frame at `url`; returns the frame it replaced. */
  navigate(url: string): FakeFrame;
  /** An iframe inside the current page (or inside `parent`). */
  addSubframe(url: string, parent?: FakeFrame): FakeFrame;
  /** The event an `ipcRenderer.invoke` from `frame` of this page reaches main with. */
  ipcEvent(frame?: FakeFrame | null): { sender: FakeWebContents; senderFrame: FakeFrame | null; processId: number; frameId: number };
}

export interface FakeWindow extends EventEmitter {
  options: Record<string, unknown>;
  webContents: FakeWebContents;
  shown: number;
  hidden: number;
  progress: Array<[number, unknown]>;
  loaded: string | null;
}

export function createFakeElectron(userData: string) {
  const state = {
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    windows: [] as FakeWindow[],
    trays: [] as Array<EventEmitter & { tooltip: string; menu: unknown[] }>,
    notifications: [] as Array<{ title: string; body: string }>,
    notificationObjects: [] as EventEmitter[],
    blockers: [] as string[],
    /** The last Menu.setApplicationMenu argument ({ items } from buildFromTemplate). */
    appMenu: null as unknown,
    blockersStopped: [] as number[],
    badge: [] as number[],
    loginItems: [] as unknown[],
    permissionHandler: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    opened: [] as string[],
    /** protocol.registerSchemesAsPrivileged entries, and protocol.handle handlers by scheme. */
    privilegedSchemes: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
    protocols: new Map<string, (request: { url: string }) => Promise<Response>>(),
    /** Save and open dialogs shown (their options), and what the next ones answer (null: cancelled). */
    saveDialogs: [] as Array<Record<string, unknown>>,
    saveAnswer: null as string | null,
    folderDialogs: [] as Array<Record<string, unknown>>,
    folderAnswer: null as string | null,
  };

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath: () => userData,
    setPath: () => undefined,
    getAppPath: () => process.cwd(),
    quit: () => undefined,
    exit: () => undefined,
    setBadgeCount: (n: number) => {
      state.badge.push(n);
      return true;
    },
    setLoginItemSettings: (s: unknown) => void state.loginItems.push(s),
    getLoginItemSettings: () => ({ openAtLogin: false, wasOpenedAtLogin: false }),
  });

  class BrowserWindow extends EventEmitter implements FakeWindow {
    options: Record<string, unknown>;
    webContents: FakeWindow['webContents'];
    shown = 0;
    hidden = 0;
    progress: Array<[number, unknown]> = [];
    loaded: string | null = null;
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      const wc: FakeWebContents = Object.assign(new EventEmitter(), {
        openHandler: null as FakeWebContents['openHandler'],
        sent: [] as Array<[string, unknown]>,
        mainFrame: topFrame('about:blank'),
        navigate(url: string) {
          const before = wc.mainFrame;
          wc.mainFrame = topFrame(url);
          return before;
        },
        addSubframe(url: string, parent: FakeFrame = wc.mainFrame) {
          const f: FakeFrame = { url, parent, top: parent.top, frames: [] };
          parent.frames.push(f);
          return f;
        },
        ipcEvent(frame: FakeFrame | null = wc.mainFrame) {
          return { sender: wc, senderFrame: frame, processId: 1, frameId: frame === wc.mainFrame ? 1 : 2 };
        },
        setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
          wc.openHandler = h;
        },
        send(channel: string, payload: unknown) {
          wc.sent.push([channel, payload]);
        },
        isDestroyed: () => false,
      });
      this.webContents = wc;
      state.windows.push(this);
    }
    loadFile(p: string) {
      this.loaded = p;
      this.webContents.navigate(pathToFileURL(resolve(p)).href);
      return Promise.resolve();
    }
    loadURL(u: string) {
      this.loaded = u;
      this.webContents.navigate(u);
      return Promise.resolve();
    }
    show() {
      this.shown++;
    }
    hide() {
      this.hidden++;
    }
    focus() {}
    restore() {}
    maximize() {}
    isMinimized = () => false;
    isMaximized = () => false;
    isVisible = () => this.shown > this.hidden;
    isFocused = () => false;
    isDestroyed = () => false;
    getBounds = () => ({ x: 0, y: 0, width: 1100, height: 760 });
    setProgressBar(p: number, o: unknown) {
      this.progress.push([p, o]);
    }
  }

  class Tray extends EventEmitter {
    tooltip = '';
    menu: unknown[] = [];
    constructor() {
      super();
      state.trays.push(this);
    }
    setImage() {}
    setToolTip(t: string) {
      this.tooltip = t;
    }
    setContextMenu(m: { items: unknown[] }) {
      this.menu = m.items;
    }
    destroy() {}
  }

  class Notification extends EventEmitter {
    static isSupported = () => true;
    constructor(private readonly o: { title: string; body: string }) {
      super();
    }
    show() {
      state.notifications.push(this.o);
      state.notificationObjects.push(this);
    }
  }

  let blockerSeq = 0;
  const electron = {
    app,
    BrowserWindow,
    Tray,
    Notification,
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => void state.handlers.set(channel, fn),
      removeHandler: (channel: string) => void state.handlers.delete(channel),
    },
    Menu: { buildFromTemplate: (items: unknown[]) => ({ items }), setApplicationMenu: (m: unknown) => void (state.appMenu = m) },
    nativeImage: { createFromPath: (p: string) => ({ path: p }) },
    powerSaveBlocker: {
      start: (type: string) => {
        state.blockers.push(type);
        return ++blockerSeq;
      },
      stop: (id: number) => void state.blockersStopped.push(id),
      isStarted: () => true,
    },
    powerMonitor: Object.assign(new EventEmitter(), {}),
    net: { isOnline: () => true },
    nativeTheme: { themeSource: 'system' },
    clipboard: { readText: async () => '' },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        resolveProxy: async () => 'DIRECT',
        setPermissionRequestHandler: (h: typeof state.permissionHandler) => {
          state.permissionHandler = h;
        },
        setPermissionCheckHandler: () => undefined,
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) => void state.privilegedSchemes.push(...schemes),
      handle: (scheme: string, fn: (request: { url: string }) => Promise<Response>) => void state.protocols.set(scheme, fn),
      unhandle: (scheme: string) => void state.protocols.delete(scheme),
    },
    shell: { openExternal: async (u: string) => void state.opened.push(u), showItemInFolder: () => undefined },
    dialog: {
      showMessageBox: async () => ({ response: 1 }),
      // Either (options) or (window, options), as Electron takes them.
      showOpenDialog: async (...args: unknown[]) => {
        const o = args.at(-1) as { properties?: string[] };
        if (!o.properties?.includes('openDirectory') || !o.properties.includes('createDirectory')) return { canceled: true, filePaths: [] };
        state.folderDialogs.push(o);
        return state.folderAnswer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [state.folderAnswer] };
      },
      showSaveDialog: async (...args: unknown[]) => {
        state.saveDialogs.push(args.at(-1) as Record<string, unknown>);
        return state.saveAnswer === null ? { canceled: true } : { canceled: false, filePath: state.saveAnswer };
      },
    },
  };
  return { electron, state };
}

/** A recording stand-in for electron-updater's autoUpdater: the test emits its events; calls and settings are kept. */
export function createFakeUpdater() {
  const calls = { check: 0, download: 0, quitAndInstall: [] as Array<[boolean, boolean]> };
  /** Every property the app assigned, in order: the signature checks must never be among them. */
  const assigned: Array<[string, unknown]> = [];
  const emitter = new EventEmitter();
  const updater = {
    on: (name: string, fn: (...args: unknown[]) => void) => (emitter.on(name, fn), updater),
    removeListener: (name: string, fn: (...args: unknown[]) => void) => (emitter.off(name, fn), updater),
    emit: (name: string, ...args: unknown[]) => emitter.emit(name, ...args),
    checkForUpdates: async () => {
      calls.check++;
      return null;
    },
    downloadUpdate: async () => {
      calls.download++;
      return [];
    },
    quitAndInstall: (isSilent: boolean, isForceRunAfter: boolean) => void calls.quitAndInstall.push([isSilent, isForceRunAfter]),
  };
  const autoUpdater = new Proxy(updater, {
    set(target, key, value) {
      assigned.push([String(key), value]);
      (target as Record<string | symbol, unknown>)[key] = value;
      return true;
    },
  });
  return { autoUpdater, calls, assigned, emitter };
}
