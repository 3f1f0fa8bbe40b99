// Says what to do when sign-in fails: the token is wrong, lacks an ability, or Raydocs cannot be reached.
import type { Workspace } from '../../../shared/api';
import { BridgeError } from '../bridge';
import { plural } from './format';

export const UPLOADER_ABILITIES = ['workspaces-read', 'templates-read', 'sessions-read', 'sessions-write'] as const;

/** Main's messages already say what to do; these are the fallbacks when it sends none, and the API URL is added for network errors. */
export function signInErrorMessage(err: unknown, apiBaseUrl: string | null): string {
  const code = err instanceof BridgeError ? err.code : 'unknown';
  const said = err instanceof Error ? err.message.trim() : '';
  switch (code) {
    case 'unauthorized':
      return said || 'Raydocs did not accept this token: it may be mistyped, revoked or expired. Create a new token on the dashboard’s Access Tokens page and paste it here.';
    case 'forbidden':
      return said || `This token lacks the workspaces-read ability. Create a token with ${UPLOADER_ABILITIES.join(', ')}, then paste it here.`;
    case 'network':
    case 'timeout': {
      const base = said || 'Could not reach Raydocs. Check your internet connection and try again.';
      return apiBaseUrl ? `${base} (API URL: ${apiBaseUrl} — change it in Settings if it is wrong.)` : base;
    }
    case 'invalid-arguments':
    case 'transport':
      return 'That does not look like a token. Paste the whole value the dashboard showed when you created it.';
    default:
      return said || 'Sign-in failed. Try again.';
  }
}

export function signedInMessage(workspaces: readonly Workspace[]): string {
  return `Signed in — ${plural(workspaces.length, 'workspace')}`;
}
