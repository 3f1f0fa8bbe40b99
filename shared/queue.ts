// The upload queue's domain model, shared by the engine (core), the main process, the renderer and the CLI.

export type ItemId = string;

/** Formats Raydocs accepts (docs/raydocs-api.md §8.7). */
export const SUPPORTED_FORMATS = ['pdf', 'docx', 'doc', 'png', 'jpeg', 'tiff', 'pptx'] as const;
export type SupportedFormat = (typeof SUPPORTED_FORMATS)[number];

/** Where an item goes. Fixed when the item is queued: changing the UI's target never moves queued items. */
export type Target =
  | { kind: 'session'; workspaceId: number; sessionId: string; sessionName: string }
  | {
      kind: 'session-per-file';
      workspaceId: number;
      templateId: string;
      templateName: string;
      autoExtract: boolean;
    };

/** The steps an item can be waiting, paused or failed at. Parsing is not one: upload is storage-only (docs/raydocs-api.md §0). */
export type ItemStep = 'hashing' | 'checking' | 'uploading' | 'attaching';

/** Why an item waits; the whole-queue reasons (offline, signed out) live in Connectivity. */
export type WaitReason = 'offline' | 'rate-limited' | 'retry-backoff' | 'signed-out';

/**
 * Why an item failed, as a stable machine code (kebab-case, like every code that crosses IPC or the CLI's JSON).
 * File: `empty`, `unreadable`, `file-gone`, `file-changing`. Raydocs refused: `forbidden`, `not-found`, `validation`,
 * `invalid-response`, `key-refused`, `hash-mismatch`; the whole target: `session-gone`, `template-gone` (and
 * `forbidden`). Storage refused the PUT: `storage-<HTTP status>`. Retries ran out: `retries-exhausted`. Anything
 * else: `unexpected`.
 */
export const ITEM_ERROR_CODES = [
  'empty',
  'unreadable',
  'file-gone',
  'file-changing',
  'hash-mismatch',
  'key-refused',
  'invalid-response',
  'retries-exhausted',
  'forbidden',
  'not-found',
  'validation',
  'session-gone',
  'template-gone',
  'unexpected',
] as const;

export type ItemErrorCode = (typeof ITEM_ERROR_CODES)[number] | `storage-${number}`;

export interface ItemError {
  code: ItemErrorCode;
  /** A sentence a person can act on; it names the file. */
  message: string;
}

export interface ParsingSummary {
  id: string;
  status: string;
  configHash: string | null;
  /** When the server last changed it: the newest parsing is the one shown. Absent in old journals. */
  updatedAt?: string | null;
}

/** One item's lifecycle (docs/engine.md, "Lifecycle as the engine runs it"). Each variant carries only what is true in that state. */
export type ItemState =
  /** Waiting its turn; `sha256` once hashed (then it waits for an upload slot). */
  | { status: 'queued'; sha256?: string }
  | { status: 'hashing'; bytesHashed: number }
  | { status: 'checking'; sha256: string }
  | { status: 'uploading'; sha256: string; bytesSent: number; attempt: number }
  | { status: 'attaching'; sha256: string; key: string }
  | {
      /** Stored: attached and its sha256 verified. The upload ends here; parsing is the document's own track. */
      status: 'done';
      sha256: string;
      sessionId: string;
      documentId: string;
      outcome: DoneOutcome;
      /** The document's status and parsings as last read: shown beside "stored", never holding anything. */
      documentStatus: string;
      parsings: ParsingSummary[];
      /** The session's config hash (its newest result's) when known: the parse shown is the one for it. */
      configHash?: string | null;
    }
  | {
      status: 'waiting';
      step: ItemStep;
      reason: WaitReason;
      retryAt: number | null;
      attempt: number;
      /** The retry budget `attempt` counts against ("attempt 3 of 12"); absent when not a counted retry. */
      attempts?: number;
      message: string;
    }
  | { status: 'paused'; step: ItemStep | 'queued' }
  | {
      status: 'failed';
      step: ItemStep;
      error: ItemError;
      /** Set when the server may hold a document for it (a failed attach check): kept for the record. */
      documentId: string | null;
      sessionId: string | null;
      sha256: string | null;
    }
  | { status: 'cancelled' };

/**
 * `uploaded`: stored from this upload. `reused`: uploaded, but Raydocs already held the content in the workspace and
 * attached that document (`dedup.reused`). `already-in-session`: the session held it, nothing was uploaded or
 * attached. `already-in-workspace`: found in the workspace before uploading and attached without an upload.
 */
export type DoneOutcome = 'uploaded' | 'reused' | 'already-in-session' | 'already-in-workspace';

/** Whether this outcome sent the file's bytes (counts as an upload in reports and notifications). */
export function wasUploaded(outcome: DoneOutcome): boolean {
  return outcome === 'uploaded' || outcome === 'reused';
}

export type ItemStatus = ItemState['status'];

export const ITEM_STATUSES: readonly ItemStatus[] = [
  'queued',
  'hashing',
  'checking',
  'uploading',
  'attaching',
  'done',
  'waiting',
  'paused',
  'failed',
  'cancelled',
];

export interface QueueItem {
  id: ItemId;
  path: string;
  name: string;
  size: number;
  format: SupportedFormat;
  target: Target;
  /** Files added together share a batch; notifications and "batch done" are per batch. */
  batchId: string;
  /** Where its batch came from (journaled, so a restart still knows a watch's files). */
  origin?: BatchOrigin;
  addedAt: number;
  state: ItemState;
  /** Set at intake when the extension and the content disagree: "a PNG image named .jpg: uploaded as image/png". */
  note?: string;
}

/** Why intake would not queue a file, as a stable code (the CLI's JSON carries it; docs/cli.md lists them). */
export const REFUSAL_CODES = ['unsupported-format', 'empty', 'too-large', 'unreadable', 'not-regular', 'content-mismatch', 'refused'] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

/**
 * A file intake would not queue: `reason` is for a person, with the technical detail after it ("This is a Windows
 * program, not a PDF (it starts with MZ)"); scripts branch on `code`.
 */
export interface Refusal {
  path: string;
  code: RefusalCode;
  reason: string;
}

/** Where a batch came from: the window (a drop, the file dialog), the OS (open with), the tray, the CLI, or a watch. */
export type BatchOrigin = 'drop' | 'dialog' | 'open-with' | 'tray' | 'cli' | `watch:${string}`;

export interface IntakeReport {
  batchId: string;
  /** Set by whoever queued the batch; absent when the caller did not say. */
  origin?: BatchOrigin;
  accepted: number;
  /** Same file or same content already queued for the same target. */
  duplicates: number;
  /** With skipUnchanged: files already stored for the target with the same size and mtime, not queued again (absent when none). */
  unchanged?: number;
  /** Junk skipped silently but counted (.DS_Store, Thumbs.db, ~$ lock files, hidden files). */
  skipped: number;
  /** Symbolic links inside a dropped folder that lead out of it: skipped, never followed (absent when none). */
  linksOutside?: number;
  refused: Refusal[];
}

/** The state of the whole queue's link to Raydocs. Offline is not an error per file. */
export type Connectivity =
  | { state: 'online' }
  | { state: 'offline'; since: number; nextProbeAt: number | null; message: string }
  | { state: 'signed-out'; message: string };

/**
 * What the queue comes to, in the words a person counts in: a cancelled file is not done, a stored file whose parse
 * failed is stored (a document problem, not an upload failure), and an upload failure is its own count.
 */
export interface QueueTally {
  /** In Raydocs: attached and verified, whatever its parse did since. */
  stored: number;
  /** Stored, but Raydocs could not parse it: the document's problem, counted apart from upload failures. */
  documentProblems: number;
  /** The upload itself failed (the `failed` status). */
  uploadFailed: number;
  cancelled: number;
  /** Still on its way: queued, working, waiting or paused. */
  unfinished: number;
}

export interface QueueSummary {
  counts: Record<ItemStatus, number>;
  tally: QueueTally;
  total: number;
  bytesDone: number;
  bytesTotal: number;
  /** Smoothed upload speed in bytes per second. */
  speedBps: number;
  /** Null when idle or unknown. */
  etaSeconds: number | null;
  connectivity: Connectivity;
  /** The whole queue is paused by the user. */
  paused: boolean;
}

/** Something the whole queue should say once, in words (not tied to one file). */
export type NoticeCode = 'filenames-not-kept' | 'workspace-lookup-off' | 'wrong-content-detached';

/** Events the engine emits. Item changes and summaries are throttled by the engine, never one per chunk. */
export type EngineEvent =
  | { type: 'items'; items: QueueItem[] }
  | { type: 'removed'; ids: ItemId[] }
  | { type: 'summary'; summary: QueueSummary }
  | { type: 'intake'; report: IntakeReport }
  | { type: 'notice'; code: NoticeCode; message: string }
  | { type: 'batch-finished'; batchId: string; origin?: BatchOrigin; uploaded: number; alreadyThere: number; failed: number; refused: number }
  /** A file was read and hashed (sent at once, one per hash): a watch's restart proves it hashed only what was new. */
  | { type: 'hashed'; id: ItemId; path: string; bytes: number };

/** Statuses still moving on their own (or waiting to). */
export const ACTIVE_STATUSES: readonly ItemStatus[] = ['queued', 'hashing', 'checking', 'uploading', 'attaching', 'waiting'];

export function isActive(state: ItemState): boolean {
  return ACTIVE_STATUSES.includes(state.status);
}

export function isTerminal(state: ItemState): boolean {
  return state.status === 'done' || state.status === 'failed' || state.status === 'cancelled';
}
