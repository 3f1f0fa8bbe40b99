// The final account of a push, built from the queue's items and intake refusals: what the table and --json print.
import { isTerminal, wasUploaded, type ItemState, type QueueItem, type Refusal, type Target } from '../../shared/queue';
import { assertNever } from '../../shared/assert-never';
import { TARGET_REFUSAL_CODES, targetKey, type TargetRefusalCode } from '../core/engine';
import { withoutMarkup } from './describe-error';
import { withCode, type CodedRefusal } from './refusal-codes';
import type { FilteredFile } from './select-files';

export interface ReportFile {
  path: string;
  sessionId: string | null;
  documentId: string | null;
  sha256: string | null;
}

/** A whole session (or template) refused: one line for the target instead of one per file. */
export interface TargetFailure {
  target: Target;
  code: TargetRefusalCode;
  /** The reason, without a file name. */
  message: string;
  files: number;
}

/** One session per file: where each file went, in a session made by this run or already there from an earlier one. */
export interface PerFileSession {
  path: string;
  /** The file's name, which its session is named after. */
  name: string;
  sessionId: string;
  created: boolean;
}

export interface PushReport {
  uploaded: ReportFile[];
  alreadyThere: ReportFile[];
  refused: CodedRefusal[];
  /** --skip-unsupported: files of a format Raydocs does not take, listed and not counted as a problem. */
  unsupported: CodedRefusal[];
  /** Left out by --include, --exclude or --max-size. */
  filtered: FilteredFile[];
  /** Junk and hidden files skipped (their count is `skipped`). */
  hidden: string[];
  failed: Array<{ path: string; step: string; code: string; message: string }>;
  /** The failures above that were one decision for a whole target, grouped by target. */
  targetFailures: TargetFailure[];
  perFileSessions: PerFileSession[];
  /** Not finished when the CLI stopped (gave up, signed out, interrupted); the next `push` resumes them. */
  pending: Array<{ path: string; status: string; message: string | null }>;
  /** Junk files skipped silently (.DS_Store, hidden files, ...). */
  skipped: number;
  /** Paths that named a file or content already in the queue for the same target. */
  duplicates: number;
}

type Bucket = 'uploaded' | 'already-there' | 'failed' | 'pending';

/** Where an item lands in the report: an upload ends when the document is stored (parsing is not part of it). */
export function bucketOf(state: ItemState): Bucket {
  switch (state.status) {
    case 'done':
      return wasUploaded(state.outcome) ? 'uploaded' : 'already-there';
    case 'failed':
    case 'cancelled':
      return 'failed';
    case 'queued':
    case 'hashing':
    case 'checking':
    case 'uploading':
    case 'attaching':
    case 'waiting':
    case 'paused':
      return 'pending';
    default:
      return assertNever(state, 'item state');
  }
}

/** Stored in its session, or finished for good: push stops once every item is here. */
export function isSettled(state: ItemState): boolean {
  return isTerminal(state);
}

function file(item: QueueItem): ReportFile {
  const s = item.state;
  const sessionId = 'sessionId' in s ? s.sessionId : item.target.kind === 'session' ? item.target.sessionId : null;
  return {
    path: item.path,
    sessionId: sessionId ?? null,
    documentId: 'documentId' in s ? (s.documentId ?? null) : null,
    sha256: 'sha256' in s ? (s.sha256 ?? null) : null,
  };
}

/** A failure decided once for a whole target (grouped in `targetFailures`). */
export function isTargetRefusal(code: string): code is TargetRefusalCode {
  return (TARGET_REFUSAL_CODES as readonly string[]).includes(code);
}

/** The engine's message names the file first ("a.pdf: the session no longer exists…"): the target line does not. */
function withoutFileName(item: QueueItem, message: string): string {
  const prefix = `${item.name}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

function addTargetFailure(groups: Map<string, TargetFailure>, item: QueueItem, code: TargetRefusalCode, message: string): void {
  const key = `${targetKey(item.target)}|${code}`;
  const g = groups.get(key);
  if (g) g.files++;
  else groups.set(key, { target: item.target, code, message: withoutFileName(item, message), files: 1 });
}

/** A per-file item stored by its own attach made its session in this run; one found already there did not. */
function perFileSession(item: QueueItem): PerFileSession | null {
  const s = item.state;
  if (item.target.kind !== 'session-per-file' || s.status !== 'done') return null;
  return { path: item.path, name: item.name, sessionId: s.sessionId, created: s.outcome !== 'already-in-session' };
}

export interface IntakeExtras {
  refused: Refusal[];
  skipped: number;
  duplicates: number;
  /** With --skip-unsupported, unsupported formats move from `refused` to `unsupported`. */
  skipUnsupported?: boolean;
  filtered?: FilteredFile[];
  hidden?: string[];
}

export function buildPushReport(items: QueueItem[], intake: IntakeExtras): PushReport {
  const coded = intake.refused.map(withCode);
  const unsupported = intake.skipUnsupported ? coded.filter((r) => r.code === 'unsupported-format') : [];
  const report: PushReport = {
    uploaded: [],
    alreadyThere: [],
    refused: intake.skipUnsupported ? coded.filter((r) => r.code !== 'unsupported-format') : coded,
    unsupported,
    filtered: intake.filtered ?? [],
    hidden: intake.hidden ?? [],
    failed: [],
    targetFailures: [],
    perFileSessions: [],
    pending: [],
    skipped: intake.skipped,
    duplicates: intake.duplicates,
  };
  const targetFailures = new Map<string, TargetFailure>();
  for (const item of items) {
    const s = item.state;
    const bucket = bucketOf(s);
    switch (bucket) {
      case 'uploaded':
      case 'already-there': {
        (bucket === 'uploaded' ? report.uploaded : report.alreadyThere).push(file(item));
        const session = perFileSession(item);
        if (session) report.perFileSessions.push(session);
        break;
      }
      case 'failed':
        report.failed.push(
          s.status === 'failed'
            ? { path: item.path, step: s.step, code: s.error.code, message: withoutMarkup(s.error.message) }
            : { path: item.path, step: 'queued', code: 'cancelled', message: 'cancelled' },
        );
        if (s.status === 'failed' && isTargetRefusal(s.error.code)) addTargetFailure(targetFailures, item, s.error.code, withoutMarkup(s.error.message));
        break;
      case 'pending':
        report.pending.push({ path: item.path, status: s.status, message: s.status === 'waiting' ? withoutMarkup(s.message) : null });
        break;
      default:
        assertNever(bucket, 'report bucket');
    }
  }
  report.targetFailures = [...targetFailures.values()];
  return report;
}

export function reportHasProblems(r: PushReport): boolean {
  return r.refused.length > 0 || r.failed.length > 0;
}

/** Unfinished work in the journal for targets this run did not touch: told about, never run or counted here. */
export interface OtherWork {
  items: number;
  sessions: number;
  /** One-session-per-file targets (a template each). */
  templates: number;
}

export function otherWork(held: QueueItem[]): OtherWork {
  const sessions = new Set<string>();
  const templates = new Set<string>();
  let items = 0;
  for (const it of held) {
    if (isSettled(it.state)) continue;
    items++;
    (it.target.kind === 'session' ? sessions : templates).add(targetKey(it.target));
  }
  return { items, sessions: sessions.size, templates: templates.size };
}
