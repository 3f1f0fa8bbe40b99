// Turns anything a command throws into one sentence and an exit code. Never includes the token (errors never carry it).
import { ApiError } from '../core/api/api-error';
import { KeychainUnavailableError } from '../core/secret-store';
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
    const server = err.serverMessage ? `: ${err.serverMessage}` : '';
    switch (err.code) {
      case 'unauthorized':
        return { message: `The token was rejected (401) by ${apiUrl ?? 'the API'}. Run \`raydocs-upload login\` again.`, exitCode: EXIT.auth };
      case 'forbidden':
        return { message: `The token is not allowed to do this (403, ${what})${server}. Check its abilities in the dashboard.`, exitCode: EXIT.auth };
      case 'network':
      case 'timeout':
        return { message: `Could not reach ${apiUrl ?? 'the API'} (${err.message}).`, exitCode: EXIT.network };
      case 'rate_limited':
      case 'server':
        return { message: `The server kept failing (${err.status ?? '?'} on ${what})${server}. Try again later.`, exitCode: EXIT.network };
      case 'not_found':
        return { message: `Not found (404, ${what})${server}.`, exitCode: EXIT.failed };
      case 'validation': {
        const fields = Object.entries(err.fieldErrors)
          .map(([k, v]) => `${k}: ${v.join(' ')}`)
          .join('; ');
        return { message: `The server refused the request (${err.status ?? 422}, ${what})${server}${fields ? ` — ${fields}` : ''}.`, exitCode: EXIT.failed };
      }
      case 'invalid_response':
      case 'aborted':
        return { message: `${err.message} (${what}).`, exitCode: EXIT.failed };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { message: `Unexpected error: ${message}`, exitCode: EXIT.failed };
}
