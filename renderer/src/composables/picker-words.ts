// The target picker's words in one place, so a translation needs no component.
import { formatCount } from './format';

export const LINK_WORDS = {
  clipboardOffer: 'A session link is on your clipboard.',
  useClipboard: 'Use the copied link',
  droppedOffer: 'You dropped a link to a session on the window. Files go there once you open it.',
  useDropped: 'Open the dropped session',
  inputLabel: 'Open by ID or dashboard link',
  placeholder: 'Session UUID or https://…/sessions/…',
  open: 'Open',
  dropHint: 'You can also drop a session link from the dashboard onto the window.',
} as const;

export const PICKER_WORDS = {
  title: 'Where should files go?',
  close: 'Close',
  workspace: 'Workspace',
  chooseWorkspace: 'Choose a workspace',
  tabsLabel: 'How to choose the session',
} as const;

export const RECENT_WORDS = {
  title: 'Sessions used on this computer',
  searchPlaceholder: 'Search sessions',
  searchLabel: 'Search recent sessions',
  loading: 'Loading…',
  none: 'No recent sessions in this workspace. Create one under “New session”, or open one under “Paste a link”.',
  untitled: 'Untitled session',
} as const;

/** "No session matches “x”." for a search that filters every recent out. */
export function noRecentMatch(search: string): string {
  return `No session matches “${search}”.`;
}

export const NEW_SESSION_WORDS = {
  name: 'Name',
  create: 'Create session',
} as const;

export const PER_FILE_PANEL_WORDS = {
  intro: 'Each file gets its own new session from this template, named after the file.',
  autoExtract: 'Run the extraction automatically once each file is parsed',
  use: 'Use one session per file',
} as const;

export const TEMPLATE_WORDS = {
  legend: 'Template',
  loading: 'Loading templates…',
  none: 'This workspace has no extraction templates yet. Create one on the Raydocs dashboard first.',
  previous: 'Previous',
  next: 'Next',
} as const;

/** "Fields: a, b, c and 4 more": a template's first field names, and how many it has beyond them. */
export function templateFieldsLine(names: readonly string[], more: number): string {
  const list = `Fields: ${names.join(', ')}`;
  return more > 0 ? `${list} and ${formatCount(more)} more` : list;
}

/** "Page 2 of 5" under the templates. */
export function pageOf(page: number, last: number): string {
  return `Page ${formatCount(page)} of ${formatCount(last)}`;
}

/** The target store's errors, shown in the picker: what failed, then main's words for why. */
export const TARGET_ERRORS = {
  recent: (reason: string): string => `Could not load recent sessions: ${reason}`,
  templates: (reason: string): string => `Could not load templates: ${reason}`,
  open: (reason: string): string => `Could not open that session: ${reason}`,
  create: (reason: string): string => `Could not create the session: ${reason}`,
} as const;

/** The picker's tabs, by id. */
export const TAB_WORDS = { recent: 'Recent', link: 'Paste a link', new: 'New session', 'per-file': 'One per file' } as const;

/** When a recent session was last used: "used just now", "used 5 min ago", "used 2 h ago", "used yesterday"… */
export const USED_AGO_WORDS = {
  justNow: 'used just now',
  minutes: (n: number) => `used ${formatCount(n)} min ago`,
  hours: (n: number) => `used ${formatCount(n)} h ago`,
  yesterday: 'used yesterday',
  days: (n: number) => `used ${formatCount(n)} days ago`,
  on: (date: string) => `used on ${date}`,
} as const;
