// Says what to do when sign-in fails: the token is wrong, lacks an ability, or Raydocs cannot be reached.
import type { Workspace } from '../../../shared/api';
import { BridgeError } from '../bridge';

export const UPLOADER_ABILITIES = ['workspaces-read', 'templates-read', 'sessions-read', 'sessions-write'] as const;

export function signInErrorMessage(err: unknown, apiBaseUrl: string | null): string {
  const code = err instanceof BridgeError ? err.code : 'unknown';
  const where = apiBaseUrl ? ` at ${apiBaseUrl}` : '';
  switch (code) {
    case 'unauthorized':
      return 'Raydocs did not accept this token: it may be mistyped, revoked or expired. Create a new token on the dashboard’s Access Tokens page and paste it here.';
    case 'forbidden':
      return `This token lacks the workspaces-read ability. Create a token with ${UPLOADER_ABILITIES.join(', ')} (add documents-read and documents-write to reparse), then paste it here.`;
    case 'network':
    case 'timeout':
      return `Could not reach Raydocs${where}. Check your internet connection (or the API URL in Settings) and try again.`;
    case 'keychain-unavailable':
      return `${err instanceof Error ? err.message : ''} You can keep the token in memory for this run instead.`.trim();
    case 'validation':
    case 'transport':
      return err instanceof Error && err.message ? err.message : 'That does not look like a token. Paste the whole value shown by the dashboard.';
    default:
      return err instanceof Error && err.message ? err.message : 'Sign-in failed. Try again.';
  }
}

export function signedInMessage(workspaces: readonly Workspace[]): string {
  const n = workspaces.length;
  return `Signed in — ${n} ${n === 1 ? 'workspace' : 'workspaces'}`;
}
