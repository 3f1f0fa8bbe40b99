// The one IPC contract: each channel's argument schema and result type, and the main → renderer events.
// Main validates every argument with these schemas; preload and the renderer's bridge wrapper are typed from them.
import { z } from 'zod';
import type { EngineEvent, IntakeReport, QueueItem, QueueSummary, Target } from './queue';
import type { ExtractionResult, Paginated, Session, Template, Workspace, WorkspaceDocument } from './api';
import { settingsPatchSchema, type Settings } from './settings';
import { runViewSchema, saveAllResultSchema, saveExcelResultSchema, type RunView, type SaveAllResult, type SaveExcelResult } from './runs';
import { IPC_CHANNELS, IPC_EVENT_NAMES, UI_VIEWS, type IpcChannel, type IpcEventName, type UiView } from './ipc-channels';
import type { UpdateView } from './update';
import { watchOptionsSchema, type WatchView } from './watch';

// Any 8-4-4-4-12 hex id: the API documents "uuid" but its examples do not all carry RFC version bits.
const uuid = z.guid();
const workspaceId = z.number().int().positive();
const itemIds = z.array(z.string().min(1).max(100)).max(100_000);
const batchId = z.string().min(1).max(100);

export const targetSchema: z.ZodType<Target> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('session'), workspaceId, sessionId: uuid, sessionName: z.string().max(500) }),
  z.strictObject({
    kind: z.literal('session-per-file'),
    workspaceId,
    templateId: uuid,
    templateName: z.string().max(500),
    autoExtract: z.boolean(),
  }),
]);

/** What the renderer may know about sign-in. It never carries the token. `apiHost`: set when the API is not Raydocs' own. */
export type AuthStatus =
  | { state: 'signed-out'; keychain: KeychainState; apiHost?: string }
  | { state: 'signed-in'; workspaces: Workspace[]; demo: boolean; keychain: KeychainState; apiHost?: string };

/** `memory-only`: no OS keychain; the token is kept for this run only and never written to disk. */
export type KeychainState = { kind: 'os' } | { kind: 'unavailable'; message: string } | { kind: 'memory-only' };

/** Files opened with the app ("Open with", a second launch, the dock), waiting: "Upload 3 files to March invoices?". */
export interface PendingOpen {
  id: string;
  count: number;
  /** The first few file names (never paths). */
  names: string[];
  /** Where "Upload" sends them: the last target used, or null when there is none yet. */
  target: Target | null;
}

export interface RecentSession {
  id: string;
  workspaceId: number;
  name: string;
  status: string | null;
  documentCount: number | null;
  lastUsedAt: number;
  /** The session's template by name, when main could read it (older entries and unreadable templates have none). */
  templateName?: string | null;
  /** Set when the last refresh failed (e.g. the session was deleted): shown, not hidden. */
  error: string | null;
}

/** A session link main found on the clipboard: only the parsed id crosses to the page. */
export interface ClipboardSessionLink {
  sessionId: string;
}

const none = z.undefined().or(z.null()).optional();

/** Channel name → argument schema (strict: unknown keys are refused). Results are typed in IpcResults. */
export const ipcArgs = {
  'auth:status': none,
  'auth:sign-in': z.strictObject({ token: z.string().trim().min(8).max(4096), memoryOnly: z.boolean().optional() }),
  'auth:sign-out': none,
  'workspaces:list': none,
  'templates:list': z.strictObject({ workspaceId, page: z.number().int().min(1).max(10_000) }),
  'sessions:recent': z.strictObject({ workspaceId }),
  'sessions:open': z.strictObject({ workspaceId, input: z.string().trim().min(1).max(2048) }),
  'sessions:create': z.strictObject({ workspaceId, templateId: uuid, name: z.string().trim().min(1).max(255) }),
  /** Main reads the clipboard itself and answers only a session it parsed there, never the clipboard's text. */
  'targets:clipboard-link': none,
  // The target the page committed to (shown as "New files go to"): the menu's Add and the tray use it too.
  'targets:choose': z.strictObject({ target: targetSchema }),
  'sessions:documents': z.strictObject({ sessionId: uuid }),
  /** The session names the config hash to reparse with (its newest result's). */
  'documents:reparse': z.strictObject({ workspaceId, sessionId: uuid, documentId: uuid }),
  /** Starts a run; main follows it from then on (runs:changed) and notifies when it settles. */
  'results:run': z.strictObject({ sessionId: uuid }),
  'results:list': z.strictObject({ sessionId: uuid }),
  'results:get': z.strictObject({ resultId: uuid }),
  /** Main shows the save dialog and streams the file: the renderer never names a path. */
  'results:save-excel': z.strictObject({ resultId: uuid }),
  'results:save-all': z.strictObject({ sessionIds: z.array(uuid).min(1).max(1000) }),
  'runs:list': none,
  /**
   * On the wire the preload sends paths it resolved itself from dropped File objects (webUtils.getPathForFile); the
   * page hands the bridge Files, never paths (see BridgeArgs). `unresolved` names the dropped items that are not
   * files on this computer (a File made by the page, an image dragged from a browser): main refuses them.
   */
  'queue:add': z
    .strictObject({
      paths: z.array(z.string().min(1).max(4096)).max(100_000),
      unresolved: z.array(z.string().max(1024)).max(100_000).optional(),
      target: targetSchema,
    })
    .refine((a) => a.paths.length + (a.unresolved?.length ?? 0) > 0, 'no files'),
  'queue:snapshot': none,
  'queue:pause': z.strictObject({ ids: itemIds.optional() }),
  'queue:resume': z.strictObject({ ids: itemIds.optional() }),
  'queue:cancel': z.strictObject({ ids: itemIds }),
  'queue:retry': z.strictObject({ ids: itemIds }),
  'queue:remove': z.strictObject({ ids: itemIds }),
  /** Main finds the item's workspace and document: the renderer names only the item. */
  'queue:reparse': z.strictObject({ itemId: z.string().min(1).max(100) }),
  'queue:clear-finished': none,
  'queue:probe-now': none,
  // Bulk actions are one call each, whatever the count: the page never loops over thousands of ids.
  'queue:cancel-all': z.strictObject({ batchId: batchId.optional() }).optional(),
  'queue:retry-failed': z.strictObject({ batchId: batchId.optional() }).optional(),
  'queue:remove-batch': z.strictObject({ batchId }),
  'settings:get': none,
  'settings:set': settingsPatchSchema,
  'shell:reveal': z.strictObject({ itemId: z.string().min(1).max(100) }),
  'shell:open-external': z.strictObject({ url: z.string().url().max(2048) }),
  /** Main shows the dialog and queues what was picked for `target`: the renderer gets the report, never the paths. */
  'dialog:pick': z.strictObject({ kind: z.enum(['files', 'folder']), target: targetSchema }),
  /** The renderer says which view it shows, so main stays quiet about a batch the user is already watching. */
  'ui:view': z.strictObject({ view: z.enum(UI_VIEWS) }),
  /** Files the OS opened with the app wait in main; the window answers by the batch's id, never with paths. */
  'opened:get': none,
  'opened:accept': z.strictObject({ id: z.string().min(1).max(100), target: targetSchema }),
  'opened:dismiss': z.strictObject({ id: z.string().min(1).max(100) }),
  'watches:list': none,
  /** Main asks for the folder in its own dialog: the page names only where the files go and how. */
  'watches:add': z.strictObject({ target: targetSchema, options: watchOptionsSchema }),
  'watches:remove': z.strictObject({ id: z.string().min(1).max(100) }),
  'watches:pause': z.strictObject({ id: z.string().min(1).max(100) }),
  'watches:resume': z.strictObject({ id: z.string().min(1).max(100) }),
} as const satisfies Record<IpcChannel, z.ZodType>;

export type IpcArgs<C extends IpcChannel> = z.infer<(typeof ipcArgs)[C]>;

export interface IpcResults {
  'auth:status': AuthStatus;
  'auth:sign-in': AuthStatus;
  'auth:sign-out': AuthStatus;
  'workspaces:list': Workspace[];
  'templates:list': Paginated<Template>;
  'sessions:recent': RecentSession[];
  'sessions:open': RecentSession;
  'sessions:create': Session;
  'targets:clipboard-link': ClipboardSessionLink | null;
  'targets:choose': void;
  'sessions:documents': WorkspaceDocument[];
  'documents:reparse': WorkspaceDocument | null;
  'results:run': RunView;
  /** The session's runs, newest first. */
  'results:list': RunView[];
  /** The full result, with data and audit_data. */
  'results:get': ExtractionResult;
  'results:save-excel': SaveExcelResult;
  'results:save-all': SaveAllResult;
  /** The runs main follows: in flight, and those settled in this app's life. */
  'runs:list': RunView[];
  'queue:add': IntakeReport;
  'queue:snapshot': { items: QueueItem[]; summary: QueueSummary };
  'queue:pause': void;
  'queue:resume': void;
  'queue:cancel': void;
  'queue:retry': void;
  'queue:remove': void;
  'queue:reparse': void;
  'queue:clear-finished': void;
  'queue:probe-now': void;
  'queue:cancel-all': { cancelled: number };
  'queue:retry-failed': { retried: number };
  'queue:remove-batch': void;
  'settings:get': Settings;
  'settings:set': Settings;
  'shell:reveal': void;
  'shell:open-external': void;
  /** null when the dialog was cancelled. */
  'dialog:pick': IntakeReport | null;
  'ui:view': void;
  'opened:get': PendingOpen | null;
  /** null when that batch is no longer the one waiting (dismissed, or more files joined it under a new id). */
  'opened:accept': IntakeReport | null;
  'opened:dismiss': void;
  'watches:list': WatchView[];
  /** The watches added (one per folder chosen); empty when the dialog was cancelled. */
  'watches:add': WatchView[];
  'watches:remove': void;
  'watches:pause': void;
  'watches:resume': void;
}

/** Answer schemas for the run channels (the older channels' answers are API shapes, checked by the client). */
export const runsIpcResults = {
  'results:run': runViewSchema,
  'results:list': z.array(runViewSchema),
  'results:save-excel': saveExcelResultSchema,
  'results:save-all': saveAllResultSchema,
  'runs:list': z.array(runViewSchema),
} as const satisfies Partial<{ [C in IpcChannel]: z.ZodType<IpcResults[C]> }>;

/** Every answer crosses IPC as a value, never a thrown error. */
export type IpcError = { code: string; message: string };
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** main → renderer events. Queue events are batched by main (≤ ~10 messages a second). */
export interface IpcEvents {
  'queue:events': EngineEvent[];
  'auth:changed': AuthStatus;
  'settings:changed': Settings;
  /** A notification or tray click asks the window to show a view; a run's notification names its result. */
  navigate: NavigateRequest;
  /** The batch of opened files waiting for an answer, or null once answered. */
  'opened:changed': PendingOpen | null;
  /** Every run main follows, whenever one changes (status, title, settling). */
  'runs:changed': { runs: RunView[] };
  /** A downloading or downloaded app update (shared/update.ts); main sends it again whenever the page loads. */
  'update:changed': UpdateView;
  /** Every watch, whenever one changes state or stores a file (at most a few a second). */
  'watches:changed': WatchView[];
  /** The application menu asks the page for what only it can do (docs/ui.md, "Application menu"). */
  'menu:command': { command: MenuCommand };
}

/** Menu items the page carries out itself: Filter (⌘F) focuses the queue's filter. */
export type MenuCommand = 'focus-filter';

export interface NavigateRequest {
  view: UiView;
  /** With view 'documents': open this result (a clicked run notification). */
  resultId?: string;
}

export const navigateSchema = z.strictObject({ view: z.enum(UI_VIEWS), resultId: uuid.optional() }) satisfies z.ZodType<NavigateRequest>;

/** Compile-time guard: the event map and the plain name list never drift apart. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const IPC_EVENTS_MATCH: SameKeys<keyof IpcEvents, IpcEventName> = true;

/** What the page hands the bridge to queue a drop: the dropped File objects themselves, never path strings. */
export interface DroppedFilesArgs {
  files: File[];
  target: Target;
}

/** The argument the page passes to a bridge method: the wire's, except queue:add, whose paths only the preload can make. */
export type BridgeArgs<C extends IpcChannel> = C extends 'queue:add' ? DroppedFilesArgs : IpcArgs<C>;

/** One bridge method per channel, keyed by the channel name. */
export type BridgeMethods = { [C in IpcChannel]: (args: BridgeArgs<C>) => Promise<IpcResult<IpcResults[C]>> };

/** The object the preload exposes as `window.raydocs`: one method per channel and event subscriptions. */
export type RaydocsBridge = BridgeMethods & {
  onEvent<E extends IpcEventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
};

export { IPC_CHANNELS, IPC_EVENT_NAMES, UI_VIEWS };
export type { IntakeReport, IpcChannel, IpcEventName, RunView, SaveAllResult, SaveExcelResult, Target, UiView, UpdateView, WatchView };
