// Turns anything a command throws into one sentence, a stable code and an exit code. Never includes the token (errors never carry it).
import { ApiError, MALFORMED_TOKEN } from '../core/api/api-error';
import { describeApiError } from '../core/api/describe-api-error';
import { KeychainUnavailableError } from '../core/secret-store';
import { assertNever } from '../../shared/assert-never';
import { CliError, type CliErrorCode } from './errors';
import { EXIT, type ExitCode } from './exit-codes';

export interface DescribedError {
  message: string;
  code: CliErrorCode;
  exitCode: ExitCode;
  /** The HTTP status behind it, when the server answered. */
  status?: number | null;
}

/** What the CLI knows about where the token came from: a refused RAYDOCS_TOKEN is not fixed by `login`. */
export interface ErrorContext {
  apiUrl: string | null;
  tokenFromEnv?: boolean;
}

/**
 * A server's words, when they are words: a proxy's HTML page or S3's XML is never shown (the status says what
 * happened), so a 502 prints a sentence, not markup.
 */
export function serverWords(message: string | null): string | null {
  if (!message) return null;
  const t = message.trim();
  if (t.startsWith('<') || /<\/?(html|body|head|error|code)\b/i.test(t)) return null;
  return t;
}

/**
 * An error sentence without a server's page in it: the client appends `(server: "…")` to its messages, which for a
 * proxy's 502 is HTML. That part goes; the status and the words before it stay.
 */
export function withoutMarkup(message: string): string {
  const at = message.search(/ \(server: "\s*</);
  if (at !== -1) {
    const end = message.lastIndexOf('")');
    return message.slice(0, at) + (end > at ? message.slice(end + 2) : '');
  }
  return message.replace(/<(!doctype|html|\?xml)[\s\S]*$/i, '(a page, not the API\'s answer)');
}

function fromApiError(err: ApiError, where: ErrorContext): DescribedError {
  const what = `${err.request.method} ${err.request.path}`;
  const api = where.apiUrl ?? 'the API';
  const status = err.status;
  switch (err.code) {
    case 'unauthorized':
      if (err.detail === MALFORMED_TOKEN) {
        return { message: 'The token is malformed (spaces, line breaks or other characters a token cannot have). Paste only the token.', code: 'auth', exitCode: EXIT.auth, status };
      }
      if (where.tokenFromEnv) {
        return { message: `The token in RAYDOCS_TOKEN was refused (401) by ${api}: it is invalid, expired or revoked. Set RAYDOCS_TOKEN to a valid token.`, code: 'auth', exitCode: EXIT.auth, status };
      }
      return { message: `The token was rejected (401) by ${api}. Run \`raydocs-upload login\` again.`, code: 'auth', exitCode: EXIT.auth, status };
    case 'forbidden':
      // The shared sentence names the missing ability for the endpoint.
      return { message: `${describeApiError(err)} (403 on ${what})`, code: 'forbidden', exitCode: EXIT.auth, status };
    case 'network':
    case 'timeout':
      return { message: `Could not reach ${api} (${withoutMarkup(err.message)}).`, code: 'network', exitCode: EXIT.network, status };
    case 'rate-limited':
    case 'server': {
      const words = serverWords(err.serverMessage);
      const said = words ? `: ${words}` : err.code === 'rate-limited' ? ': too many requests' : ': the server had an error';
      return { message: `The server kept failing (${err.status ?? '?'} on ${what}${said}). Try again later.`, code: 'server', exitCode: EXIT.network, status };
    }
    case 'not-found':
      return { message: `${describeApiError(err)} (${err.status ?? '?'} on ${what})`, code: 'not-found', exitCode: EXIT.failed, status };
    case 'validation':
      return { message: `${describeApiError(err)} (${err.status ?? '?'} on ${what})`, code: 'validation', exitCode: EXIT.failed, status };
    case 'invalid-response':
      return { message: `${withoutMarkup(err.message)}.`, code: 'invalid-response', exitCode: EXIT.failed, status };
    case 'aborted':
      return { message: `${withoutMarkup(err.message)}.`, code: 'aborted', exitCode: EXIT.failed, status };
    default:
      return assertNever(err.code, 'ApiError code');
  }
}

/** A sentence, a code and an exit code for anything a command throws. */
export function describeError(err: unknown, where: ErrorContext | string | null): DescribedError {
  const context: ErrorContext = typeof where === 'object' && where !== null ? where : { apiUrl: where };
  if (err instanceof CliError) return { message: err.message, code: err.code, exitCode: err.exitCode };
  if (err instanceof KeychainUnavailableError) {
    return { message: `${err.message} Or set RAYDOCS_TOKEN to use a token without the keychain.`, code: 'environment', exitCode: EXIT.environment };
  }
  if (err instanceof ApiError) return fromApiError(err, context);
  const message = err instanceof Error ? err.message : String(err);
  return { message: `Unexpected error: ${withoutMarkup(message)}`, code: 'unexpected', exitCode: EXIT.failed };
}
