// The queue view's words in one place (batch headers, the status strip, confirmations), so a translation needs no component.
import { destinationOf } from '../../../shared/bulk-words';
import type { Target } from '../../../shared/queue';
import { plural } from './format';
import type { BatchView } from './queue-rows';

/** "March invoices · Acme Finance", or "12 new sessions (Invoices)" for a one-session-per-file batch. */
export function destinationWords(target: Target, workspaceName: string | null, files: number): string {
  if (target.kind === 'session-per-file') return `${plural(files, 'new session')} (${target.templateName})`;
  return destinationOf({ ...target, sessionName: target.sessionName || 'Untitled session' }, workspaceName);
}

/** "42 files · 38 stored · 2 need attention · 1 cancelled". */
export function batchCountWords(b: BatchView): string {
  const parts = [plural(b.total, 'file')];
  if (b.stored) parts.push(`${b.stored.toLocaleString()} stored`);
  if (b.failed) parts.push(`${b.failed.toLocaleString()} ${b.failed === 1 ? 'needs' : 'need'} attention`);
  if (b.cancelled) parts.push(`${b.cancelled.toLocaleString()} cancelled`);
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
} as const;
