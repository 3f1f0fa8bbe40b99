// An item's engine-side record: the public QueueItem plus what the engine needs to resume it, and its journal form.
import type { ItemStep, ParsingSummary, QueueItem } from '../../../shared/queue';

/** What survives a restart. Never holds a token or a presigned URL. */
export interface PersistedWork {
  item: QueueItem;
  realPath: string;
  /** The step to run next. */
  next: ItemStep;
  sha256: string | null;
  hashedSize: number | null;
  hashedMtimeMs: number | null;
  /** Uploaded temporary key not yet attached. */
  key: string | null;
  sessionId: string | null;
  documentId: string | null;
  documentStatus: string;
  parsings: ParsingSummary[];
  /** Attach may already have happened (crash or failed call): look before attaching again. */
  verifyBeforeAttach: boolean;
}

export interface Work extends PersistedWork {
  running: boolean;
  /** Bumped whenever the item is interrupted, so late completions of an old run are ignored. */
  gen: number;
  abort: AbortController | null;
  timer: NodeJS.Timeout | null;
  attempt: number;
  expiredUrls: number;
  bytesSent: number;
  bytesHashed: number;
  /** Same content, same target: this item waits for that one instead of uploading again. */
  followerOf: string | null;
  /** Queued for the next attach call. */
  inAttachBatch: boolean;
  /** Attach this key in a call of its own (after a batch was refused). */
  soloAttach: boolean;
}

export function persist(w: Work): PersistedWork {
  return {
    item: w.item,
    realPath: w.realPath,
    next: w.next,
    sha256: w.sha256,
    hashedSize: w.hashedSize,
    hashedMtimeMs: w.hashedMtimeMs,
    key: w.key,
    sessionId: w.sessionId,
    documentId: w.documentId,
    documentStatus: w.documentStatus,
    parsings: w.parsings,
    verifyBeforeAttach: w.verifyBeforeAttach,
  };
}

export function hydrate(p: PersistedWork): Work {
  return {
    ...p,
    running: false,
    gen: 0,
    abort: null,
    timer: null,
    attempt: 0,
    expiredUrls: 0,
    bytesSent: 0,
    bytesHashed: 0,
    followerOf: null,
    inAttachBatch: false,
    soloAttach: false,
  };
}
