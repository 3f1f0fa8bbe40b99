// What push and resume share: the locked journal, the engine, progress, the report, the exit code and what is left for later.
import { assertNever } from '../../shared/assert-never';
import type { IntakeReport, QueueItem, QueueSummary, Refusal, Target } from '../../shared/queue';
import type { RaydocsClient } from '../core/api/client';
import { createEngine, type UploadEngine } from '../core/engine';
import type { RateLimiter } from '../core/api/rate-limiter';
import type { CliContext } from './context';
import { EXIT, type ExitCode } from './exit-codes';
import { lockJournal } from './journal-lock';
import { openPerFileMemory, type PerFileMemory } from './per-file-memory';
import { createProgressWriter, type ProgressMode } from './progress-writer';
import { formatReport, intakeLine, otherWorkLine, targetLabel } from './push-output';
import { createEstimator } from './progress-estimate';
import type { Pacing } from './api';
import { buildPushReport, bucketOf, isSettled, otherWork, reportHasProblems, type IntakeExtras, type OtherWork, type PushReport } from './push-report';
import { failureMember, jsonText } from './json-output';
import { withCode } from './refusal-codes';
import { printable } from './terminal-text';

export interface UploadRun {
  /** The report's heading. */
  label: string;
  /** The push's target, for --json; null for resume (every target). */
  target: Target | null;
  /** Only these targets' items are loaded and run (push); null runs every target in the journal (resume). */
  scope: ((target: Target) => boolean) | null;
  /** Queues this run's own files once the journal is open (push); null adds nothing (resume). */
  add: ((engine: UploadEngine) => Promise<IntakeReport>) | null;
  /** What the CLI's own walk left out before the engine saw the files (filters, hidden files), and --skip-unsupported. */
  selection?: Pick<IntakeExtras, 'filtered' | 'hidden' | 'skipUnsupported'>;
  concurrency: number | null;
  offlineTimeoutSeconds: number;
  /** What to run to pick up where this run stopped, e.g. "the same push again". */
  rerun: string;
  /** --json: keep the report for the caller to print with more in it (push --extract), instead of printing it. */
  holdJson?: boolean;
}

/** How the uploads went: the exit code so far, the report, and the --json object (printed unless held). */
export interface UploadRunResult {
  exitCode: ExitCode;
  outcome: Outcome['kind'];
  report: PushReport;
  json: ReturnType<typeof toJson>;
}

type Outcome = { kind: 'settled' } | { kind: 'signed-out'; message: string } | { kind: 'offline'; message: string } | { kind: 'interrupted' };

const NOTHING_ADDED: Pick<IntakeReport, 'accepted' | 'duplicates' | 'skipped' | 'linksOutside' | 'refused'> = { accepted: 0, duplicates: 0, skipped: 0, refused: [] };

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Waits until every item is settled, or the queue is signed out, offline too long, or the user interrupts. */
function waitForOutcome(ctx: CliContext, engine: UploadEngine, offlineTimeoutSeconds: number, onTick: (items: QueueItem[], summary: QueueSummary) => void): Promise<Outcome> {
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
      if (c.state === 'offline' && Date.now() - c.since > offlineTimeoutSeconds * 1000) return finish({ kind: 'offline', message: c.message });
      if (snap.items.every((it) => isSettled(it.state))) finish({ kind: 'settled' });
    };
    const said = new Set<string>();
    const unsubscribe = engine.on((e) => {
      if (e.type === 'items' || e.type === 'summary' || e.type === 'removed') check();
      // Something of the whole run (names not kept, a wrong document detached): said once, in words, on stderr.
      else if (e.type === 'notice' && !said.has(e.message)) {
        said.add(e.message);
        ctx.io.stderr.write(`Note: ${printable(e.message)}\n`);
      }
    });
    // Events are throttled and may stop when nothing changes; a slow tick catches timeouts and the final state.
    const timer = setInterval(check, 250);
    const stopInterrupt = ctx.io.onInterrupt(() => finish({ kind: 'interrupted' }));
    check();
  });
}

/** The exit code, and the sentence for stderr when the run did not simply finish. */
function verdict(outcome: Outcome, report: PushReport, ctx: CliContext, run: UploadRun): { exitCode: ExitCode; message: string | null } {
  switch (outcome.kind) {
    case 'settled': {
      // A token without an ability the upload needs is an auth problem (exit 3), even though it shows as failed files.
      const forbidden = report.targetFailures.find((f) => f.code === 'forbidden');
      if (forbidden) {
        // The table above names the ability; with --json there is no table, so this line does.
        const why = ctx.json ? `${targetLabel(forbidden.target)}: ${forbidden.message}` : 'The token lacks an ability these uploads need (see above).';
        const fix = ctx.io.env.RAYDOCS_TOKEN?.trim() ? 'Set RAYDOCS_TOKEN to a token that has it' : 'Run `raydocs-upload login` with a token that has it';
        return { exitCode: EXIT.auth, message: `${why} ${fix}, then push those files again.` };
      }
      return { exitCode: reportHasProblems(report) ? EXIT.failed : EXIT.ok, message: null };
    }
    case 'signed-out': {
      // `login` cannot help a refused RAYDOCS_TOKEN: the variable wins over the keychain.
      const fromEnv = Boolean(ctx.io.env.RAYDOCS_TOKEN?.trim());
      const fix = fromEnv ? 'Set RAYDOCS_TOKEN to a valid token' : 'Run `raydocs-upload login`';
      return { exitCode: EXIT.auth, message: `${fromEnv ? 'The token in RAYDOCS_TOKEN' : 'The token'} was refused (401) by ${ctx.apiUrl} during the run: it is invalid, expired or revoked. ${fix}, then run ${run.rerun} to resume.` };
    }
    case 'offline':
      return { exitCode: EXIT.network, message: `Gave up after ${run.offlineTimeoutSeconds}s without reaching ${ctx.apiUrl} (${outcome.message}). Run ${run.rerun} to resume.` };
    case 'interrupted':
      return { exitCode: EXIT.interrupted, message: `Interrupted. Run ${run.rerun} to resume.` };
    default:
      return assertNever(outcome, 'run outcome');
  }
}

function problemsSentence(report: PushReport): string {
  const parts = [report.refused.length ? plural(report.refused.length, 'file') + ' refused' : '', report.failed.length ? plural(report.failed.length, 'file') + ' failed' : ''];
  return `${parts.filter(Boolean).join(', ') || 'Not every file was stored'} (see refused and failed).`;
}

function toJson(report: PushReport, run: UploadRun, exitCode: ExitCode, outcome: Outcome, other: OtherWork, message: string | null) {
  const code = outcome.kind === 'settled' && exitCode === EXIT.failed ? 'files-failed' : undefined;
  return {
    target: run.target,
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
    otherUnfinished: other,
    ...failureMember(exitCode, message ?? problemsSentence(report), code),
  };
}

/** --json-lines: one line per file as it is stored or fails, each said once. */
function eventWriter(ctx: CliContext): (items: QueueItem[]) => void {
  const said = new Set<string>();
  return (items) => {
    if (!ctx.jsonLines) return;
    for (const it of items) {
      if (said.has(it.id) || !isSettled(it.state)) continue;
      said.add(it.id);
      const s = it.state;
      const bucket = bucketOf(s);
      if (s.status === 'done') {
        ctx.io.stdout.write(jsonText({ event: 'stored', path: it.path, sessionId: s.sessionId, documentId: s.documentId ?? null, uploaded: bucket === 'uploaded' }));
      } else if (s.status === 'failed') ctx.io.stdout.write(jsonText({ event: 'failed', path: it.path, step: s.step, code: s.error.code, message: s.error.message }));
      else ctx.io.stdout.write(jsonText({ event: 'failed', path: it.path, step: 'queued', code: 'cancelled', message: 'cancelled' }));
    }
  };
}

/** Keeps the per-file session memory in step with what is stored; a write that fails is said once, never fatal. */
function memoryKeeper(ctx: CliContext, memory: PerFileMemory): (items: QueueItem[]) => void {
  let warned = false;
  return (items) => {
    if (!memory.learn(items)) return;
    try {
      memory.save();
    } catch (err) {
      if (warned) return;
      warned = true;
      ctx.io.stderr.write(printable(`Note: could not save which session each file went to (${(err as Error).message}); a rerun of --one-session-per-file may create them again.\n`));
    }
  };
}

export async function runUploads(ctx: CliContext, api: { client: RaydocsClient; limiter: RateLimiter | null; pacing?: Pacing | null }, run: UploadRun): Promise<UploadRunResult> {
  const { io } = ctx;
  const journalDir = ctx.journalDir;
  const events = eventWriter(ctx);
  const lock = await lockJournal(journalDir);
  const memory = openPerFileMemory(journalDir);
  const remember = memoryKeeper(ctx, memory);
  const engine = createEngine({
    client: api.client,
    journalDir,
    // Pacing is the client's: signedInClient installed the one limiter as its beforeRequest.
    ...(run.concurrency ? { concurrency: run.concurrency } : {}),
    ...(run.scope ? { scope: run.scope } : {}),
    // A target that refuses attaches (403, deleted session) then costs one upload, not one per slot.
    oneUploadUntilAttached: true,
    knownContent: memory.known,
  });
  try {
    const mode: ProgressMode = ctx.json ? 'off' : io.stderr.isTTY ? 'tty' : 'plain';
    const progress = createProgressWriter(io.stderr, mode);
    const estimator = createEstimator();
    await engine.start();
    remember(engine.snapshot().items);
    const resumed = engine.snapshot().items.filter((it) => !isSettled(it.state)).length;
    if (resumed > 0 && !ctx.json) io.stderr.write(`Resuming ${plural(resumed, 'unfinished upload')} from the journal.\n`);

    const intake = run.add ? await run.add(engine) : NOTHING_ADDED;
    const refused: Refusal[] = intake.refused;
    if (ctx.jsonLines) {
      for (const r of refused.map(withCode)) {
        const skippedNotRefused = run.selection?.skipUnsupported && r.code === 'unsupported-format';
        io.stdout.write(jsonText({ event: skippedNotRefused ? 'skipped' : 'refused', ...r }));
      }
      for (const f of run.selection?.filtered ?? []) io.stdout.write(jsonText({ event: 'skipped', ...f }));
    }
    if (run.add && !ctx.json) {
      io.stderr.write(printable(intakeLine(run.label, intake, run.selection?.skipUnsupported === true)) + '\n');
    }

    const outcome = await waitForOutcome(ctx, engine, run.offlineTimeoutSeconds, (items, summary) => {
      progress.update(estimator.view(items, summary, api.pacing?.waitMs() ?? null));
      remember(items);
      events(items);
    });
    progress.finish();

    const items = engine.snapshot().items;
    remember(items);
    // Paths already in the queue for this target count as intake duplicates; on a resume that is expected, not news.
    events(items);
    const report = buildPushReport(items, { refused, skipped: intake.skipped, duplicates: Math.max(0, intake.duplicates - resumed), ...run.selection });
    const other = otherWork(engine.held());
    const { exitCode, message } = verdict(outcome, report, ctx, run);

    const json = toJson(report, run, exitCode, outcome, other, message);
    if (ctx.json) {
      if (!run.holdJson) io.stdout.write(jsonText(ctx.jsonLines ? { event: 'summary', ...json } : json));
    } else if (items.length === 0 && !run.add) io.stdout.write(`Nothing to resume: the journal for ${ctx.apiUrl} has no unfinished uploads.\n`);
    else io.stdout.write(formatReport(report, run.label, { verbose: ctx.verbosity === 'verbose' }));
    if (message) io.stderr.write(printable(`raydocs-upload: ${message}`) + '\n');
    // Other sessions' work is only mentioned: it never changes this run's result or exit code.
    const otherLine = otherWorkLine(other);
    if (otherLine) io.stderr.write(`${otherLine}\n`);

    // Settled items leave the journal so the next push reports only its own files (a failed one is retried when its
    // path is pushed again); unsettled ones stay for the next run to resume. Other targets' items are not touched.
    if (outcome.kind === 'settled') engine.remove(items.filter((it) => isSettled(it.state)).map((it) => it.id));
    return { exitCode, outcome: outcome.kind, report, json };
  } finally {
    await engine.close();
    await lock.release();
  }
}
