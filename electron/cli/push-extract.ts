// push --extract: once every file is stored, run the extraction (or find the run auto_extract started), wait, and save.
import type { Target } from '../../shared/queue';
import type { RaydocsClient } from '../core/api/client';
import type { ResultFiles } from './args';
import { followRun, singleDestinations } from './commands/extract';
import type { CliContext } from './context';
import { describeError } from './describe-error';
import { EXIT, type ExitCode } from './exit-codes';
import { settleRuns, writeMessages, type RunJob, type RunReport } from './extraction';
import { formatTable } from './format';
import { perFileOutput, perFilePath, uniqueStems, type PerFileOutput } from './output-paths';
import type { PerFileSession } from './push-report';
import { runJson, type ResultDestinations } from './result-output';
import { watchAutoRun } from './run-wait';
import { printable } from './terminal-text';
import type { UploadRunResult } from './upload-run';
import { failureMember, writeJson } from './json-output';

/** How long a session made with auto_extract may take to show its run before the CLI starts one itself. */
export const AUTO_RUN_GRACE_MS = 60_000;

/** Where results go, read before any upload so a wrong --out costs nothing. */
export type ExtractPlan =
  | { kind: 'session'; dest: ResultDestinations }
  | { kind: 'per-file'; out: PerFileOutput | null; xlsx: PerFileOutput | null };

export async function planExtract(ctx: CliContext, target: Target['kind'], files: ResultFiles): Promise<ExtractPlan> {
  if (target === 'session') return { kind: 'session', dest: await singleDestinations(ctx, files) };
  return {
    kind: 'per-file',
    out: files.out === null ? null : perFileOutput(files.out, 'out', ctx.io.cwd),
    xlsx: files.xlsx === null ? null : perFileOutput(files.xlsx, 'xlsx', ctx.io.cwd),
  };
}

/** No run: the uploads' report (held back for --json) goes out with the reason, so --json still prints one object. */
function printWithoutRun(ctx: CliContext, uploads: UploadRunResult, exitCode: ExitCode, why: string, sentence: string): void {
  if (ctx.json) writeJson(ctx.io.stdout, { ...uploads.json, exitCode, extraction: { skipped: why, runs: [] }, ...failureMember(exitCode, sentence) });
  ctx.io.stderr.write(printable(`raydocs-upload: ${sentence}`) + '\n');
}

export async function extractAfterPush(
  ctx: CliContext,
  client: RaydocsClient,
  target: Target,
  plan: ExtractPlan,
  uploads: UploadRunResult,
  offlineTimeoutSeconds: number,
): Promise<ExitCode> {
  // A run on a partial set of documents is not what was asked for: uploads first, in full.
  if (uploads.exitCode !== EXIT.ok) {
    const why = 'not every file was stored';
    printWithoutRun(ctx, uploads, uploads.exitCode, why, `No extraction was run: ${why} (see above). Push again once they are: stored files are not sent again.`);
    return uploads.exitCode;
  }
  try {
    if (plan.kind === 'session' && target.kind === 'session') {
      // Never retried: a second POST would start a second run.
      const run = await client.runExtraction(target.sessionId);
      if (!ctx.json) {
        ctx.io.stderr.write(`\nStarted extraction run ${run.id} on session ${target.sessionId}.\n`);
        ctx.io.stdout.write('\n'); // the run's header starts apart from the upload table
      }
      return await followRun(ctx, client, run, { dest: plan.dest, wait: true, offlineTimeoutSeconds, extraJson: uploads.json });
    }
    if (plan.kind === 'per-file' && target.kind === 'session-per-file') return await extractPerFile(ctx, client, target, plan, uploads, offlineTimeoutSeconds);
    throw new Error('push --extract: plan and target disagree');
  } catch (err) {
    // The files are stored whatever happened here: say so, and how to get the extraction without pushing again.
    const { message, exitCode } = describeError(err, ctx.apiUrl);
    const retry = target.kind === 'session' ? `\`raydocs-upload extract ${target.sessionId}\`` : `\`raydocs-upload results <session>\` and \`extract\` per session`;
    printWithoutRun(ctx, uploads, exitCode, message, `Every file is stored, but the extraction did not go through: ${message} Run ${retry} to try again.`);
    return exitCode;
  }
}

async function extractPerFile(
  ctx: CliContext,
  client: RaydocsClient,
  target: Extract<Target, { kind: 'session-per-file' }>,
  plan: Extract<ExtractPlan, { kind: 'per-file' }>,
  uploads: UploadRunResult,
  offlineTimeoutSeconds: number,
): Promise<ExitCode> {
  // Two paths with the same content share one session: one run, one output, under the first path's name.
  const seen = new Set<string>();
  const sessions: PerFileSession[] = [];
  for (const s of [...uploads.report.perFileSessions].sort((a, b) => a.path.localeCompare(b.path))) {
    if (!seen.has(s.sessionId)) sessions.push(s);
    seen.add(s.sessionId);
  }
  const stems = uniqueStems(sessions.map((s) => s.path));
  // auto_extract starts each run by itself (a second run would be paid twice): find it, and start one only if it never shows.
  const startBy = Date.now() + (target.autoExtract ? AUTO_RUN_GRACE_MS : 0);
  const jobs: RunJob[] = sessions.map((s) => {
    const stem = stems.get(s.path)!;
    return {
      watch: watchAutoRun(s.sessionId, startBy),
      dest: { out: plan.out ? perFilePath(plan.out, stem, 'json') : null, xlsx: plan.xlsx ? perFilePath(plan.xlsx, stem, 'xlsx') : null },
    };
  });
  if (!ctx.json && jobs.length > 0) {
    ctx.io.stderr.write(`\n${target.autoExtract ? 'Waiting for the run each session started by itself (auto_extract)' : 'Starting one extraction run per session'}: ${jobs.length} session${jobs.length === 1 ? '' : 's'}.\n`);
  }
  const { reports, exitCode } = await settleRuns(ctx, client, jobs, { wait: true, offlineTimeoutSeconds });
  const lacking = reports.filter((r) => r.startedForLack).length;
  if (target.autoExtract && lacking > 0) {
    ctx.io.stderr.write(`Note: Raydocs had not started a run for ${lacking} session${lacking === 1 ? '' : 's'} within ${AUTO_RUN_GRACE_MS / 1000}s, so the CLI started one.\n`);
  }
  const rows = sessions.map((s, i) => ({ session: s, report: reports[i]! }));
  if (ctx.json) {
    const runs = rows.map(({ session, report }) => ({
      path: session.path,
      name: session.name,
      sessionId: session.sessionId,
      ...(report.result ? runJson(report.result, report.saved) : { resultId: null, status: null }),
      message: report.message,
    }));
    writeJson(ctx.io.stdout, { ...uploads.json, exitCode, extraction: { runs }, ...failureMember(exitCode, reports.find((r) => r.message)?.message ?? null) });
  } else {
    ctx.io.stdout.write(perFileTable(rows));
  }
  writeMessages(ctx, reports);
  return exitCode;
}

function perFileTable(rows: Array<{ session: PerFileSession; report: RunReport }>): string {
  if (rows.length === 0) return '\nNo session to extract.\n';
  const table = formatTable(
    rows.map(({ session, report }) => [
      session.name,
      report.result?.status ?? 'not started',
      report.result?.title ?? '',
      [report.saved.out?.path, report.saved.xlsx?.path].filter((p) => p !== undefined).join(', '),
    ]),
    ['FILE', 'RUN', 'TITLE', 'SAVED'],
  );
  return `\nExtraction, one run per session:\n${table}`;
}
