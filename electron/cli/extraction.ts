// Waiting for runs and reporting them, shared by extract, results show and push --extract: progress, files, words, exit code.
import type { ExtractionResult } from '../../shared/api';
import { runStatusOf } from '../../shared/result-table';
import type { RaydocsClient } from '../core/api/client';
import type { CliContext } from './context';
import { describeError } from './describe-error';
import { EXIT, type ExitCode } from './exit-codes';
import { failureSentence, NOTHING_SAVED, saveResult, type ResultDestinations, type SavedFiles } from './result-output';
import { createRunProgress } from './run-progress';
import { isWatchSettled, waitForRuns, type WaitOutcome, type WatchedRun } from './run-wait';
import { printable } from './terminal-text';

export interface RunJob {
  watch: WatchedRun;
  dest: ResultDestinations;
}

/** How one run ended for the person: its last answer, the files written, and the sentence when it is not a success. */
export interface RunReport {
  result: ExtractionResult | null;
  saved: SavedFiles;
  exitCode: ExitCode;
  message: string | null;
  /** We started this run because the one Raydocs should have started by itself never showed up. */
  startedForLack: boolean;
}

export interface SettleOptions {
  offlineTimeoutSeconds: number;
  /** Whether to wait at all; without waiting each run is reported as it stands. */
  wait: boolean;
}

/** The worst of several exit codes: an interruption or a lost network first, then a failed run, then anything else. */
export function worstExit(codes: readonly ExitCode[]): ExitCode {
  for (const c of [EXIT.interrupted, EXIT.network, EXIT.auth, EXIT.extractionFailed, EXIT.failed, EXIT.environment, EXIT.usage] as const) {
    if (codes.includes(c)) return c;
  }
  return EXIT.ok;
}

async function settledReport(client: RaydocsClient, w: WatchedRun, dest: ResultDestinations, signal: AbortSignal): Promise<RunReport> {
  const r = w.result!;
  const base = { result: r, saved: NOTHING_SAVED, startedForLack: w.startedForLack };
  if (runStatusOf(r.status) !== 'completed') {
    return { ...base, exitCode: EXIT.extractionFailed, message: `${failureSentence(r, w.parse?.failed ?? null)}${dest.out || dest.xlsx ? ' No file was written.' : ''}` };
  }
  if (signal.aborted) return { ...base, exitCode: EXIT.interrupted, message: `Interrupted before run ${r.id} was saved. \`raydocs-upload results show ${r.id}\` with the same --out/--xlsx saves it.` };
  try {
    return { ...base, saved: await saveResult(client, r, dest, signal), exitCode: EXIT.ok, message: null };
  } catch (err) {
    // Ctrl-C while the Excel streams: the client removes its partial file; the JSON, if written, is whole.
    if (signal.aborted) return { ...base, exitCode: EXIT.interrupted, message: `Interrupted while saving run ${r.id}; ${dest.xlsx ?? 'the file'} was not written.` };
    const { message, exitCode } = describeError(err, null);
    return { ...base, exitCode, message };
  }
}

/** A path as a POSIX shell reads it back, so the suggested command can be pasted as is. */
export function shellQuote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** Not settled when the CLI stopped waiting: the run goes on in Raydocs, and `results show` picks it up. */
function unsettledReport(w: WatchedRun, outcome: WaitOutcome | null, dest: ResultDestinations, ctx: CliContext, opts: SettleOptions): RunReport {
  const id = w.result?.id;
  const files = [dest.out ? `--out ${shellQuote(dest.out)}` : '', dest.xlsx ? `--xlsx ${shellQuote(dest.xlsx)}` : ''].filter(Boolean).join(' ');
  const later = id ? ` It goes on in Raydocs: \`raydocs-upload results show ${id}${files ? ` ${files}` : ' --wait'}\` picks it up.` : '';
  const exitCode = outcome?.kind === 'interrupted' ? EXIT.interrupted : outcome?.kind === 'offline' ? EXIT.network : EXIT.ok;
  const why =
    outcome?.kind === 'interrupted'
      ? 'Interrupted while waiting for the run.'
      : outcome?.kind === 'offline'
        ? `Gave up after ${opts.offlineTimeoutSeconds}s without reaching ${ctx.apiUrl} (${outcome.message}).`
        : null;
  return { result: w.result, saved: NOTHING_SAVED, exitCode, message: why ? `${why}${later}` : null, startedForLack: w.startedForLack };
}

/** Waits for the runs (unless told not to), saves the completed ones, and says in words what is not a success. */
export async function settleRuns(ctx: CliContext, client: RaydocsClient, jobs: RunJob[], opts: SettleOptions): Promise<{ reports: RunReport[]; exitCode: ExitCode }> {
  let outcome: WaitOutcome | null = null;
  if (opts.wait && !jobs.every((j) => isWatchSettled(j.watch))) {
    const progress = createRunProgress(ctx.io.stderr, ctx.json ? 'off' : ctx.io.stderr.isTTY ? 'tty' : 'plain');
    try {
      outcome = await waitForRuns(
        jobs.map((j) => j.watch),
        { io: ctx.io, client, offlineTimeoutSeconds: opts.offlineTimeoutSeconds, onProgress: (runs, note) => progress.update(runs, note) },
      );
    } finally {
      progress.finish();
    }
  }
  const reports: RunReport[] = [];
  // Ctrl-C while saving stops the download rather than the process, so no partial file is left behind.
  const stopping = new AbortController();
  const stopListening = ctx.io.onInterrupt(() => stopping.abort());
  try {
    for (const j of jobs) {
      reports.push(isWatchSettled(j.watch) ? await settledReport(client, j.watch, j.dest, stopping.signal) : unsettledReport(j.watch, outcome, j.dest, ctx, opts));
    }
  } finally {
    stopListening();
  }
  return { reports, exitCode: worstExit(reports.map((r) => r.exitCode)) };
}

/** Each report's sentence on stderr. */
export function writeMessages(ctx: CliContext, reports: readonly RunReport[]): void {
  for (const r of reports) if (r.message) ctx.io.stderr.write(printable(`raydocs-upload: ${r.message}`) + '\n');
}
