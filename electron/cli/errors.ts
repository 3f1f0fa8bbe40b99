// Errors the CLI turns into a message on stderr and an exit code.
import type { ExitCode } from './exit-codes';
import { EXIT } from './exit-codes';

export class CliError extends Error {
  override readonly name: string = 'CliError';
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode) {
    super(message);
    this.exitCode = exitCode;
  }
}

export class UsageError extends CliError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}
