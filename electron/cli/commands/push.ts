// push: queue files into the engine (resuming the journal's unfinished work), show progress, print the final table.
import { resolve } from 'node:path';
import { assertNever } from '../../../shared/assert-never';
import type { Template } from '../../../shared/api';
import type { RaydocsClient } from '../../core/api/client';
import { createEngine, type UploadEngine } from '../../core/engine/engine';
import type { QueueItem, QueueSummary, Refusal, Target } from '../../../shared/queue';
import { signedInClient } from '../api';
import type { Command } from '../args';
import type { CliContext } from '../context';
import { cliDataDir, journalDirFor } from '../data-dir';
import { CliError } from '../errors';
import { EXIT, type ExitCode } from '../exit-codes';
import { lockJournal } from '../journal-lock';
import { withPatience } from '../patience';
import { createProgressWriter, type ProgressMode } from '../progress-writer';
import { formatReport, progressView } from '../push-output';
import { printable } from '../terminal-text';
import { buildPushReport, isSettled, reportHasProblems, type PushReport } from '../push-report';

type PushCommand = Extract<Command, { name: 'push' }>;

async function workspaceOfTemplate(client: RaydocsClient, template: Template): Promise<number> {
  if (typeof template.workspace_id === 'number') return template.workspace_id;
  // Some answers omit workspace_id: with a single visible workspace there is no doubt.
  const workspaces = await client.listWorkspaces();
  if (workspaces.length === 1 && workspaces[0]) return workspaces[0].id;
  throw new CliError(`Cannot tell which workspace template ${template.id} belongs to.`, EXIT.failed);
}

async function resolveTarget(client: RaydocsClient, t: PushCommand['target']): Promise<{ target: Target; label: string }> {
  if (t.kind === 'session') {
    const session = await client.getSession(t.sessionId);
    const workspaceId = session.extraction_template_id ? await workspaceOfTemplate(client, await client.getTemplate(session.extraction_template_id)) : 0;
    return {
      target: { kind: 'session', workspaceId, sessionId: session.id, sessionName: session.name },
      label: `Session ${session.id}${session.name ? ` "${session.name}"` : ''}`,
    };
  }
  const template = await client.getTemplate(t.templateId);
  const workspaceId = await workspaceOfTemplate(client, template);
  return {
    target: { kind: 'session-per-file', workspaceId, templateId: template.id, templateName: template.name, autoExtract: t.autoExtract },
    label: `One new session per file from template ${template.id}${template.name ? ` "${template.name}"` : ''}${t.autoExtract ? ' (auto-extract)' : ''}`,
  };
}

function sameTarget(a: Target, b: Target): boolean {
  if (a.kind === 'session' && b.kind === 'session') return a.sessionId === b.sessionId;
  if (a.kind === 'session-per-file' && b.kind === 'session-per-file') return a.templateId === b.templateId && a.autoExtract === b.autoExtract;
  return false;
}

type Outcome = { kind: 'settled' } | { kind: 'signed-out'; message: string } | { kind: 'offline'; message: string } | { kind: 'interrupted' };

/** Waits until every item is settled, or the queue is signed out, offline too long, or the user interrupts. */
function waitForOutcome(ctx: CliContext, engine: UploadEngine, cmd: PushCommand, onTick: (items: QueueItem[], summary: QueueSummary) => void): Promise<Outcome> {
  return new Promise((done) => {
    let finished = false;
    const finish = (o: Outcome) => {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      unsubscribe();
      stopInterrupt();
      done(o);
    };
    const check = () => {
      const snap = engine.snapshot();
      onTick(snap.items, snap.summary);
      const c = snap.summary.connectivity;
      if (c.state === 'signed-out') return finish({ kind: 'signed-out', message: c.message });
      if (c.state === 'offline' && Date.now() - c.since > cmd.offlineTimeoutSeconds * 1000) {
        return finish({ kind: 'offline', message: c.message });
      }
      if (snap.items.every((it) => isSettled(it.state))) finish({ kind: 'settled' });
    };
    const unsubscribe = engine.on((e) => {
      if (e.type === 'items' || e.type === 'summary' || e.type === 'removed') check();
    });
    // Events are throttled and may stop when nothing changes; a slow tick catches timeouts and the final state.
    const timer = setInterval(check, 250);
    const stopInterrupt = ctx.io.onInterrupt(() => finish({ kind: 'interrupted' }));
    check();
  });
}

function toJson(report: PushReport, target: Target, exitCode: ExitCode, outcome: Outcome) {
  return {
    target,
    outcome: outcome.kind,
    exitCode,
    counts: {
      uploaded: report.uploaded.length,
      alreadyThere: report.alreadyThere.length,
      refused: report.refused.length,
      failed: report.failed.length,
      pending: report.pending.length,
      skipped: report.skipped,
      duplicates: report.duplicates,
    },
    ...report,
  };
}

export async function push(ctx: CliContext, cmd: PushCommand): Promise<ExitCode> {
  const { io } = ctx;
  const { client, limiter } = await signedInClient(ctx);
  const { target, label } = await withPatience(() => resolveTarget(client, cmd.target), {
    timeoutMs: cmd.offlineTimeoutSeconds * 1000,
    onWait: (err) => io.stderr.write(printable(`Waiting for ${ctx.apiUrl} (${err.message}); giving up after ${cmd.offlineTimeoutSeconds}s.`) + '\n'),
  });

  const journalDir = journalDirFor(cliDataDir(io.env, io.platform, io.homedir), ctx.apiUrl);
  const lock = await lockJournal(journalDir);
  // The client already waits on the limiter before every call, so the engine must not count the calls again.
  const engine = createEngine({
    client,
    journalDir,
    ...(limiter ? { limiter } : { rateLimit: null }),
    ...(cmd.concurrency ? { concurrency: cmd.concurrency } : {}),
  });
  try {
    const mode: ProgressMode = ctx.json ? 'off' : io.stderr.isTTY ? 'tty' : 'plain';
    const progress = createProgressWriter(io.stderr, mode);

    // Upload is storage-only: parsing waits for an extraction run, so there is nothing more to wait for.
    if (cmd.wait && !ctx.json) io.stderr.write('Note: --wait is no longer needed: push returns once every file is stored, and Raydocs parses them when an extraction runs.\n');
    await engine.start();
    const resumedItems = engine.snapshot().items.filter((it) => !isSettled(it.state));
    const resumed = resumedItems.length;
    // Paths already in the queue for this target count as intake duplicates; on a resume that is expected, not news.
    const resumedHere = resumedItems.filter((it) => sameTarget(it.target, target)).length;
    if (resumed > 0 && !ctx.json) io.stderr.write(`Resuming ${resumed} unfinished upload${resumed === 1 ? '' : 's'} from the journal.\n`);

    const intake = await engine.add(
      cmd.paths.map((p) => resolve(io.cwd, p)),
      target,
    );
    const refused: Refusal[] = intake.refused;
    if (!ctx.json) {
      io.stderr.write(printable(`${label}: ${intake.accepted} file${intake.accepted === 1 ? '' : 's'} queued` +
        `${refused.length ? `, ${refused.length} refused` : ''}${intake.skipped ? `, ${intake.skipped} skipped` : ''}.`) + '\n');
    }

    const outcome = await waitForOutcome(ctx, engine, cmd, (items, summary) => progress.update(progressView(items, summary)));
    progress.finish();

    const items = engine.snapshot().items;
    const report = buildPushReport(items, { refused, skipped: intake.skipped, duplicates: Math.max(0, intake.duplicates - resumedHere) });
    let exitCode: ExitCode;
    let message: string | null = null;
    switch (outcome.kind) {
      case 'settled':
        exitCode = reportHasProblems(report) ? EXIT.failed : EXIT.ok;
        break;
      case 'signed-out':
        exitCode = EXIT.auth;
        message = `The API rejected the token (${outcome.message}). Run \`raydocs-upload login\`, then the same push again to resume.`;
        break;
      case 'offline':
        exitCode = EXIT.network;
        message = `Gave up after ${cmd.offlineTimeoutSeconds}s without reaching ${ctx.apiUrl} (${outcome.message}). Run the same push again to resume.`;
        break;
      case 'interrupted':
        exitCode = EXIT.interrupted;
        message = 'Interrupted. Run the same push again to resume.';
        break;
      default:
        return assertNever(outcome, 'push outcome');
    }

    if (ctx.json) io.stdout.write(JSON.stringify(toJson(report, target, exitCode, outcome)) + '\n');
    else io.stdout.write(formatReport(report, label));
    if (message) io.stderr.write(printable(`raydocs-upload: ${message}`) + '\n');

    // Settled items leave the journal so the next push reports only its own files (a failed one is retried when its
    // path is pushed again); unsettled ones stay for the next run to resume.
    if (outcome.kind === 'settled') engine.remove(items.filter((it) => isSettled(it.state)).map((it) => it.id));
    return exitCode;
  } finally {
    await engine.close();
    await lock.release();
  }
}
