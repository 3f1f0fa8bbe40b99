// extract / results / results show: start a run, follow it through its states, print its fields and save it.
import { resolve } from 'node:path';
import type { ExtractionResult } from '../../../shared/api';
import { resultCells } from '../../../shared/result-table';
import type { RaydocsClient } from '../../core/api/client';
import { signedInClient } from '../api';
import type { Command, ResultFiles } from '../args';
import type { CliContext } from '../context';
import { EXIT, type ExitCode } from '../exit-codes';
import { settleRuns, writeMessages, type RunReport } from '../extraction';
import { formatTable } from '../format';
import { checkFileDestination, formatFields, formatResultHeader, formatSaved, runJson, type ResultDestinations } from '../result-output';
import { watchStarted } from '../run-wait';
import { printable } from '../terminal-text';
import { failureMember, writeJson } from '../json-output';

type ExtractCommand = Extract<Command, { name: 'extract' }>;
type ResultsShowCommand = Extract<Command, { name: 'results-show' }>;

/** --out and --xlsx resolved against the working directory, refused up front when they name a folder. */
export async function singleDestinations(ctx: CliContext, files: ResultFiles): Promise<ResultDestinations> {
  const dest = { out: files.out === null ? null : resolve(ctx.io.cwd, files.out), xlsx: files.xlsx === null ? null : resolve(ctx.io.cwd, files.xlsx) };
  if (dest.out) await checkFileDestination(dest.out, 'out');
  if (dest.xlsx) await checkFileDestination(dest.xlsx, 'xlsx');
  return dest;
}

/** One run on the terminal: header, fields (once completed), files saved; the sentence for a failure on stderr. */
export function printRun(ctx: CliContext, report: RunReport): void {
  const r = report.result;
  if (r) {
    ctx.io.stdout.write(formatResultHeader(r));
    if (r.status === 'completed') ctx.io.stdout.write(`\n${formatFields(resultCells(r))}`);
  }
  const saved = formatSaved(report.saved);
  if (saved) ctx.io.stdout.write(`\n${saved}`);
  writeMessages(ctx, [report]);
}

/** One run, followed (or not) and reported: the table, or one JSON object carrying `extra` (push's report) beside the run. */
export async function followRun(
  ctx: CliContext,
  client: RaydocsClient,
  run: ExtractionResult,
  opts: { dest: ResultDestinations; wait: boolean; offlineTimeoutSeconds: number; extraJson?: Record<string, unknown> },
): Promise<ExitCode> {
  const { reports, exitCode } = await settleRuns(ctx, client, [{ watch: watchStarted(run), dest: opts.dest }], { wait: opts.wait, offlineTimeoutSeconds: opts.offlineTimeoutSeconds });
  const report = reports[0]!;
  if (ctx.json) {
    const result = report.result ?? run;
    const extraction = { ...runJson(result, report.saved), message: report.message, result };
    writeJson(ctx.io.stdout, { ...(opts.extraJson ?? extraction), ...(opts.extraJson ? { extraction } : {}), exitCode, ...failureMember(exitCode, report.message) });
    if (report.message) writeMessages(ctx, [report]);
  } else printRun(ctx, report);
  return exitCode;
}

export async function extract(ctx: CliContext, cmd: ExtractCommand): Promise<ExitCode> {
  const dest = await singleDestinations(ctx, cmd);
  const { client } = await signedInClient(ctx);
  // Never retried: a second POST would start a second run.
  const run = await client.runExtraction(cmd.sessionId);
  if (!ctx.json) {
    ctx.io.stderr.write(printable(`Started extraction run ${run.id} on session ${cmd.sessionId}.`) + '\n');
    if (!cmd.wait) ctx.io.stderr.write(printable(`Follow it with \`raydocs-upload results show ${run.id} --wait\` (add --out/--xlsx to save it).`) + '\n\n');
  }
  return followRun(ctx, client, run, { dest, wait: cmd.wait, offlineTimeoutSeconds: cmd.offlineTimeoutSeconds });
}

export async function resultsShow(ctx: CliContext, cmd: ResultsShowCommand): Promise<ExitCode> {
  const dest = await singleDestinations(ctx, cmd);
  const { client } = await signedInClient(ctx);
  return followRun(ctx, client, await client.getResult(cmd.resultId), { dest, wait: cmd.wait, offlineTimeoutSeconds: cmd.offlineTimeoutSeconds });
}

/** At most this many runs are read one by one for their document count when the list leaves it out. */
const DETAIL_READS = 20;

/** The session's runs, newest first. The list answer carries summary fields (§10.2); the document count may need the run itself. */
export async function resultsList(ctx: CliContext, cmd: { sessionId: string }): Promise<ExitCode> {
  const { client } = await signedInClient(ctx);
  const listed = await client.listResults(cmd.sessionId);
  const runs = [...listed].sort((a, b) => (Date.parse(b.created_at ?? '') || 0) - (Date.parse(a.created_at ?? '') || 0));
  const documents = new Map<string, number>();
  for (const r of runs) if (r.document_refs.length > 0) documents.set(r.id, r.document_refs.length);
  for (const r of runs.filter((x) => !documents.has(x.id)).slice(0, DETAIL_READS)) documents.set(r.id, (await client.getResult(r.id)).document_refs.length);
  const rows = runs.map((r) => ({
    id: r.id,
    status: r.status,
    title: r.title,
    documents: documents.get(r.id) ?? null,
    createdAt: r.created_at,
    completedAt: r.completed_at,
  }));
  if (ctx.json) {
    writeJson(ctx.io.stdout, { sessionId: cmd.sessionId, results: rows });
    return EXIT.ok;
  }
  if (rows.length === 0) {
    ctx.io.stdout.write(printable(`No extraction runs in session ${cmd.sessionId}. Start one with \`raydocs-upload extract ${cmd.sessionId}\`.`) + '\n');
    return EXIT.ok;
  }
  ctx.io.stdout.write(
    formatTable(
      rows.map((r) => [r.id, r.status ?? '', r.title ?? '', r.documents === null ? '' : String(r.documents), r.createdAt ?? '', r.completedAt ?? '']),
      ['RESULT', 'STATUS', 'TITLE', 'DOCS', 'CREATED', 'COMPLETED'],
    ),
  );
  return EXIT.ok;
}
