// resume: runs every unfinished upload in the journal, whatever session it was pushed to, with push's progress and report.
import { signedInClient } from '../api';
import type { Command } from '../args';
import type { CliContext } from '../context';
import type { ExitCode } from '../exit-codes';
import { runUploads } from '../upload-run';

type ResumeCommand = Extract<Command, { name: 'resume' }>;

export async function resume(ctx: CliContext, cmd: ResumeCommand): Promise<ExitCode> {
  const api = await signedInClient(ctx);
  const { exitCode } = await runUploads(ctx, api, {
    label: 'Unfinished uploads from the journal (every session)',
    target: null,
    scope: null,
    add: null,
    concurrency: cmd.concurrency,
    offlineTimeoutSeconds: cmd.offlineTimeoutSeconds,
    rerun: '`raydocs-upload resume` again',
  });
  return exitCode;
}
