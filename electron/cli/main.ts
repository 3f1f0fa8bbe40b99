// Entry point of the `raydocs-upload` command: parse, dispatch, map every outcome to an exit code (and, with --json, an error object).
import { readFileSync } from 'node:fs';
import { assertNever } from '../../shared/assert-never';
import { parseCliArgs, type Command } from './args';
import type { CliContext, ContextDeps } from './context';
import { EXIT, type ExitCode } from './exit-codes';
import { helpText } from './help';
import { processIo, type CliIo } from './io';
import { errorJson, jsonRequested, writeJson } from './json-output';
import { printable } from './terminal-text';
import { logRequests, quietStream } from './verbose';

// The bundle (scripts/build-cli.ts) inlines the version, so `--version` reads no file; from the sources it is package.json's.
declare const RAYDOCS_CLI_VERSION: string | undefined;

function version(): string {
  if (typeof RAYDOCS_CLI_VERSION === 'string') return RAYDOCS_CLI_VERSION;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

type Dispatched = Exclude<Command, { name: 'help' | 'version' | 'completion' }>;

// Command modules load on demand: `--help` stays instant and `whoami` never loads the upload engine.
async function dispatch(ctx: CliContext, command: Dispatched): Promise<ExitCode> {
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
    case 'sessions-list':
      return (await import('./commands/session-list')).sessionsList(ctx);
    case 'status':
      return (await import('./commands/sessions')).status(ctx, command);
    case 'reparse':
      return (await import('./commands/reparse')).reparse(ctx, command);
    case 'check':
      return (await import('./commands/check')).check(ctx, command);
    case 'detach':
      return (await import('./commands/detach')).detach(ctx, command);
    case 'push':
      return (await import('./commands/push')).push(ctx, command);
    case 'resume':
      return (await import('./commands/resume')).resume(ctx, command);
    case 'watch':
      return (await import('./commands/watch')).watch(ctx, command);
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

export async function main(argv: string[], baseIo: CliIo = processIo(), deps: ContextDeps = {}): Promise<ExitCode> {
  let apiUrl: string | null = null;
  let io = baseIo;
  let stopLog: (() => void) | null = null;
  try {
    const parsed = parseCliArgs(argv);
    const { command } = parsed;
    if (command.name === 'help') {
      io.stdout.write(helpText(command.topic));
      return EXIT.ok;
    }
    if (command.name === 'version') {
      if (parsed.json) writeJson(io.stdout, { version: version() });
      else io.stdout.write(`${version()}\n`);
      return EXIT.ok;
    }
    if (command.name === 'completion') {
      io.stdout.write((await import('./completion')).completionScript(command.shell));
      return EXIT.ok;
    }
    if (parsed.verbosity === 'quiet') io = { ...io, stderr: quietStream(io.stderr) };
    if (parsed.verbosity === 'verbose') stopLog = logRequests(io.stderr);
    // Loaded here, not at the top: the context pulls in zod (profiles), which --help and --version never need.
    const { createContext } = await import('./context');
    const ctx = createContext(io, parsed, deps);
    apiUrl = ctx.apiUrl;
    return await dispatch(ctx, command);
  } catch (err) {
    const { describeError } = await import('./describe-error');
    const d = describeError(err, { apiUrl, tokenFromEnv: Boolean(io.env.RAYDOCS_TOKEN?.trim()) });
    io.stderr.write(`raydocs-upload: ${printable(d.message)}\n`);
    if (d.exitCode === EXIT.usage && d.code === 'usage') io.stderr.write('Run `raydocs-upload --help` for usage.\n');
    // --json promises one object on stdout whatever happened: here it is the error.
    if (jsonRequested(argv)) writeJson(io.stdout, errorJson({ code: d.code, message: d.message, exitCode: d.exitCode, ...(d.status ? { status: d.status } : {}) }));
    return d.exitCode;
  } finally {
    stopLog?.();
  }
}
