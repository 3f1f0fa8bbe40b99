// Entry point of the `raydocs-upload` command: parse, dispatch, map every outcome to an exit code.
import { readFileSync } from 'node:fs';
import { assertNever } from '../../shared/assert-never';
import { parseCliArgs, type Command } from './args';
import { createContext, type CliContext } from './context';
import { EXIT, type ExitCode } from './exit-codes';
import { USAGE } from './help';
import { processIo, type CliIo } from './io';
import { printable } from './terminal-text';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

// Command modules load on demand: `--help` stays instant and `whoami` never loads the upload engine.
async function dispatch(ctx: CliContext, command: Exclude<Command, { name: 'help' | 'version' }>): Promise<ExitCode> {
  switch (command.name) {
    case 'login':
      return (await import('./commands/auth')).login(ctx, command);
    case 'logout':
      return (await import('./commands/auth')).logout(ctx);
    case 'whoami':
      return (await import('./commands/auth')).whoami(ctx);
    case 'templates':
      return (await import('./commands/sessions')).templates(ctx, command);
    case 'sessions-new':
      return (await import('./commands/sessions')).sessionsNew(ctx, command);
    case 'sessions-show':
      return (await import('./commands/sessions')).sessionsShow(ctx, command);
    case 'status':
      return (await import('./commands/sessions')).status(ctx, command);
    case 'push':
      return (await import('./commands/push')).push(ctx, command);
    case 'resume':
      return (await import('./commands/resume')).resume(ctx, command);
    case 'extract':
      return (await import('./commands/extract')).extract(ctx, command);
    case 'results-list':
      return (await import('./commands/extract')).resultsList(ctx, command);
    case 'results-show':
      return (await import('./commands/extract')).resultsShow(ctx, command);
    default:
      return assertNever(command, 'command');
  }
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<ExitCode> {
  let apiUrl: string | null = null;
  try {
    const parsed = parseCliArgs(argv);
    const { command } = parsed;
    if (command.name === 'help') {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (command.name === 'version') {
      io.stdout.write(`${version()}\n`);
      return EXIT.ok;
    }
    const ctx = createContext(io, parsed.apiUrl, parsed.json);
    apiUrl = ctx.apiUrl;
    return await dispatch(ctx, command);
  } catch (err) {
    const { describeError } = await import('./describe-error');
    const { message, exitCode } = describeError(err, apiUrl);
    io.stderr.write(`raydocs-upload: ${printable(message)}\n`);
    if (exitCode === EXIT.usage) io.stderr.write('Run `raydocs-upload --help` for usage.\n');
    return exitCode;
  }
}
