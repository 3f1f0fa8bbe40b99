// Every word a queue row says about its item, in one place, so a translation replaces this file and no component.
import { assertNever } from '../../../shared/assert-never';
import type { DoneOutcome, ItemStep, QueueItem, WaitReason } from '../../../shared/queue';
import { formatDuration } from './format';

export const ITEM_WORDS = {
  queued: 'Queued',
  hashing: 'Checking the file',
  checking: 'Looking for duplicates',
  uploading: 'Uploading',
  attaching: 'Attaching to the session',
  paused: 'Paused',
  failed: 'Failed',
  cancelled: 'Cancelled',
  offline: 'Waiting for the network',
  signedOut: 'Waiting for you to sign in',
  offlineDetail: 'Resumes when the connection is back.',
  signedOutDetail: 'Resumes after you sign in again.',
} as const;

/** A row's action buttons: Reparse is a different act from Retry (the file is stored; Raydocs reads it again). */
export const ACTION_WORDS = {
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  retry: 'Retry',
  reparse: 'Reparse',
  reveal: 'Show in folder',
  remove: 'Remove from list',
} as const;

/** A file's details panel: its facts' names, in the order shown. */
export const FACT_WORDS = {
  state: 'State',
  message: 'Message',
  code: 'Code',
  note: 'Note',
  intake: 'Intake',
  path: 'Path',
  session: 'Session',
  document: 'Document',
} as const;

/** "Details of invoice.pdf". */
export function detailsLabel(name: string): string {
  return `Details of ${name}`;
}

/** A row's progress bar name: "invoice.pdf progress". */
export function progressLabel(name: string): string {
  return `${name} progress`;
}

/** A row's action button name: "Pause invoice.pdf". */
export function actionLabel(action: string, name: string): string {
  return `${action} ${name}`;
}

/** A row's accessible name: "invoice.pdf: Uploading, 40%, selected" (the parts already in words). */
export function rowLabel(name: string, label: string, extra: readonly string[], selected: boolean): string {
  return [`${name}: ${label}`, ...extra, ...(selected ? ['selected'] : [])].join(', ');
}

/** What Resume will finish, in a person's words (never the engine's step names). */
const RESUME_WORDS: Record<ItemStep, string> = {
  hashing: 'Resume to finish checking the file',
  checking: 'Resume to finish looking for duplicates',
  uploading: 'Resume to finish the upload',
  attaching: 'Resume to add it to the session',
};

export function pausedDetail(step: ItemStep | 'queued'): string {
  return step === 'queued' ? '' : RESUME_WORDS[step];
}

/** "attempt 2", or "attempt 3 of 12" when the budget is known. */
export function attemptWords(attempt: number, attempts?: number): string {
  return attempts ? `attempt ${attempt} of ${attempts}` : `attempt ${attempt}`;
}

/** "Will retry in 5 s (attempt 3 of 12)", "Slowed down by Raydocs: next try in 10 s". */
export function waitWords(reason: WaitReason, retryAt: number | null, now: number, attempt: number, attempts?: number): string {
  const inSeconds = retryAt == null ? null : Math.max(0, (retryAt - now) / 1000);
  switch (reason) {
    case 'offline':
      return ITEM_WORDS.offline;
    case 'rate-limited':
      return inSeconds == null ? 'Slowed down by Raydocs' : `Slowed down by Raydocs: next try in ${formatDuration(inSeconds)}`;
    case 'retry-backoff': {
      const when = inSeconds == null ? 'Will retry' : `Will retry in ${formatDuration(inSeconds)}`;
      return `${when} (${attemptWords(attempt, attempts)})`;
    }
    case 'signed-out':
      return ITEM_WORDS.signedOut;
    default:
      return assertNever(reason, 'wait reason');
  }
}

/** Where a done item's document is, in words: "Stored in Q3 invoices", "Already in Acme: attached without uploading". */
export function storedWords(item: QueueItem, outcome: DoneOutcome, workspaceName: string | null): string {
  const where = item.target.kind === 'session' ? item.target.sessionName || 'the session' : 'its own session';
  const workspace = workspaceName || 'the workspace';
  switch (outcome) {
    case 'uploaded':
      return `Stored in ${where}`;
    case 'reused':
      return `Stored in ${where} (already in ${workspace})`;
    case 'already-in-session':
      return `Already in ${where}`;
    case 'already-in-workspace':
      return `Already in ${workspace}: attached without uploading`;
    default:
      return assertNever(outcome, 'done outcome');
  }
}
