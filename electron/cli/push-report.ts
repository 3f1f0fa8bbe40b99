// The final account of a push, built from the queue's items and intake refusals: what the table and --json print.
import { isTerminal, type ItemState, type QueueItem, type Refusal } from '../../shared/queue';
import { assertNever } from '../../shared/assert-never';

export interface ReportFile {
  path: string;
  sessionId: string | null;
  documentId: string | null;
  sha256: string | null;
}

export interface PushReport {
  uploaded: ReportFile[];
  alreadyThere: ReportFile[];
  refused: Refusal[];
  failed: Array<{ path: string; step: string; code: string; message: string }>;
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
      return state.outcome === 'uploaded' ? 'uploaded' : 'already-there';
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

export function buildPushReport(items: QueueItem[], intake: { refused: Refusal[]; skipped: number; duplicates: number }): PushReport {
  const report: PushReport = { uploaded: [], alreadyThere: [], refused: [...intake.refused], failed: [], pending: [], skipped: intake.skipped, duplicates: intake.duplicates };
  for (const item of items) {
    const s = item.state;
    const bucket = bucketOf(s);
    switch (bucket) {
      case 'uploaded':
        report.uploaded.push(file(item));
        break;
      case 'already-there':
        report.alreadyThere.push(file(item));
        break;
      case 'failed':
        report.failed.push(
          s.status === 'failed'
            ? { path: item.path, step: s.step, code: s.error.code, message: s.error.message }
            : { path: item.path, step: 'queued', code: 'cancelled', message: 'cancelled' },
        );
        break;
      case 'pending':
        report.pending.push({ path: item.path, status: s.status, message: s.status === 'waiting' ? s.message : null });
        break;
      default:
        assertNever(bucket, 'report bucket');
    }
  }
  return report;
}

export function reportHasProblems(r: PushReport): boolean {
  return r.refused.length > 0 || r.failed.length > 0;
}
