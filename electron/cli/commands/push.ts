// push: queue files for one target and run that target's work only; other unfinished work in the journal is left for `resume`.
import { resolve } from 'node:path';
import type { Target } from '../../../shared/queue';
import type { RaydocsClient } from '../../core/api/client';
import { signedInClient } from '../api';
import type { Command } from '../args';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { EXIT, type ExitCode } from '../exit-codes';
import { withPatience } from '../patience';
import { extractAfterPush, planExtract } from '../push-extract';
import { targetLabel } from '../push-output';
import { printable } from '../terminal-text';
import { dryRun } from '../dry-run';
import { recordSession } from '../recents';
import { readFilesFrom, selectFiles } from '../select-files';
import { runUploads } from '../upload-run';
import { workspaceOfTemplate } from '../workspace-of';

type PushCommand = Extract<Command, { name: 'push' }>;


export async function resolveTarget(client: RaydocsClient, t: PushCommand['target']): Promise<Target> {
  if (t.kind === 'session') {
    const session = await client.getSession(t.sessionId);
    const workspaceId = session.extraction_template_id ? await workspaceOfTemplate(client, await client.getTemplate(session.extraction_template_id)) : 0;
    return { kind: 'session', workspaceId, sessionId: session.id, sessionName: session.name };
  }
  const template = await client.getTemplate(t.templateId);
  const workspaceId = await workspaceOfTemplate(client, template);
  return { kind: 'session-per-file', workspaceId, templateId: template.id, templateName: template.name, autoExtract: t.autoExtract };
}

/** The same target as far as the journal goes: the same session, or the same template with the same auto-extract. */
export function sameTarget(a: Target, b: Target): boolean {
  if (a.kind === 'session' && b.kind === 'session') return a.sessionId === b.sessionId;
  if (a.kind === 'session-per-file' && b.kind === 'session-per-file') return a.templateId === b.templateId && a.autoExtract === b.autoExtract;
  return false;
}

export async function push(ctx: CliContext, cmd: PushCommand): Promise<ExitCode> {
  const { io } = ctx;
  const given = cmd.paths.map((p) => resolve(io.cwd, p));
  if (cmd.filesFrom) given.push(...(await readFilesFrom(cmd.filesFrom, io.stdin, io.cwd)));
  if (given.length === 0) throw new CliError(`--files-from ${cmd.filesFrom} named no file.`, EXIT.usage);
  // Where results go is checked before anything is uploaded.
  const plan = cmd.extract ? await planExtract(ctx, cmd.target.kind, cmd.extract) : null;
  const api = await signedInClient(ctx);
  const target = await withPatience(() => resolveTarget(api.client, cmd.target), {
    timeoutMs: cmd.offlineTimeoutSeconds * 1000,
    onWait: (err) => io.stderr.write(printable(`Waiting for ${ctx.apiUrl} (${err.message}); giving up after ${cmd.offlineTimeoutSeconds}s.`) + '\n'),
  });
  if (target.kind === 'session') recordSession(ctx, { id: target.sessionId, workspaceId: target.workspaceId, name: target.sessionName });
  // The walk and the filters are the CLI's; the engine queues exactly the files chosen, each given as its own path.
  const selection = await selectFiles(given, cmd.filter);
  if (cmd.dryRun) return dryRun(ctx, api.client, target, selection, cmd.skipUnsupported);
  // Upload is storage-only: parsing waits for an extraction run, so there is nothing more to wait for (--extract waits for its run).
  if (cmd.wait && !cmd.extract && !ctx.json) io.stderr.write('Note: --wait is no longer needed: push returns once every file is stored, and Raydocs parses them when an extraction runs.\n');
  const uploads = await runUploads(ctx, api, {
    label: targetLabel(target),
    target,
    scope: (t) => sameTarget(t, target),
    add: async (engine) => {
      const intake = selection.files.length > 0 ? await engine.add(selection.files, target, { origin: 'cli' }) : { batchId: '', accepted: 0, duplicates: 0, skipped: 0, refused: [] };
      const linksOutside = selection.linksOutside + (intake.linksOutside ?? 0);
      return { ...intake, skipped: intake.skipped + selection.hidden.length, refused: [...selection.refused, ...intake.refused], ...(linksOutside ? { linksOutside } : {}) };
    },
    selection: { filtered: selection.filtered, hidden: selection.hidden, skipUnsupported: cmd.skipUnsupported },
    concurrency: cmd.concurrency,
    offlineTimeoutSeconds: cmd.offlineTimeoutSeconds,
    rerun: 'the same push again',
    holdJson: plan !== null,
  });
  // Sessions made one per file are sessions this machine created: `sessions list` shows them.
  for (const p of uploads.report.perFileSessions) if (p.created) recordSession(ctx, { id: p.sessionId, workspaceId: target.workspaceId, name: p.name });
  return plan ? extractAfterPush(ctx, api.client, target, plan, uploads, cmd.offlineTimeoutSeconds) : uploads.exitCode;
}
