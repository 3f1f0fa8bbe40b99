// The window shell's words in one place (header, banners, the opened-files offer, start-up), so a translation needs no component.
import { formatCount, plural } from './format';

export const APP_WORDS = {
  appName: 'Raydocs Uploader',
  demo: 'Demo',
  demoTitle: 'Connected to the local Raydocs emulator',
  targetLabel: 'New files go to',
  noTarget: 'No session chosen',
  untitledSession: 'Untitled session',
  change: 'Change',
  choose: 'Choose…',
  views: 'Views',
  tabs: { queue: 'Queue', documents: 'Documents', settings: 'Settings' },
  starting: 'Starting…',
  noBridge: 'This window must be opened by Raydocs Uploader: the app bridge is missing.',
  dropToUpload: 'Drop to upload',
  dropPerFile: 'one session per file',
  dropChooseNext: 'you will choose a session next',
  offline: 'Offline.',
  unreachable: 'Raydocs cannot be reached.',
  retryNow: 'Retry now',
  signedOut: 'Signed out.',
  signedOutDetail: 'You are signed out; queued files wait until you sign in again.',
  signIn: 'Sign in',
  dismiss: 'Dismiss',
  upload: 'Upload',
  chooseSession: 'Choose session',
} as const;

/** The header's "New files go to · Acme Finance" (the workspace only once a target is chosen). */
export function targetLabelWords(workspaceName: string): string {
  return workspaceName ? `${APP_WORDS.targetLabel} · ${workspaceName}` : APP_WORDS.targetLabel;
}

/** "One session per file · Invoices". */
export function perFileTargetWords(templateName: string): string {
  return `One session per file · ${templateName}`;
}

/** The drop overlay's second line: "to March invoices". */
export function dropToWords(sessionName: string): string {
  return `to ${sessionName}`;
}

export function couldNotStart(reason: string): string {
  return `Could not start: ${reason}`;
}

/** The offline banner's ticking part: "Since 2 min ago. Uploads resume by themselves." */
export function offlineSinceWords(ago: string): string {
  return `Since ${ago}. Uploads resume by themselves.`;
}

/** "1 file", "3 files" (the count as the offer has always written it). */
export function openedFilesWords(count: number): string {
  return plural(count, 'file');
}

/** "Upload 3 files to March invoices?", or "Upload 3 files? Choose a session for them." with no destination. */
export function openedOfferTitle(count: number, destination: string | null): string {
  const files = openedFilesWords(count);
  return destination ? `Upload ${files} to ${destination}?` : `Upload ${files}? Choose a session for them.`;
}

/** A one-session-per-file destination in the offer: "one session per file (Invoices)". */
export function openedPerFileWords(templateName: string): string {
  return `one session per file (${templateName})`;
}

/** What follows the names shown: " and 4 more" (nothing when all are shown). */
export function openedMoreWords(more: number): string {
  return more > 0 ? ` and ${formatCount(more)} more` : '';
}

/** A progress bar's value in words ("42%"). */
export function percentWords(value: number): string {
  return `${value}%`;
}
