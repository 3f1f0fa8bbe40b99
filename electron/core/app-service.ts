// The app's services (auth, targets, queue, documents, runs, settings, window, watches) composed over one engine and one API
// budget; every IPC channel's handler comes from one of them. Electron main and the e2e harness both wrap this.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import type { IpcChannel, IpcResult, IpcResults } from '../../shared/ipc';
import { DEFAULT_BASE_URL } from '../../shared/base-url';
import { AppError } from './desktop/app-error';
import { hostOf, originOf, type ConfirmPrompt } from './desktop/confirmations';
import { createEventBatcher } from './desktop/event-batcher';
import { dispatch, type IpcHandlers } from './desktop/ipc-dispatch';
import { createFileLogger, type Logger } from './desktop/log-file';
import { redactor } from './desktop/redact';
import type { SettingsStore } from './desktop/settings-store';
import { createEngine, type EngineOptions } from './engine';
import type { SaveTarget } from './runs/excel-export';
import { knownSession } from './runs/known-session';
import { createRunsService, type RunsService } from './runs/runs-service';
import type { SecretStore } from './secret-store';
import { createApiClients } from './services/api-clients';
import { createAuthService, type AuthService } from './services/auth-service';
import { createDisposableStore } from './services/disposables';
import { createDocumentsService } from './services/documents-service';
import { createEventHub, type EventListener } from './services/event-hub';
import { logged } from './services/logged-handlers';
import { createQueueService, type QueueService } from './services/queue-service';
import { createSettingsService, type SettingsService } from './services/settings-service';
import { createTargetsService, type TargetsService } from './services/targets-service';
import { createWatchService, type WatchService } from './services/watch-service';
import { createWindowService, type WindowService } from './services/window-service';

export type { IpcHandlers };

export interface DesktopShell {
  reveal(path: string): Promise<void>;
  openExternal(url: string): Promise<void>;
  pickPaths(kind: 'files' | 'folder'): Promise<string[]>;
  /** A native question only main can show (the renderer cannot answer it): true when the person confirmed. */
  confirm(prompt: ConfirmPrompt): Promise<boolean>;
  /** Main's native save dialog: a file to write or a folder to write into; null when cancelled. */
  chooseSaveTarget(target: SaveTarget): Promise<string | null>;
  /** The clipboard's text (main's; the picker asks for a session link on it). */
  readClipboardText?(): string | Promise<string>;
}

export interface AppServiceDeps {
  secretStore: SecretStore;
  userDataDir: string;
  settings: SettingsStore;
  /** Overrides the setting for this run (RAYDOCS_API_URL). */
  apiBaseUrl?: string;
  demo?: boolean;
  /** With `demo`: the emulator's token, kept in memory for this run only (never stored, never sent to the renderer). */
  demoToken?: string;
  shell: DesktopShell;
  /** System proxy for API calls and presigned PUTs. */
  dispatcher?: Dispatcher;
  /** Extra engine options (tests shorten poll intervals). */
  engineOptions?: Partial<Omit<EngineOptions, 'client' | 'journalDir'>>;
  /** The client-side API limit every call shares (default 95 a minute); null: none (benches against an unlimited emulator). */
  rateLimit?: { count: number; windowMs: number } | null;
  /** Renderer message interval for queue events (default 100 ms: ≤ 10 a second). */
  eventIntervalMs?: number;
  logger?: Logger;
}

export interface AppService {
  auth: AuthService;
  targets: TargetsService;
  queue: QueueService;
  settings: SettingsService;
  window: WindowService;
  /** Watched folders: their states for the tray, one notification per quiet period. */
  watches: Pick<WatchService, 'views' | 'onQuiet'>;
  /** Runs that settled, each once (also when it settled across a restart): main notifies through `runs.onSettled`. */
  runs: Pick<RunsService, 'onSettled'>;
  handlers: IpcHandlers;
  /** Validates the raw payload with the shared schema, runs the handler, and answers an IpcResult; never throws. */
  invoke<C extends IpcChannel>(channel: C, raw: unknown): Promise<IpcResult<IpcResults[C]>>;
  /** Every renderer-bound event (queue events batched), for main to forward to the window. */
  onEvent(listener: EventListener): () => void;
  /** Removes the token (and anything that looks like a bearer value) from a text. */
  redact(text: string): string;
  log: Logger['log'];
  close(): Promise<void>;
}

// Past 60 lines on purpose: it is the composition root, the one place that shows which service depends on which.
export async function createAppService(deps: AppServiceDeps): Promise<AppService> {
  mkdirSync(deps.userDataDir, { recursive: true });
  const demoToken = deps.demo && deps.demoToken ? deps.demoToken : null;
  const baseUrl = deps.apiBaseUrl ?? deps.settings.get().apiBaseUrl;
  const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
  const listenerFailed = (err: unknown): void => log('error', `event listener failed: ${message(err)}`);
  const hub = createEventHub(listenerFailed);
  const disposables = createDisposableStore((err) => log('error', `closing failed: ${message(err)}`));

  // One budget for every API call the app makes (the window's and the engine's), counted with every process of the user.
  const clientFor = createApiClients({
    baseUrl,
    userDataDir: deps.userDataDir,
    ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
    rateLimit: deps.rateLimit,
    warn: (text) => log('warn', text),
  });
  /** Main asks, natively; a renderer can request a change but never answer for the person. */
  const ask = async (prompt: ConfirmPrompt | null, refusal: string): Promise<void> => {
    if (prompt && !(await deps.shell.confirm(prompt))) throw new AppError('cancelled', refusal);
  };

  const auth = createAuthService({
    secretStore: deps.secretStore,
    demoToken,
    // The sign-in screen names a server that is not Raydocs' own, so a token is never pasted into a stranger's unawares.
    apiHost: originOf(baseUrl) === originOf(DEFAULT_BASE_URL) ? {} : { apiHost: hostOf(baseUrl) },
    listWorkspaces: (t) => clientFor(t).listWorkspaces(),
    ask,
    emit: hub.emit,
    log: (...args) => log(...args),
  });
  const redact = redactor(() => [auth.token(), deps.demoToken]);
  const logger = deps.logger ?? createFileLogger(deps.userDataDir, redact);
  const log: Logger['log'] = (level, text, context) => logger.log(level, redact(text), context);
  await auth.load();

  const client = clientFor(async () => auth.token());
  // Polling (runs, the documents view) waits behind uploads in the same budget.
  const background = clientFor(async () => auth.token(), 'background');
  const batcher = createEventBatcher((events) => hub.emit('queue:events', events), { intervalMs: deps.eventIntervalMs ?? 100 });
  disposables.add(() => batcher.close());
  const settings0 = deps.settings.get();
  const engine = createEngine({
    client,
    journalDir: join(deps.userDataDir, 'journal'),
    concurrency: settings0.concurrency,
    bandwidthLimitBps: settings0.bandwidthLimitBps,
    keepFileNames: settings0.keepFileNames,
    ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
    ...deps.engineOptions,
  });
  disposables.add(() => engine.close());

  const targets = createTargetsService({
    client,
    userDataDir: deps.userDataDir,
    signedIn: auth.signedIn,
    workspaces: auth.workspaces,
    readClipboardText: async () => (await deps.shell.readClipboardText?.()) ?? '',
  });
  const documents = createDocumentsService({ client, background, engine });
  const queue = createQueueService({ engine, targets, shell: deps.shell, emit: hub.emit, log });
  const settings = createSettingsService({ store: deps.settings, engine, ask, emit: hub.emit, onListenerError: listenerFailed });
  const window = createWindowService({ openExternal: (url) => deps.shell.openExternal(url), emit: hub.emit });
  const runs = createRunsService({
    client,
    background,
    userDataDir: deps.userDataDir,
    chooseSaveTarget: (target) => deps.shell.chooseSaveTarget(target),
    knownSession: (id) => knownSession(id, queue.items(), targets.recent),
    started: documents.runStarted,
    emitRuns: (list) => hub.emit('runs:changed', { runs: list }),
    log,
    // One clock for the engine and the runs: a test that fakes one fakes both.
    ...(deps.engineOptions?.clock ? { clock: deps.engineOptions.clock } : {}),
  });
  disposables.add(() => runs.close());
  const watches = createWatchService({
    userDataDir: deps.userDataDir,
    engine,
    pickFolders: () => deps.shell.pickPaths('folder'),
    emit: hub.emit,
    log,
    ...(deps.engineOptions?.clock ? { clock: deps.engineOptions.clock } : {}),
  });
  disposables.add(() => watches.close());
  disposables.add(auth.onSignedIn(() => engine.signedIn()));

  // Disposables run newest first: listeners go, then the runs, the engine, and last the batcher.
  disposables.add(
    engine.on((e) => {
      if (e.type === 'items') {
        targets.noteItems(e.items);
        runs.noteItems(e.items);
      }
      if (e.type === 'batch-finished') log('info', 'batch finished', { batchId: e.batchId, uploaded: e.uploaded, alreadyThere: e.alreadyThere, failed: e.failed, refused: e.refused });
      batcher.push(e);
    }),
  );
  await engine.start();
  watches.start();
  log('info', 'app service started', { apiBaseUrl: baseUrl, demo: demoToken !== null, keychain: auth.status().keychain.kind, signedIn: auth.signedIn() });
  auth.refreshSoon();

  const handlers = logged(
    { ...auth.handlers, ...targets.handlers, ...documents.handlers, ...runs.handlers, ...queue.handlers, ...settings.handlers, ...window.handlers, ...watches.handlers },
    log,
  );
  runs.start();
  return {
    auth,
    targets,
    queue,
    settings,
    window,
    watches,
    runs,
    handlers,
    invoke: (channel, rawArgs) => dispatch(handlers, channel, rawArgs, redact),
    onEvent: (listener) => hub.on(listener),
    redact,
    log,
    async close() {
      if (disposables.disposed) return;
      await disposables.dispose();
      hub.clear();
      log('info', 'app service closed');
      if (!deps.logger) await logger.close();
    },
  };
}
