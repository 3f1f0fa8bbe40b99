// Turns anything a command throws into one sentence and an exit code. Never includes the token (errors never carry it).
import { ApiError, MALFORMED_TOKEN } from '../core/api/api-error';
import { describeApiError } from '../core/api/describe-api-error';
import { KeychainUnavailableError } from '../core/secret-store';
import { assertNever } from '../../shared/assert-never';
import { CliError } from './errors';
import { EXIT, type ExitCode } from './exit-codes';

/** A sentence and an exit code for anything a command throws. Never includes the token (errors never carry it). */
export function describeError(err: unknown, apiUrl: string | null): { message: string; exitCode: ExitCode } {
  if (err instanceof CliError) return { message: err.message, exitCode: err.exitCode };
  if (err instanceof KeychainUnavailableError) {
    return { message: `${err.message} Or set RAYDOCS_TOKEN to use a token without the keychain.`, exitCode: EXIT.environment };
  }
  if (err instanceof ApiError) {
    const what = `${err.request.method} ${err.request.path}`;
    switch (err.code) {
      case 'unauthorized':
        if (err.detail === MALFORMED_TOKEN) {
          return { message: 'The token is malformed (spaces, line breaks or other characters a token cannot have). Paste only the token.', exitCode: EXIT.auth };
        }
        return { message: `The token was rejected (401) by ${apiUrl ?? 'the API'}. Run \`raydocs-upload login\` again.`, exitCode: EXIT.auth };
      case 'forbidden':
        // The shared sentence names the missing ability for the endpoint.
        return { message: `${describeApiError(err)} (403 on ${what})`, exitCode: EXIT.auth };
      case 'network':
      case 'timeout':
        return { message: `Could not reach ${apiUrl ?? 'the API'} (${err.message}).`, exitCode: EXIT.network };
      case 'rate-limited':
      case 'server':
        return { message: `The server kept failing (${err.status ?? '?'} on ${what}${err.serverMessage ? `: ${err.serverMessage}` : ''}). Try again later.`, exitCode: EXIT.network };
      case 'not-found':
      case 'validation':
        return { message: `${describeApiError(err)} (${err.status ?? '?'} on ${what})`, exitCode: EXIT.failed };
      case 'invalid-response':
      case 'aborted':
        return { message: `${err.message}.`, exitCode: EXIT.failed };
      default:
        return assertNever(err.code, 'ApiError code');
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { message: `Unexpected error: ${message}`, exitCode: EXIT.failed };
}
