// push: placeholder until the engine lands.
import type { Command } from '../args';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { EXIT, type ExitCode } from '../exit-codes';

export async function push(_ctx: CliContext, _command: Extract<Command, { name: 'push' }>): Promise<ExitCode> {
  throw new CliError('push is not implemented yet', EXIT.failed);
}
