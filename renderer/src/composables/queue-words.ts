// The queue view's words in one place (batch headers, the status strip, confirmations), so a translation needs no component.
import { destinationOf } from '../../../shared/bulk-words';
import type { Target } from '../../../shared/queue';
import { formatCount, plural } from './format';
import type { BatchFinished } from './queue-model';
import type { BatchView } from './queue-rows';

/** "March invoices · Acme Finance", or "12 new sessions (Invoices)" for a one-session-per-file batch. */
export function destinationWords(target: Target, workspaceName: string | null, files: number): string {
  if (target.kind === 'session-per-file') return `${plural(files, 'new session')} (${target.templateName})`;
  return destinationOf({ ...target, sessionName: target.sessionName || 'Untitled session' }, workspaceName);
}

/** "42 files · 38 stored · 2 need attention · 1 could not be parsed · 1 cancelled": failed uploads and documents
 * Raydocs could not parse are counted apart (one is retried, the other reparsed). */
export function batchCountWords(b: BatchView): string {
  const parts = [plural(b.total, 'file')];
  if (b.stored) parts.push(`${formatCount(b.stored)} stored`);
  if (b.failed) parts.push(`${formatCount(b.failed)} ${b.failed === 1 ? 'needs' : 'need'} attention`);
  if (b.unparsed) parts.push(`${formatCount(b.unparsed)} could not be parsed`);
  if (b.cancelled) parts.push(`${formatCount(b.cancelled)} cancelled`);
  return parts.join(' · ');
}

/** A batch header's run state, named with what clicking it does: "Extraction complete: view the result". */
export function runStateLabel(state: string): string {
  return `${state}: view the result`;
}

export const QUEUE_WORDS = {
  targetLabel: 'New files go to',
  cancelAll: 'Cancel all',
  retryFailed: 'Retry failed',
  retryAllFailed: 'Retry all failed',
  add: 'Add',
  addFiles: 'Add files…',
  addFolder: 'Add folder…',
  openInRaydocs: 'Open in Raydocs',
  runExtraction: 'Run extraction',
  runStarting: 'Starting…',
  runNotStarted: 'Not started',
  showSessions: 'Show sessions',
  remove: 'Remove',
  details: 'Details',
  close: 'Close',
  copy: 'Copy',
  copied: 'Copied',
  reparse: 'Reparse',
  empty: 'The queue is empty. Drop files or folders on this window, or use “Add files…”, and they upload in the background.',
  cancel: 'Cancel',
  queueTitle: 'Upload queue',
  showAll: 'Show all',
  filtersLabel: 'Show',
  filters: { all: 'All', active: 'Active', done: 'Done', attention: 'Needs attention', cancelled: 'Cancelled' },
  filterEmpty: {
    active: 'Nothing is uploading right now.',
    done: 'No finished files yet.',
    attention: 'Nothing needs your attention.',
    cancelled: 'No cancelled files.',
  } as Record<string, string>,
  cancelBatchTitle: 'Cancel this batch?',
  cancelAllTitle: 'Cancel all uploads?',
  summary: 'Queue summary',
  overallProgress: 'Overall upload progress',
  resumeAll: 'Resume all',
  pauseAll: 'Pause all',
  clearFinished: 'Clear finished',
  dropTitle: 'Drop files or folders anywhere in this window',
  dropTitleCompact: 'Add more files',
  formats: 'PDF, Word (DOC, DOCX), PowerPoint (PPTX), PNG, JPEG and TIFF.',
  askedForSession: ' You will be asked which session they go to.',
  intakeProgress: 'Adding files to the queue',
} as const;

/** A batch header's title: "→ March invoices · Acme Finance". */
export function batchTitleWords(destination: string): string {
  return `→ ${destination}`;
}

/** A batch header's accessible name ("→ March invoices: 3 files · 3 stored") and its tooltip (with a dash). */
export function batchLabelWords(title: string, counts: string): string {
  return `${title}: ${counts}`;
}
export function batchTooltipWords(title: string, counts: string): string {
  return `${title} — ${counts}`;
}

/** "Adding to the queue: 250 of 1,000 dropped items checked…" while a big drop is sent in chunks. */
export function intakeProgressWords(sent: number, total: number): string {
  return `Adding to the queue: ${formatCount(sent)} of ${formatCount(total)} dropped items checked…`;
}

/** "3 dropped items wait for a session.", "1 dropped item waits for a session." */
export function pendingDropWords(n: number): string {
  return `${plural(n, 'dropped item')} ${n === 1 ? 'waits' : 'wait'} for a session.`;
}

/** "1.5 MB of 20 MB". */
export function bytesOfWords(done: string, total: string): string {
  return `${done} of ${total}`;
}

/** The list's accessible name: "Queue, 42 items". */
export function queueListLabel(n: number): string {
  return `Queue, ${plural(n, 'item')}`;
}

/** A failed queue:add, in the strip's error banner. */
export function couldNotQueue(reason: string): string {
  return `Could not queue the files: ${reason}`;
}

/** The counts a drop's notice reads from (an IntakeReport's). */
export interface IntakeCounts {
  accepted: number;
  duplicates: number;
  skipped: number;
  linksOutside?: number;
  refused: readonly unknown[];
}

/** Whether a drop queued nothing at all (and nothing it held was already queued): the notice then says why. */
export function queuedNothing(r: IntakeCounts): boolean {
  return r.accepted === 0 && r.duplicates === 0;
}

/**
 * The notice for a drop: "4 files queued, 1 already queued, 2 skipped". A drop that queued nothing says so for a
 * person first ("Nothing to upload: …"), with what the intake counted after it.
 */
export function intakeWords(r: IntakeCounts): string {
  const links = r.linksOutside ? `${plural(r.linksOutside, 'link')} outside the folder skipped` : '';
  if (queuedNothing(r)) {
    const detail = [r.refused.length ? `${r.refused.length.toLocaleString()} refused` : '', r.skipped ? `${plural(r.skipped, 'hidden or system file')} skipped` : '', links].filter(Boolean);
    if (detail.length === 0) return 'Nothing to upload: there were no files in what was added (the folder is empty)';
    return `Nothing to upload: none of these is a PDF, Word, PowerPoint or image file (${detail.join(', ')})`;
  }
  const parts = [`${plural(r.accepted, 'file')} queued`];
  if (r.duplicates) parts.push(`${r.duplicates.toLocaleString()} already queued`);
  if (r.skipped) parts.push(`${r.skipped.toLocaleString()} skipped`);
  if (links) parts.push(links);
  return parts.join(', ');
}

/** What a screen reader hears once a drop is taken in. */
export function intakeAnnouncement(r: IntakeCounts): string {
  if (queuedNothing(r)) return `${intakeWords(r)}.`;
  return `${plural(r.accepted, 'file')} queued` + (r.duplicates ? `, ${r.duplicates} already queued` : '') + (r.refused.length ? `, ${r.refused.length} refused` : '') + '.';
}

export const INTAKE_WORDS = {
  refusedChip: (n: number) => `${n.toLocaleString()} refused`,
  refusedList: 'Refused files',
  more: (n: number) => `…and ${n.toLocaleString()} more`,
  dismiss: 'Dismiss the intake notice',
  dismissTitle: 'Dismiss',
} as const;

/** What a screen reader hears when a batch ends: "Batch finished: 2 uploaded, 1 already in the session, 1 refused." */
export function batchMessage(b: BatchFinished): string {
  const parts = [`${formatCount(b.uploaded)} uploaded`];
  if (b.alreadyThere) parts.push(`${formatCount(b.alreadyThere)} already in the session`);
  if (b.failed) parts.push(`${formatCount(b.failed)} failed`);
  if (b.refused) parts.push(`${formatCount(b.refused)} refused`);
  return `Batch finished: ${parts.join(', ')}.`;
}
