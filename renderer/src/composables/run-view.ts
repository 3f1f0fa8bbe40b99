// What the window says of an extraction run: its state in words, the documents' parsing under it, and the run button.
import { assertNever } from '../../../shared/assert-never';
import type { RunStatus } from '../../../shared/result-table';
import { plural, userLocale } from './format';

export type RunTone = 'neutral' | 'active' | 'success' | 'danger';

/** `Extraction complete` is what the documents view has always said: other screens and specs read it. */
export function runWords(status: RunStatus): string {
  switch (status) {
    case 'created':
      return 'Extraction queued';
    case 'parsing_pending':
      return 'Parsing documents';
    case 'processing':
      return 'Extracting';
    case 'completed':
      return 'Extraction complete';
    case 'failed':
      return 'Extraction failed';
    case 'unknown':
      return 'Extraction status unknown';
    default:
      return assertNever(status, 'run status');
  }
}

export function runTone(status: RunStatus): RunTone {
  switch (status) {
    case 'completed':
      return 'success';
    case 'failed':
      return 'danger';
    case 'unknown':
      return 'neutral';
    case 'created':
    case 'parsing_pending':
    case 'processing':
      return 'active';
    default:
      return assertNever(status, 'run status');
  }
}

/** How far the session's documents are parsed, counted from the documents view's rows. */
export interface ParseProgress {
  total: number;
  parsed: number;
  failed: number;
}

export function parseProgressOf(rows: ReadonlyArray<{ tone: string }>): ParseProgress {
  let parsed = 0;
  let failed = 0;
  for (const r of rows) {
    if (r.tone === 'success') parsed++;
    else if (r.tone === 'danger') failed++;
  }
  return { total: rows.length, parsed, failed };
}

/** "Parsing 2 of 3 documents" while waiting on parsing: the count is of documents parsed so far. */
export function parsingLine(p: ParseProgress): string {
  const done = `Parsing ${p.parsed} of ${plural(p.total, 'document')}`;
  return p.failed > 0 ? `${done} · ${p.failed} could not be parsed` : done;
}

/** The line under a run's state: parsing progress while parsing, else nothing (the state says it). */
export function runDetail(status: RunStatus, progress: ParseProgress | null): string | null {
  return status === 'parsing_pending' && progress && progress.total > 0 ? parsingLine(progress) : null;
}

export interface RunButtonInput {
  /** Documents in the session (null: not read yet). */
  documents: number | null;
  /** Documents whose parse failed: the run skips them. */
  parseFailed: number;
  /** Uploads to this session still moving (queued, hashing, uploading, waiting…). */
  uploadsRunning: number;
  /** results:run is being asked. */
  starting: boolean;
  /** The session's newest run is still in motion. */
  runInMotion: boolean;
}

export interface RunButtonView {
  label: string;
  disabled: boolean;
  /** Why it is disabled, said beside it (and tied to it with aria-describedby). */
  reason: string | null;
  /** Something to know before running (documents that will be skipped). */
  note: string | null;
}

export function runButton(i: RunButtonInput): RunButtonView {
  const label = i.documents == null ? 'Run extraction' : `Run extraction on ${plural(i.documents, 'document')}`;
  // When none is left the run still goes to Raydocs (its answer says what it makes of that), but the note says so.
  const none = i.documents != null && i.documents > 0 && i.parseFailed >= i.documents;
  const note = none
    ? `None could be parsed: reparse ${i.documents === 1 ? 'it' : 'them'} first`
    : i.parseFailed > 0
      ? `${i.parseFailed} could not be parsed and will be skipped`
      : null;
  if (i.starting) return { label: 'Starting extraction…', disabled: true, reason: null, note };
  if (i.uploadsRunning > 0) {
    return { label, disabled: true, reason: `Waiting for ${plural(i.uploadsRunning, 'upload')} to finish`, note };
  }
  if (i.runInMotion) return { label, disabled: true, reason: 'An extraction is already running on this session', note };
  if (i.documents === 0) return { label, disabled: true, reason: 'No documents in this session yet', note };
  return { label, disabled: false, reason: null, note };
}

/** "12 Mar, 14:05": when a run started, for the list of a session's runs. */
export function runTime(at: number): string {
  return new Date(at).toLocaleString(userLocale(), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

export const RUN_WORDS = {
  historyTitle: 'Runs of this session',
  failureUnknown: 'Raydocs did not say why. Check the documents and run the extraction again.',
  theSession: 'the session',
} as const;

/** What the live region says when one run completes or fails (`what`: its title, else its session's name). */
export function runSettledAnnouncement(status: 'completed' | 'failed', what: string, failure: string | null): string {
  if (status === 'completed') return `Extraction complete: ${what}.`;
  return `Extraction failed on ${what}${failure ? `: ${failure}` : '.'}`;
}

/** "Invoices: Extracting." for a run's step along the way (without a session name, the state alone). */
export function runStepAnnouncement(status: RunStatus, sessionName: string | null): string {
  return sessionName ? `${sessionName}: ${runWords(status)}.` : `${runWords(status)}.`;
}

/** "3 extractions complete, 1 failed." when many runs settle at once; null when none settled. */
export function runsSettledAnnouncement(done: number, failed: number): string | null {
  const parts = [done ? `${plural(done, 'extraction')} complete` : '', failed ? `${failed} failed` : ''].filter(Boolean);
  return parts.length > 0 ? `${parts.join(', ')}.` : null;
}

export function runStartedAnnouncement(documents: number): string {
  return `Extraction started on ${plural(documents, 'document')}.`;
}

export function runHistoryError(reason: string): string {
  return `Could not list the session’s runs: ${reason}`;
}

export function runStartError(reason: string): string {
  return `Could not start the extraction: ${reason}`;
}
