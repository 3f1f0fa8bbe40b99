// The questions main asks natively before it acts on a request to change the server or the account, or to cancel files.
import type { CancelAllWords } from '../../../shared/bulk-words';

export type ConfirmKind = 'api-origin' | 'account-swap' | 'sign-out' | 'cancel-all';

/** A native question with two buttons: [confirm, cancel]. Cancel is the default, so Enter and Escape change nothing. */
export interface ConfirmPrompt {
  kind: ConfirmKind;
  message: string;
  detail: string;
  buttons: [string, string];
  defaultId: 1;
  cancelId: 1;
}

/** The host a person recognises ("api.raydocs.com", "127.0.0.1:8080"); the input as given when it is no URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** Null when the origin does not change (a trailing slash or a path is not a new server). */
export function apiOriginPrompt(currentUrl: string, nextUrl: string): ConfirmPrompt | null {
  if (originOf(currentUrl) === originOf(nextUrl)) return null;
  const next = hostOf(nextUrl);
  return {
    kind: 'api-origin',
    message: `Send your Raydocs token to ${next}?`,
    detail:
      `The app would talk to ${next} instead of ${hostOf(currentUrl)} from its next start, and send it the token you sign in with there. ` +
      'Only do this if your administrator asked you to.',
    buttons: [`Use ${next}`, 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  };
}

function workspaceList(names: readonly string[]): string {
  if (names.length === 0) return 'no workspace known yet';
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

/** Signing in over a stored token replaces it for the app and the command-line tool (they share the keychain entry). */
export function accountSwapPrompt(currentWorkspaces: readonly string[], nextWorkspaces: readonly string[]): ConfirmPrompt {
  return {
    kind: 'account-swap',
    message: 'Replace the signed-in account?',
    detail:
      `Signed in now: ${workspaceList(currentWorkspaces)}.\nNew token: ${workspaceList(nextWorkspaces)}.\n` +
      'The new token replaces the stored one for this app and for raydocs-upload.',
    buttons: ['Replace', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  };
}

export function signOutPrompt(currentWorkspaces: readonly string[]): ConfirmPrompt {
  return {
    kind: 'sign-out',
    message: 'Sign out of Raydocs?',
    detail: `Signed in: ${workspaceList(currentWorkspaces)}.\nThe token is removed from this computer, for this app and for raydocs-upload. Queued files wait until you sign in again.`,
    buttons: ['Sign out', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  };
}

/** Cancel all from the tray or the menu: the count and the destination, in the words the window's dialog uses too. */
export function cancelAllPrompt(words: CancelAllWords): ConfirmPrompt {
  return { kind: 'cancel-all', message: words.message, detail: words.detail, buttons: words.buttons, defaultId: 1, cancelId: 1 };
}

/** Button 0 confirms; anything else (Cancel, Escape, a closed box) does not. */
export function confirmed(response: number): boolean {
  return response === 0;
}
