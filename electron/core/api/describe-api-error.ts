// Turns a client error into one sentence a person can act on: 401 sign in again, 403 name the ability, 422 say what the server said.
import { assertNever } from '../../../shared/assert-never';
import { matchEndpoint } from '../../../shared/api';
import { ApiError, MALFORMED_TOKEN } from './api-error';
import { BaseUrlError } from './base-url';

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
}

function fieldSummary(fieldErrors: Record<string, string[]>): string {
  return Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
    .join('; ');
}

export function describeApiError(err: unknown): string {
  if (err instanceof BaseUrlError) return err.message;
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  const endpoint = matchEndpoint(err.request.method, err.request.path);
  const action = endpoint?.purpose ?? `call ${err.request.method} ${err.request.path}`;
  switch (err.code) {
    case 'unauthorized':
      if (err.detail === MALFORMED_TOKEN) {
        return 'The saved token is malformed (it contains spaces, line breaks or other characters a token cannot have). Sign in again and paste only the token.';
      }
      return err.status === null
        ? 'You are signed out. Sign in with a Raydocs Personal Access Token.'
        : 'Raydocs no longer accepts this token (it may have been revoked or mistyped). Sign in again with a valid Personal Access Token.';
    case 'forbidden':
      return endpoint?.ability
        ? `The token is not allowed to ${action}: it probably lacks the "${endpoint.ability}" ability, or it is limited to other workspaces. Create a token with that ability in Raydocs (Settings → Access Tokens) and sign in again.`
        : `The token is not allowed to ${action}. Check the token's abilities and workspace in Raydocs (Settings → Access Tokens), then sign in again.`;
    case 'not-found':
      return `Raydocs could not find the ${endpoint?.resource ?? 'requested item'} (it may have been deleted, or this token cannot see it).`;
    case 'validation': {
      const fields = fieldSummary(err.fieldErrors);
      const said = err.serverMessage ?? `the request was refused (${err.status ?? 'no status'})`;
      return `Raydocs refused to ${action}: ${said}${fields && !said.includes(fields) ? ` (${fields})` : ''}`;
    }
    case 'rate-limited':
      return err.retryAfterMs === null
        ? 'Raydocs is limiting how fast requests may be sent; the app will slow down and try again.'
        : `Raydocs is limiting how fast requests may be sent; trying again in ${seconds(err.retryAfterMs)}.`;
    case 'server':
      return `Raydocs had a server error (${err.status}) while trying to ${action}. This is usually temporary; it will be retried.`;
    case 'network':
      if (err.detail === 'ENOTFOUND') return 'The Raydocs API address could not be found (DNS). Check the API address in Settings and the network connection.';
      if (err.detail && /CERT|TLS|UNABLE_TO_VERIFY/.test(err.detail)) {
        return "The connection to Raydocs is not trusted (TLS certificate problem). A proxy may be intercepting it; check the proxy settings.";
      }
      return 'Could not reach Raydocs. Check the internet connection, VPN or proxy settings; the app retries when the connection is back.';
    case 'timeout':
      return `Raydocs did not answer in time while trying to ${action}. It will be retried; a slow or filtered connection can cause this.`;
    case 'invalid-response':
      return `Raydocs answered in a way this app does not understand while trying to ${action}. The app may need an update. (${err.message})`;
    case 'aborted':
      return 'The request was cancelled.';
    default:
      return assertNever(err.code, 'ApiError code');
  }
}
