// An item's engine-side record: the public QueueItem plus what the engine needs to resume it, and its journal form.
import { isTerminal, type DoneOutcome, type ItemState, type ItemStep, type ParsingSummary, type QueueItem, type Target } from '../../../shared/queue';
import type { TimerHandle } from './clock';
import type { ActiveRun } from './run';
import { FRESH_PUT, type UploadResume } from './upload-strategy';

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
  /**
   * One session per file: the sessions a batch create made for this item's call. The item is settled by finding
   * its sha256 in one of them, never by position (the order of the answer is not documented). Absent in old journals.
   */
  candidateSessions?: string[] | null;
  /**
   * The workspace already held this content: found by sha256 before any upload, or reused by Raydocs when the uploaded
   * key was turned into a document. Absent in old journals.
   */
  reused?: 'before-upload' | 'on-create' | null;
  /** Where the item's upload stands, for its strategy (upload-strategy.ts). Absent in old journals: read as a PUT. */
  upload?: UploadResume;
}

export interface Work extends PersistedWork {
  upload: UploadResume;
  /** The attempt under way at `next` (run.ts), or null while the item waits or is settled. */
  run: ActiveRun | null;
  /** A retry's backoff (failures.ts): the item goes back in line when it fires. */
  timer: TimerHandle | null;
  attempt: number;
  expiredUrls: number;
  /** Storage 403s in a row that were not "expired": one gets a fresh URL, the next fails the item. */
  deniedUrls: number;
  /** Uploads in a row whose streamed bytes hashed differently from the item (edited in place mid-upload). */
  changedUploads: number;
  /** Uploads in a row that Raydocs stored with other content than was hashed. */
  wrongContent: number;
  /** Uploaded keys of this file in a row that Raydocs refused as gone (unknown, consumed or expired). */
  refusedKeys: number;
  bytesSent: number;
  bytesHashed: number;
  /** Same content, same target: this item waits for that one instead of uploading again. */
  followerOf: string | null;
  /** Queued for the next attach call. */
  inAttachBatch: boolean;
  /** Attach this key in a call of its own (after a batch was refused). */
  soloAttach: boolean;
  /**
   * Recovered hashed-but-not-uploaded: the file may have changed while the app was not running, so the next step
   * stats it first and hashes again if its size or mtime differs from the hashed ones.
   */
  recheckFile: boolean;
}

/** Fields newer than the first journals, and what a record written before them reads as. */
const ABSENT_AS: Partial<PersistedWork> = { candidateSessions: null, reused: null, upload: FRESH_PUT };

/**
 * Every field that survives a restart: `persist` copies exactly these, and `satisfies` fails the type check when a
 * field of PersistedWork is missing here. One object literal, not keys assigned in a loop over a list of names:
 * a loop-built object takes a slow dictionary shape, which made a 100,000-item restart slow (docs/engine.md, journal).
 */
function persistedFields(src: PersistedWork): PersistedWork & { upload: UploadResume } {
  return {
    item: src.item,
    realPath: src.realPath,
    next: src.next,
    sha256: src.sha256,
    hashedSize: src.hashedSize,
    hashedMtimeMs: src.hashedMtimeMs,
    key: src.key,
    sessionId: src.sessionId,
    documentId: src.documentId,
    documentStatus: src.documentStatus,
    parsings: src.parsings,
    verifyBeforeAttach: src.verifyBeforeAttach,
    candidateSessions: src.candidateSessions ?? ABSENT_AS.candidateSessions,
    reused: src.reused ?? ABSENT_AS.reused,
    upload: src.upload ?? FRESH_PUT,
  } satisfies Record<keyof PersistedWork, unknown>;
}

export function persist(w: Work): PersistedWork {
  return persistedFields(w);
}

/**
 * A Work from its journal form, with `item`, `next` and the resume marks as given (recover decides them first).
 * One literal of every field in one order, so all Works share one shape and each costs one allocation: a restart
 * builds 100,000 of them (a spread followed by more keys made a new shape per object: 20 s instead of 0.5 s).
 */
function workOf(p: PersistedWork, item: QueueItem, next: ItemStep, verifyBeforeAttach: boolean, recheckFile: boolean, key: string | null): Work {
  return {
    item,
    realPath: p.realPath,
    next,
    sha256: p.sha256,
    hashedSize: p.hashedSize,
    hashedMtimeMs: p.hashedMtimeMs,
    key,
    sessionId: p.sessionId,
    documentId: p.documentId,
    documentStatus: p.documentStatus,
    parsings: p.parsings,
    verifyBeforeAttach,
    candidateSessions: p.candidateSessions ?? ABSENT_AS.candidateSessions,
    reused: p.reused ?? ABSENT_AS.reused,
    upload: p.upload ?? FRESH_PUT,
    run: null,
    timer: null,
    attempt: 0,
    expiredUrls: 0,
    deniedUrls: 0,
    changedUploads: 0,
    wrongContent: 0,
    refusedKeys: 0,
    bytesSent: 0,
    bytesHashed: 0,
    followerOf: null,
    inAttachBatch: false,
    soloAttach: false,
    recheckFile,
  } satisfies Record<keyof Work, unknown>;
}

export function hydrate(p: PersistedWork): Work {
  return workOf(p, p.item, p.next, p.verifyBeforeAttach, false, p.key);
}

/** Items of one target share sessions, dedup and attach calls. */
export function targetKey(t: Target): string {
  return t.kind === 'session' ? `s:${t.sessionId}` : `f:${t.workspaceId}:${t.templateId}:${t.autoExtract ? 1 : 0}`;
}

/** What an item shows while it waits its turn at `next`. */
export function pendingState(w: Work): ItemState {
  return pendingOf(w.next, w.sha256, w.key);
}

function pendingOf(next: ItemStep, sha256: string | null, key: string | null): ItemState {
  switch (next) {
    case 'hashing':
      return { status: 'queued' };
    case 'checking':
    case 'uploading':
      return sha256 ? { status: 'queued', sha256 } : { status: 'queued' };
    case 'attaching':
      return { status: 'attaching', sha256: sha256 ?? '', key: key ?? '' };
  }
}

/** The item is stored: attached (or found) in `sessionId` as `documentId`, with the document's parse track as read. */
export function doneState(w: Work, outcome: DoneOutcome): ItemState {
  return { status: 'done', sha256: w.sha256 ?? '', sessionId: w.sessionId ?? '', documentId: w.documentId ?? '', outcome, documentStatus: w.documentStatus, parsings: w.parsings };
}

/**
 * Journals written before upload was known to be storage-only kept attached items in a `parsing` state (and a failed
 * parse as a failed item): the document is stored, so they are done. Returns null for records of today's shape.
 */
function legacyStored(p: PersistedWork): ItemState | null {
  const s = p.item.state as { status: string; step?: string; documentId?: string | null; sessionId?: string | null };
  const next = p.next as string;
  const stored = s.status === 'parsing' || (s.status === 'failed' && s.step === 'parsing') || (!isTerminal(p.item.state) && next === 'parsing');
  if (!stored) return null;
  const documentId = p.documentId ?? s.documentId ?? null;
  const sessionId = p.sessionId ?? s.sessionId ?? null;
  if (!documentId || !sessionId || !p.sha256) return null;
  return { status: 'done', sha256: p.sha256, sessionId, documentId, outcome: 'uploaded', documentStatus: p.documentStatus, parsings: p.parsings };
}

/** The state a journaled item resumes in after a restart (or a crash). Leaves `p` as it was. */
export function recover(p: PersistedWork): Work {
  const stored = legacyStored(p);
  if (stored) {
    const w = workOf(p, { ...p.item, state: stored }, 'attaching', p.verifyBeforeAttach, false, null);
    w.documentId = stored.status === 'done' ? stored.documentId : null;
    w.sessionId = stored.status === 'done' ? stored.sessionId : null;
    return w;
  }
  const s = p.item.state;
  // `parsing` is a step that no longer exists (see legacyStored).
  let next: ItemStep = (p.next as string) === 'parsing' ? 'attaching' : p.next;
  if (isTerminal(s)) return workOf(p, p.item, next, p.verifyBeforeAttach, false, p.key);
  let verify = p.verifyBeforeAttach;
  if (next === 'attaching' || p.key) {
    next = 'attaching';
    verify = true; // the crash may have come after the server attached it
  } else if (next === 'uploading') next = 'checking';
  // Checked lazily when the item runs, not at start (a stat per item made a large queue slow to open).
  const recheck = !!p.sha256 && !p.key && !p.candidateSessions;
  const state = s.status === 'paused' ? pausedAt(next) : pendingOf(next, p.sha256, p.key);
  return workOf(p, { ...p.item, state }, next, verify, recheck, p.key);
}

function pausedAt(next: ItemStep): ItemState {
  return { status: 'paused', step: next === 'hashing' ? 'queued' : next };
}
