// Errors the CLI turns into a message on stderr (and, with --json, an error object on stdout) and an exit code.
import type { ExitCode } from './exit-codes';
import { EXIT } from './exit-codes';

/** The stable `error.code` of the --json error object (docs/cli.md): scripts branch on it, so names never change. */
export type CliErrorCode =
  | 'usage'
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'validation'
  | 'network'
  | 'server'
  | 'invalid-response'
  | 'aborted'
  | 'environment'
  | 'interrupted'
  | 'extraction-failed'
  | 'files-failed'
  | 'mismatch'
  | 'write-failed'
  | 'busy'
  | 'failed'
  | 'unexpected';

export const CLI_ERROR_CODES: readonly CliErrorCode[] = [
  'usage',
  'auth',
  'forbidden',
  'not-found',
  'validation',
  'network',
  'server',
  'invalid-response',
  'aborted',
  'environment',
  'interrupted',
  'extraction-failed',
  'files-failed',
  'mismatch',
  'write-failed',
  'busy',
  'failed',
  'unexpected',
];

/** The code an exit code stands for when nothing more precise is known. */
export function codeForExit(exitCode: ExitCode): CliErrorCode {
  switch (exitCode) {
    case EXIT.usage:
      return 'usage';
    case EXIT.auth:
      return 'auth';
    case EXIT.network:
      return 'network';
    case EXIT.environment:
      return 'environment';
    case EXIT.extractionFailed:
      return 'extraction-failed';
    case EXIT.interrupted:
      return 'interrupted';
    default:
      return 'failed';
  }
}

export class CliError extends Error {
  override readonly name: string = 'CliError';
  readonly exitCode: ExitCode;
  readonly code: CliErrorCode;
  constructor(message: string, exitCode: ExitCode, code: CliErrorCode = codeForExit(exitCode)) {
    super(message);
    this.exitCode = exitCode;
    this.code = code;
  }
}

export class UsageError extends CliError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super(message, EXIT.usage, 'usage');
  }
}
