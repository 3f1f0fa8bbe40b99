// Every IPC channel as a plain async function over the engine, API client, secret store and local stores; Electron main and the e2e harness both wrap this.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import type {
  AuthStatus,
  IpcChannel,
  IpcEventName,
  IpcEvents,
  IpcResult,
  IpcResults,
  KeychainState,
  PendingOpen,
  RecentSession,
} from '../../shared/ipc';
import type { UiView } from '../../shared/ipc-channels';
import type { Session, Template, Workspace } from '../../shared/api';
import type { IntakeReport, QueueSummary, Target } from '../../shared/queue';
import { ApiError, isApiError } from './api/api-error';
import { RaydocsClient } from './api/client';
import { describeApiError } from './api/describe-api-error';
import { AppError } from './desktop/app-error';
import { accountSwapPrompt, apiOriginPrompt, hostOf, originOf, signOutPrompt, type ConfirmPrompt } from './desktop/confirmations';
import { refusedOnlyReport, unresolvedRefusals } from './desktop/dropped-files';
import { createEventBatcher } from './desktop/event-batcher';
import { checkExternalUrl } from './desktop/external-links';
import { dispatch, type IpcHandlers } from './desktop/ipc-dispatch';
import { createFileLogger, type Logger } from './desktop/log-file';
import { joinBatch, pendingView, type OpenedBatch } from './desktop/opened-files';
import { createRecentSessionsStore } from './desktop/recent-sessions';
import { redactor } from './desktop/redact';
import { rememberPerFileSessions } from './desktop/per-file-recents';
import { localPage } from './desktop/local-page';
import { parseSessionInput } from './desktop/session-link';
import type { SettingsStore } from './desktop/settings-store';
import { createEngine, nothingToReparse, parsingsOf, ReparseError, reparseConfigHash, sessionHashForReparse, type EngineOptions, type UploadEngine } from './engine';
import { createRateLimiter, DEFAULT_API_RATE_LIMIT } from './api/rate-limiter';
import { DEFAULT_BASE_URL } from '../../shared/base-url';
import { mapLimit } from './map-limit';
import type { RunView } from '../../shared/runs';
import type { SaveTarget } from './runs/excel-export';
import { knownSession } from './runs/known-session';
import { createRunsService } from './runs/runs-service';
import type { SecretStore } from './secret-store';

export type { IpcHandlers };

export interface DesktopShell {
  reveal(path: string): Promise<void>;
  openExternal(url: string): Promise<void>;
  pickPaths(kind: 'files' | 'folder'): Promise<string[]>;
  /** A native question only main can show (the renderer cannot answer it): true when the person confirmed. */
  confirm(prompt: ConfirmPrompt): Promise<boolean>;
  /** Main's native save dialog: a file to write or a folder to write into; null when cancelled. */
  chooseSaveTarget(target: SaveTarget): Promise<string | null>;
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

type EventListener = <E extends IpcEventName>(event: E, payload: IpcEvents[E]) => void;

export interface AppService {
  handlers: IpcHandlers;
  /** Validates the raw payload with the shared schema, runs the handler, and answers an IpcResult; never throws. */
  invoke<C extends IpcChannel>(channel: C, raw: unknown): Promise<IpcResult<IpcResults[C]>>;
  onEvent(listener: EventListener): () => void;
  /** Queues paths dropped on the tray icon for the last target used; null when there is none yet. */
  addToCurrentTarget(paths: string[]): Promise<IntakeReport | null>;
  /** Files the OS opened with the app wait as one pending batch the window answers (Upload / Choose session / Dismiss). */
  offerOpened(paths: string[]): PendingOpen | null;
  lastTarget(): Target | null;
  /** The view the renderer last reported through `ui:view`. */
  currentView(): UiView | null;
  summary(): QueueSummary;
  signedIn(): boolean;
  /** Runs that settled, each once (also when it settled across a restart): main notifies. */
  onRunsSettled(listener: (runs: RunView[]) => void): () => void;
  /** Asks the window to show a view (a notification or tray click); a run's notification names its result. */
  navigate(view: UiView, resultId?: string): void;
  /** Removes the token (and anything that looks like a bearer value) from a text. */
  redact(text: string): string;
  log: Logger['log'];
  close(): Promise<void>;
}

const RECENT_REFRESH_CONCURRENCY = 4;
/** Templates a page of the picker shows (the API's own default page size, §6.2). */
const TEMPLATES_PER_PAGE = 15;

function keychainMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isKeychainError(err: unknown): boolean {
  return err instanceof Error && err.name === 'KeychainUnavailableError';
}

/** ApiErrors become sentences a person can act on; the code stays machine-readable. */
function humanize(err: unknown): unknown {
  if (isApiError(err)) return new AppError(err.code, describeApiError(err), { status: err.status, request: err.request });
  return err;
}

function recentFrom(session: Session, workspaceId: number, lastUsedAt: number): RecentSession {
  return {
    id: session.id,
    workspaceId,
    name: session.name,
    status: session.status ?? null,
    documentCount: session.documents.length,
    lastUsedAt,
    error: null,
  };
}

export async function createAppService(deps: AppServiceDeps): Promise<AppService> {
  mkdirSync(deps.userDataDir, { recursive: true });
  // The token lives in the keychain (or, by choice, only here); this copy avoids a keychain round trip per request.
  let token: string | null = null;
  // What the OS keychain is known to be, and whether this run keeps the token in memory instead.
  let osKeychain: Exclude<KeychainState, { kind: 'memory-only' }> = { kind: 'os' };
  let memoryOnly = false;
  const keychainState = (): KeychainState => (memoryOnly ? { kind: 'memory-only' } : osKeychain);
  let workspaces: Workspace[] = [];
  let view: UiView | null = null;
  const demo = Boolean(deps.demo && deps.demoToken);

  const redact = redactor(() => [token, deps.demoToken]);
  const logger = deps.logger ?? createFileLogger(deps.userDataDir, redact);
  const log: Logger['log'] = (level, message, context) => logger.log(level, redact(message), context);

  const listeners = new Set<EventListener>();
  const emit = <E extends IpcEventName>(event: E, payload: IpcEvents[E]): void => {
    for (const l of listeners) {
      try {
        l(event, payload);
      } catch (err) {
        log('error', `event listener failed: ${keychainMessage(err)}`);
      }
    }
  };

  if (demo) {
    token = deps.demoToken ?? null;
    memoryOnly = true;
  } else {
    try {
      token = await deps.secretStore.get();
    } catch (err) {
      if (!isKeychainError(err)) throw err;
      osKeychain = { kind: 'unavailable', message: keychainMessage(err) };
      log('warn', 'keychain unavailable at start', { reason: keychainMessage(err) });
    }
  }

  const baseUrl = deps.apiBaseUrl ?? deps.settings.get().apiBaseUrl;
  // One budget for every API call the app makes (the window's and the engine's), under the documented 100/min per IP.
  const rateLimit = deps.rateLimit === undefined ? DEFAULT_API_RATE_LIMIT : deps.rateLimit;
  const limiter = rateLimit ? createRateLimiter(rateLimit) : null;
  const clientFor = (t: string | (() => Promise<string | null>), lane: 'upload' | 'background' = 'upload'): RaydocsClient =>
    new RaydocsClient({
      baseUrl,
      token: t,
      ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
      ...(limiter ? { beforeRequest: lane === 'upload' ? limiter.beforeRequest : limiter.background.beforeRequest } : {}),
    });
  const client = clientFor(async () => token);
  // Polling (runs, the documents view) waits behind uploads in the same budget.
  const background = clientFor(async () => token, 'background');
  const recents = createRecentSessionsStore(deps.userDataDir);
  /** Each session's config hash as its last run here answered it (memory only). */
  const runHashes = new Map<string, string>();

  const settings0 = deps.settings.get();
  const engine: UploadEngine = createEngine({
    client,
    journalDir: join(deps.userDataDir, 'journal'),
    concurrency: settings0.concurrency,
    bandwidthLimitBps: settings0.bandwidthLimitBps,
    keepFileNames: settings0.keepFileNames,
    ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
    ...deps.engineOptions,
  });

  const runs = createRunsService({
    client,
    background,
    userDataDir: deps.userDataDir,
    chooseSaveTarget: (target) => deps.shell.chooseSaveTarget(target),
    knownSession: (id) => knownSession(id, engine.snapshot().items, (sid) => workspaces.map((w) => recents.get(w.id, sid)).find((r) => r) ?? null),
    started(sessionId, result) {
      // The run's answer names the session's config hash (a reparse sends it); its list and reads may show another form.
      if (result.config_hash) runHashes.set(sessionId, result.config_hash);
      // A run parses the session's unparsed documents: the queue rows show that parse beside "stored".
      engine.refreshDocuments(sessionId, result.config_hash);
    },
    emitRuns: (list) => emit('runs:changed', { runs: list }),
    log,
  });

  const batcher = createEventBatcher((events) => emit('queue:events', events), { intervalMs: deps.eventIntervalMs ?? 100 });
  const unsubscribeEngine = engine.on((e) => {
    if (e.type === 'items') {
      rememberPerFileSessions(e.items, recents, Date.now());
      runs.noteItems(e.items);
    }
    if (e.type === 'batch-finished') log('info', 'batch finished', { batchId: e.batchId, uploaded: e.uploaded, alreadyThere: e.alreadyThere, failed: e.failed, refused: e.refused });
    batcher.push(e);
  });
  await engine.start();
  log('info', 'app service started', { apiBaseUrl: baseUrl, demo, keychain: keychainState().kind, signedIn: token !== null });

  // The sign-in screen names a server that is not Raydocs' own, so a token is never pasted into a stranger's unawares.
  const apiHost = originOf(baseUrl) === originOf(DEFAULT_BASE_URL) ? {} : { apiHost: hostOf(baseUrl) };
  const status = (): AuthStatus =>
    token === null
      ? { state: 'signed-out', keychain: keychainState(), ...apiHost }
      : { state: 'signed-in', workspaces, demo, keychain: keychainState(), ...apiHost };

  /** Main asks, natively; a renderer can request a change but never answer for the person. */
  async function ask(prompt: ConfirmPrompt | null, refusal: string): Promise<void> {
    if (prompt && !(await deps.shell.confirm(prompt))) throw new AppError('cancelled', refusal);
  }

  let refreshing: Promise<void> | null = null;
  function refreshWorkspacesSoon(): void {
    refreshing ??= refreshWorkspaces().finally(() => {
      refreshing = null;
    });
  }

  async function refreshWorkspaces(): Promise<void> {
    const asked = token;
    if (asked === null) return;
    try {
      const found = await clientFor(asked).listWorkspaces();
      // A sign-out or another sign-in happened meanwhile: that answer is about a token no longer in use.
      if (token !== asked) return;
      workspaces = found;
      emit('auth:changed', status());
    } catch (err) {
      if (token !== asked) return;
      if (isApiError(err) && err.code === 'unauthorized' && err.status !== null) {
        // The stored token was revoked: the person has to sign in again; the queue waits in "signed out".
        log('warn', 'stored token refused by the API');
        token = null;
        workspaces = [];
        emit('auth:changed', status());
      } else {
        log('warn', `could not list workspaces: ${describeApiError(err)}`);
      }
    }
  }
  refreshWorkspacesSoon();

  async function refreshRecent(entry: RecentSession): Promise<RecentSession> {
    try {
      const session = await client.getSession(entry.id);
      return recentFrom(session, entry.workspaceId, entry.lastUsedAt);
    } catch (err) {
      if (isApiError(err) && (err.code === 'network' || err.code === 'timeout' || err.code === 'unauthorized')) return entry;
      return { ...entry, error: describeApiError(err) };
    }
  }

  function touchTarget(target: Target): void {
    recents.setLastTarget(target);
    if (target.kind !== 'session') return;
    const known = recents.get(target.workspaceId, target.sessionId);
    recents.upsert({
      ...(known ?? { id: target.sessionId, workspaceId: target.workspaceId, name: target.sessionName, status: null, documentCount: null, error: null }),
      lastUsedAt: Date.now(),
    });
  }

  /** The one way files join the queue: paths come from the preload (a real drop), main's own dialog, or the OS. */
  async function queueFiles(paths: string[], target: Target, unresolved: readonly string[] = []): Promise<IntakeReport> {
    if (paths.length === 0) return refusedOnlyReport(unresolved);
    const added = await engine.add(paths, target);
    const report = unresolved.length ? { ...added, refused: [...added.refused, ...unresolvedRefusals(unresolved)] } : added;
    touchTarget(target);
    log('info', 'files queued', { batchId: report.batchId, accepted: report.accepted, refused: report.refused.length, duplicates: report.duplicates });
    return report;
  }

  /**
   * The workspace a session belongs to: its template's (as the CLI reads it). When the template does not say, the
   * only visible workspace, else the one the person had selected.
   */
  async function workspaceOfSession(session: Session, selected: number): Promise<number> {
    if (!session.extraction_template_id) return selected;
    let template: Template;
    try {
      template = await client.getTemplate(session.extraction_template_id);
    } catch (err) {
      // A template this token cannot read (no templates-read, or gone) says nothing: keep the selected workspace.
      if (isApiError(err) && (err.code === 'forbidden' || err.code === 'not-found')) return selected;
      throw err;
    }
    if (typeof template.workspace_id === 'number') return template.workspace_id;
    const visible = await client.listWorkspaces();
    return visible.length === 1 && visible[0] ? visible[0].id : selected;
  }

  // Opened files wait here, in main: the window sees names and a count and answers by id.
  let opened: OpenedBatch | null = null;
  const openedView = (): PendingOpen | null => (opened ? pendingView(opened, recents.lastTarget()) : null);
  function takeOpened(id: string): OpenedBatch | null {
    if (!opened || opened.id !== id) return null;
    const batch = opened;
    opened = null;
    emit('opened:changed', null);
    return batch;
  }

  function requireSignedIn(): void {
    if (token === null) throw new AppError('unauthorized', 'You are signed out. Sign in with a Raydocs Personal Access Token.');
  }

  const raw: IpcHandlers = {
    'auth:status': async () => {
      // Started offline: try again in the background; auth:changed brings the names when they arrive.
      if (token !== null && workspaces.length === 0) refreshWorkspacesSoon();
      return status();
    },
    'auth:sign-in': async ({ token: candidate, memoryOnly: wantsMemory }) => {
      let found: Workspace[];
      try {
        found = await clientFor(candidate).listWorkspaces();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'unauthorized') {
          throw new AppError('unauthorized', 'Raydocs refused this token. Check that it was copied whole and has not been revoked.');
        }
        throw err;
      }
      // The keychain entry is shared with the CLI: replacing a signed-in account is the person's decision, not the page's.
      if (token !== null) {
        await ask(accountSwapPrompt(workspaces.map((w) => w.name), found.map((w) => w.name)), 'Sign-in cancelled: the account already signed in stays.');
      }
      if (wantsMemory || demo) {
        memoryOnly = true;
      } else {
        try {
          await deps.secretStore.set(candidate);
          osKeychain = { kind: 'os' };
          memoryOnly = false;
        } catch (err) {
          if (!isKeychainError(err)) throw err;
          osKeychain = { kind: 'unavailable', message: keychainMessage(err) };
          emit('auth:changed', status());
          throw new AppError('keychain-unavailable', `${keychainMessage(err)} You can keep the token in memory for this run only.`);
        }
      }
      token = candidate;
      workspaces = found;
      log('info', 'signed in', { workspaces: found.length, keychain: keychainState().kind });
      engine.signedIn();
      const next = status();
      emit('auth:changed', next);
      return next;
    },
    'auth:sign-out': async () => {
      if (token !== null) await ask(signOutPrompt(workspaces.map((w) => w.name)), 'Sign-out cancelled: you are still signed in.');
      token = null;
      workspaces = [];
      if (!memoryOnly && osKeychain.kind === 'os') {
        try {
          await deps.secretStore.delete();
        } catch (err) {
          if (!isKeychainError(err)) throw err;
          osKeychain = { kind: 'unavailable', message: keychainMessage(err) };
        }
      }
      // Memory-only was for the signed-in run; the next sign-in tries the keychain again (except in the demo).
      if (!demo) memoryOnly = false;
      log('info', 'signed out');
      const next = status();
      emit('auth:changed', next);
      return next;
    },
    'workspaces:list': async () => {
      requireSignedIn();
      workspaces = await client.listWorkspaces();
      return workspaces;
    },
    // The server may page by number, simply or by cursor (§2, §13): read the list to its end, page it for the picker.
    'templates:list': async ({ workspaceId, page }) => localPage(await client.listAllTemplates(workspaceId), page, TEMPLATES_PER_PAGE),
    'sessions:recent': async ({ workspaceId }) => {
      const list = recents.list(workspaceId);
      if (token === null || list.length === 0) return list;
      const refreshed = await mapLimit(list, RECENT_REFRESH_CONCURRENCY, refreshRecent);
      return refreshed.map((r) => recents.upsert({ ...r, lastUsedAt: recents.get(r.workspaceId, r.id)?.lastUsedAt ?? r.lastUsedAt }));
    },
    'sessions:open': async ({ workspaceId, input }) => {
      const id = parseSessionInput(input);
      if (id === null) {
        throw new AppError('validation', 'Paste a session ID (like 3f2b8c1e-…) or a link to a session from the Raydocs dashboard.');
      }
      const session = await client.getSession(id);
      // Filed under its own workspace, whichever one is selected: its uploads go there.
      return recents.upsert(recentFrom(session, await workspaceOfSession(session, workspaceId), Date.now()));
    },
    'sessions:create': async ({ workspaceId, templateId, name }) => {
      const session = await client.createSession({ extraction_template_id: templateId, name });
      recents.upsert(recentFrom(session, workspaceId, Date.now()));
      return session;
    },
    'sessions:documents': async ({ sessionId }) => background.listSessionDocuments(sessionId),
    'documents:reparse': async ({ workspaceId, sessionId, documentId }) => {
      const doc = await client.getWorkspaceDocument(workspaceId, documentId);
      // The engine's rule, so the window and the queue row ask for the same parsing and never send a hash the API refuses.
      const sessionHash = await sessionHashForReparse(runHashes.get(sessionId) ?? null, () => client.listResults(sessionId));
      const configHash = reparseConfigHash(parsingsOf(doc), sessionHash);
      if (!configHash) throw new AppError('validation', nothingToReparse(doc.filename || 'This document'));
      const answer = await client.reparseDocument(workspaceId, documentId, { config_hash: configHash, force: true });
      for (const sessionId of engine.snapshot().items.flatMap((it) => (it.state.status === 'done' && it.state.documentId === documentId ? [it.state.sessionId] : []))) {
        engine.refreshDocuments(sessionId);
      }
      return answer;
    },
    ...runs.handlers,
    'queue:add': async ({ paths, unresolved, target }) => queueFiles(paths, target, unresolved),
    'queue:snapshot': async () => engine.snapshot(),
    'queue:pause': async ({ ids }) => engine.pause(ids),
    'queue:resume': async ({ ids }) => engine.resume(ids),
    'queue:cancel': async ({ ids }) => engine.cancel(ids),
    'queue:retry': async ({ ids }) => engine.retry(ids),
    'queue:remove': async ({ ids }) => engine.remove(ids),
    'queue:reparse': async ({ itemId }) => {
      try {
        await engine.reparse(itemId);
      } catch (err) {
        if (err instanceof ReparseError) throw new AppError('validation', err.message);
        throw err;
      }
    },
    'queue:clear-finished': async () => engine.clearFinished(),
    'queue:probe-now': async () => engine.probeNow(),
    'settings:get': async () => deps.settings.get(),
    'settings:set': async (patch) => {
      // A new API origin receives the token from the next start on: main asks, naming the host.
      if (patch.apiBaseUrl !== undefined) {
        await ask(apiOriginPrompt(deps.settings.get().apiBaseUrl, patch.apiBaseUrl), 'The API address was not changed.');
      }
      const next = deps.settings.set(patch);
      if (patch.concurrency !== undefined) engine.setConcurrency(next.concurrency);
      if (patch.bandwidthLimitBps !== undefined) engine.setBandwidthLimit(next.bandwidthLimitBps);
      if (patch.keepFileNames !== undefined) engine.setKeepFileNames(next.keepFileNames);
      emit('settings:changed', next);
      return next;
    },
    'shell:reveal': async ({ itemId }) => {
      const item = engine.snapshot().items.find((i) => i.id === itemId);
      if (!item) throw new AppError('not-found', 'That file is no longer in the queue.');
      await deps.shell.reveal(item.path);
    },
    'shell:open-external': async ({ url }) => {
      const verdict = checkExternalUrl(url);
      if (!verdict.ok) throw new AppError('forbidden-url', `Not opening ${url}: ${verdict.reason}.`);
      await deps.shell.openExternal(verdict.url);
    },
    'dialog:pick': async ({ kind, target }) => {
      // The paths go from main's own dialog to the queue: the renderer sees only the report.
      const picked = await deps.shell.pickPaths(kind);
      return picked.length ? queueFiles(picked, target) : null;
    },
    'ui:view': async ({ view: next }) => {
      view = next;
    },
    'opened:get': async () => openedView(),
    'opened:accept': async ({ id, target }) => {
      const batch = takeOpened(id);
      return batch ? queueFiles(batch.paths, target) : null;
    },
    'opened:dismiss': async ({ id }) => {
      if (takeOpened(id)) log('info', 'opened files dismissed');
    },
  };

  const handlers = Object.fromEntries(
    (Object.entries(raw) as [IpcChannel, (a: unknown) => Promise<unknown>][]).map(([channel, fn]) => [
      channel,
      async (args: unknown) => {
        try {
          return await fn(args);
        } catch (err) {
          const out = humanize(err);
          log('warn', `${channel} failed: ${out instanceof Error ? out.message : String(out)}`, {
            code: (out as { code?: unknown }).code ?? 'internal',
          });
          throw out;
        }
      },
    ]),
  ) as IpcHandlers;

  runs.start();
  let closed = false;
  return {
    handlers,
    invoke: (channel, rawArgs) => dispatch(handlers, channel, rawArgs, redact),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async addToCurrentTarget(paths) {
      const target = recents.lastTarget();
      if (!target || paths.length === 0) return null;
      return queueFiles(paths, target);
    },
    offerOpened(paths) {
      if (paths.length === 0) return openedView();
      opened = joinBatch(opened, paths);
      const pending = openedView();
      emit('opened:changed', pending);
      return pending;
    },
    lastTarget: () => recents.lastTarget(),
    currentView: () => view,
    // Fresh, not the last throttled event: the quit prompt must count files queued a moment ago.
    summary: () => engine.snapshot().summary,
    signedIn: () => token !== null,
    onRunsSettled: (listener) => runs.onSettled(listener),
    navigate: (to, resultId) => emit('navigate', resultId ? { view: to, resultId } : { view: to }),
    redact,
    log,
    async close() {
      if (closed) return;
      closed = true;
      unsubscribeEngine();
      runs.close();
      await engine.close();
      batcher.close();
      listeners.clear();
      log('info', 'app service closed');
      if (!deps.logger) await logger.close();
    },
  };
}
