// Decides the notifications for runs that settled: one per run with its result, or one for many settling together.
import type { RunView } from '../../../shared/runs';
import { plural } from './activity';
import type { NotificationContext } from './notification-policy';

export interface RunNotificationDecision {
  kind: 'run-completed' | 'run-failed' | 'runs-finished';
  title: string;
  body: string;
  view: 'documents';
  /** The result a click opens; null for a summary of several runs (the documents view opens). */
  resultId: string | null;
}

export interface RunNotificationPolicy {
  /** Feed the runs that settled together; returns the notifications to show now. */
  decide(settled: readonly RunView[], ctx: NotificationContext): RunNotificationDecision[];
}

/** More runs than this settling together (a one-per-file batch) make one summary, not a stack of notifications. */
export const RUNS_SUMMARY_THRESHOLD = 3;

/** The person is looking at the documents view: it shows the run's state live. */
export function isWatchingRuns(ctx: NotificationContext): boolean {
  return ctx.windowFocused && ctx.view === 'documents';
}

function nameOf(run: RunView): string {
  return run.title ?? run.sessionName ?? 'The extraction';
}

export function runMessage(run: RunView & { status: 'completed' | 'failed' }): RunNotificationDecision {
  if (run.status === 'failed') {
    return {
      kind: 'run-failed',
      title: 'Extraction failed',
      body: `${run.sessionName ?? nameOf(run)}: ${run.failure ?? 'Raydocs could not complete the run.'}`,
      view: 'documents',
      resultId: run.resultId,
    };
  }
  const docs = run.documentCount > 0 ? ` (${plural(run.documentCount, 'document')})` : '';
  return { kind: 'run-completed', title: 'Extraction finished', body: `${nameOf(run)}${docs} is ready.`, view: 'documents', resultId: run.resultId };
}

export function createRunNotificationPolicy(): RunNotificationPolicy {
  // Results already decided about (shown or kept quiet): the same settling reported twice is not news twice.
  const decided = new Set<string>();
  return {
    decide(settled, ctx) {
      const fresh: Array<RunView & { status: 'completed' | 'failed' }> = [];
      for (const run of settled) {
        if (decided.has(run.resultId)) continue;
        if (run.status !== 'completed' && run.status !== 'failed') continue;
        decided.add(run.resultId);
        fresh.push(run as RunView & { status: 'completed' | 'failed' });
      }
      if (fresh.length === 0 || !ctx.enabled || isWatchingRuns(ctx)) return [];
      if (fresh.length <= RUNS_SUMMARY_THRESHOLD) return fresh.map(runMessage);
      const failed = fresh.filter((r) => r.status === 'failed').length;
      const parts = [`${fresh.length - failed} completed`, ...(failed ? [`${failed} failed`] : [])];
      return [
        {
          kind: failed ? 'run-failed' : 'runs-finished',
          title: failed ? 'Extractions need attention' : 'Extractions finished',
          body: `${plural(fresh.length, 'run')}: ${parts.join(', ')}.`,
          view: 'documents',
          resultId: null,
        },
      ];
    },
  };
}
