// The settings screen's words (account, uploads, appearance, update, watched folders) in one place, so a translation needs no component.
import type { Target } from '../../../shared/ipc';
import type { Theme } from '../../../shared/settings';
import { plural } from './format';

export const SETTINGS_WORDS = {
  title: 'Settings',
  concurrency: 'Parallel uploads',
  concurrencyHelp: 'How many files upload at once (1–16).',
  speedLimit: 'Upload speed limit',
  speedLimitField: 'Upload speed limit (KB/s)',
  speedLimitHelp: '0 means no limit. Applies at once, also to uploads in progress.',
  keepFileNames: 'Keep file names',
  keepFileNamesLabel: 'Keep file names in Raydocs',
  keepFileNamesHelp: 'Names each document after its file (one more request per file; the token needs documents-write). Off: Raydocs may show generated names.',
  appearance: 'Appearance',
  notifications: 'Notifications',
  notificationsLabel: 'Notify me when a batch finishes or needs attention',
  launchAtLogin: 'Launch at login',
  launchAtLoginLabel: 'Start Raydocs Uploader when I log in',
  advanced: 'Advanced',
  apiUrl: 'API URL',
  save: 'Save',
  apiUrlHelp: 'Leave as https://api.raydocs.com unless your organisation runs its own. A new URL applies the next time the app starts.',
  loading: 'Loading settings…',
  updateReady: 'Update ready',
  updateDownloading: 'Downloading an update',
} as const;

export const THEME_LABELS: Record<Theme, string> = { system: 'Same as the system', light: 'Light', dark: 'Dark' };

/** "Parallel uploads saved." once main has stored a setting. */
export function savedLine(what: string): string {
  return `${what} saved.`;
}

/** A number field's refusal: it names the range, and that nothing was stored. */
export function wholeNumberRange(label: string, min: number, max: number): string {
  return `${label} must be a whole number from ${min.toLocaleString()} to ${max.toLocaleString()}. Not saved.`;
}

/** "Version 1.2.0: 40%." while an update downloads. */
export function updateDownloadingLine(version: string, percent: number): string {
  return `Version ${version}: ${percent}%.`;
}

export function updateReadyLine(version: string): string {
  return `Version ${version} installs when you quit Raydocs Uploader, or choose “Restart now to update” in the tray menu.`;
}

/** "It waits until 1 upload in progress finishes." / "… 3 uploads in progress finish." */
export function updateWaitsLine(uploads: number): string {
  return `It waits until ${plural(uploads, 'upload')} in progress finish${uploads === 1 ? 'es' : ''}.`;
}

export const ACCOUNT_WORDS = {
  title: 'Account',
  noWorkspace: 'no workspace yet',
  signOutHelp: 'Signing out removes the token from this computer. Queued files wait until you sign in again.',
  signOut: 'Sign out…',
  signedOut: 'Signed out.',
} as const;

/** The words before the workspaces' names: "Signed in with a token for" (or "Signed in to the demo with a token for"). */
export function signedInAs(demo: boolean): string {
  return `Signed in${demo ? ' to the demo' : ''} with a token for`;
}

export const WATCH_WORDS = {
  title: 'Watched folders',
  intro: 'Files saved into a watched folder are uploaded by themselves, once each, also while the window is closed.',
  resume: 'Resume',
  pause: 'Pause',
  remove: 'Remove',
  none: 'No folder is watched.',
  includeSubfolders: 'Include subfolders',
  moveAfter: 'Move uploaded files into an “Uploaded” folder',
  settleField: 'Settle time (s)',
  settleHelp: 'A file is taken once its size and time have not changed for this long, so a scan still being written waits.',
  add: 'Watch a folder…',
  chooseFirst: 'Choose a session first: new files go where the queue\'s files go.',
  withSubfolders: 'with subfolders',
  thisFolderOnly: 'this folder only',
  movesUploaded: 'moves uploaded files into “Uploaded”',
  leavesInPlace: 'leaves files in place',
} as const;

/** "Remove Scans": the Remove button's name says which folder. */
export function removeWatchLabel(folderName: string): string {
  return `Remove ${folderName}`;
}

export function settleRangeError(min: number, max: number): string {
  return `The settle time must be from ${min} to ${max} seconds. Nothing was added.`;
}

/** "waits 5 s for a file to settle", for a settle time other than the default. */
export function settleWaitsLine(seconds: number): string {
  return `waits ${seconds} s for a file to settle`;
}

/** Where a watch's files go: "into Invoices", or "one session per file (Template), extracting". */
export function watchTargetText(t: Target): string {
  return t.kind === 'session' ? `into ${t.sessionName}` : `one session per file (${t.templateName})${t.autoExtract ? ', extracting' : ''}`;
}

/** " · last: scan.pdf" after a watch's target, naming the last file it took. */
export function lastFileLine(name: string): string {
  return ` · last: ${name}`;
}

/** "New files go into Invoices." under the add button. */
export function newFilesGo(t: Target): string {
  return `New files go ${watchTargetText(t)}.`;
}
