// The documents view's words (a session's documents, the one-per-file sessions, a run's result) in one place, so a translation needs no component.
import { formatAgo, formatBytes, plural } from './format';

export const DOCUMENTS_WORDS = {
  untitledSession: 'Untitled session',
  openInDashboard: 'Open in dashboard',
  loading: 'Loading documents…',
  none: 'No documents in this session yet. Drop files on the window to add them.',
  document: 'Document',
  size: 'Size',
  status: 'Status',
  parsings: 'Parsings',
  actions: 'Actions',
  reparsing: 'Reparsing…',
  reparse: 'Reparse',
  resultTitle: 'Extraction result',
  title: 'Documents',
  chooseIntro: 'Choose a session to see its documents and their parsing status.',
  choose: 'Choose a session…',
} as const;

/** "3 documents", a session's or a result's count. */
export function documentCount(n: number): string {
  return plural(n, 'document');
}

/** "· updated 5 s ago" after the count, once the documents were read. */
export function updatedLine(at: number): string {
  return `· updated ${formatAgo(at)}`;
}

export function documentsReadError(reason: string): string {
  return `Could not read the session’s documents: ${reason}`;
}

export function reparseError(reason: string): string {
  return `Could not reparse: ${reason}`;
}

export const PER_FILE_WORDS = {
  title: 'Sessions made one per file',
  saving: 'Saving…',
  downloadAll: 'Download all as one spreadsheet',
  none: 'Files you drop now each get a new session, named after the file. They are listed here once stored.',
  oneBatch: 'This batch’s sessions.',
  showAll: 'Show all',
  notExtracted: 'Not extracted',
  viewResult: 'View result',
  runExtraction: 'Run extraction',
  openInRaydocs: 'Open in Raydocs',
} as const;

/** "2 results of 3 sessions ready." */
export function resultsReadyLine(results: number, sessions: number): string {
  return `${plural(results, 'result')} of ${plural(sessions, 'session')} ready.`;
}

/** A per-file row's button names say which file: "View result: a.pdf". */
export function perFileActionLabel(action: string, file: string): string {
  return `${action}: ${file}`;
}

export const RESULT_WORDS = {
  untitled: 'Untitled result',
  extraction: 'Extraction',
  saving: 'Saving…',
  downloadExcel: 'Download Excel',
  copyJson: 'Copy as JSON',
  openInRaydocs: 'Open in Raydocs',
  thisResult: 'this result',
  noFields: 'This result holds no fields.',
  field: 'Field',
  value: 'Value',
  source: 'Source',
  notSaved: 'Not saved.',
  copied: 'Copied the result as JSON.',
} as const;

/** " · from Invoices" when the result shown is another session's. */
export function fromSessionLine(name: string): string {
  return ` · from ${name}`;
}

export function fieldsCaption(title: string): string {
  return `Extracted fields of ${title}`;
}

/** "p. 3", a field's source page. */
export function sourcePage(page: number): string {
  return `p. ${page}`;
}

export function resultReadError(reason: string): string {
  return `Could not read the extraction result: ${reason}`;
}

export function savedExcelNote(bytes: number, path: string): string {
  return `Saved ${formatBytes(bytes)} to ${path}`;
}

export function saveExcelError(reason: string): string {
  return `Could not save the spreadsheet: ${reason}`;
}

/** " 2 sessions left out: a (reason); b (reason)." after a per-session save; empty when none was. */
export function leftOutLine(skipped: ReadonlyArray<{ name: string; reason: string }>): string {
  return skipped.length > 0 ? ` ${plural(skipped.length, 'session')} left out: ${skipped.map((x) => `${x.name} (${x.reason})`).join('; ')}.` : '';
}

export function savedCombinedNote(sessions: number, path: string): string {
  return `Saved ${plural(sessions, 'session')} as one spreadsheet: ${path}`;
}

/** When Raydocs has no combined export: one spreadsheet per session, in a folder, and who was left out. */
export function savedSeparateNote(files: number, path: string, leftOut: string): string {
  return `Raydocs has no combined export here: saved ${plural(files, 'spreadsheet')} in ${path}.${leftOut}`;
}

export function saveAllError(reason: string): string {
  return `Could not save the spreadsheets: ${reason}`;
}

export function copyError(reason: string): string {
  return `Could not copy: ${reason}`;
}
