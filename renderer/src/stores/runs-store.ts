// Extraction runs as main tracks them (runs:list, runs:changed) plus each session's earlier runs (results:list).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { isRunSettled } from '../../../shared/result-table';
import type { RunView } from '../../../shared/runs';
import { call, errorText, onBridgeEvent } from '../bridge';
import {
  runHistoryError,
  runSettledAnnouncement,
  runsSettledAnnouncement,
  runStartedAnnouncement,
  runStartError,
  runStepAnnouncement,
  RUN_WORDS,
} from '../composables/run-view';
import { useUiStore } from './ui-store';

function newestFirst(a: RunView, b: RunView): number {
  return b.startedAt - a.startedAt;
}

/** What the live region says when a run reaches a new state: one sentence per state, never per poll. */
export function runAnnouncement(run: RunView): string {
  const what = run.title || run.sessionName || RUN_WORDS.theSession;
  switch (run.status) {
    case 'completed':
    case 'failed':
      return runSettledAnnouncement(run.status, what, run.failure ?? null);
    default:
      return runStepAnnouncement(run.status, run.sessionName || null);
  }
}

export const useRunsStore = defineStore('runs', () => {
  /** Runs main follows: in flight, and settled during this app's life. Fresher than the history. */
  const tracked = ref<RunView[]>([]);
  /** Each session's runs as the server lists them, by session id. */
  const history = ref<Record<string, RunView[]>>({});
  const historyErrors = ref<Record<string, string>>({});
  /** Sessions whose results:run call is under way. */
  const starting = ref<ReadonlySet<string>>(new Set());
  /** Why the last start failed, by session id: the server's words. */
  const startErrors = ref<Record<string, string>>({});

  /** A session's runs, newest first: the history with each run main tracks laid over it. */
  function runsOf(sessionId: string): RunView[] {
    const byId = new Map<string, RunView>();
    for (const r of history.value[sessionId] ?? []) byId.set(r.resultId, r);
    for (const r of tracked.value) if (r.sessionId === sessionId) byId.set(r.resultId, r);
    return [...byId.values()].sort(newestFirst);
  }

  function latestOf(sessionId: string): RunView | null {
    return runsOf(sessionId)[0] ?? null;
  }

  function runById(resultId: string): RunView | null {
    const t = tracked.value.find((r) => r.resultId === resultId);
    if (t) return t;
    for (const runs of Object.values(history.value)) {
      const h = runs.find((r) => r.resultId === resultId);
      if (h) return h;
    }
    return null;
  }

  /** Takes main's list; a run that reached a new state is announced once (a poll that changes nothing says nothing). */
  function apply(runs: RunView[]): void {
    const before = new Map(tracked.value.map((r) => [r.resultId, r.status]));
    tracked.value = [...runs].sort(newestFirst);
    const moved = runs.filter((r) => {
      const was = before.get(r.resultId);
      return was !== undefined && was !== r.status;
    });
    if (moved.length === 1) useUiStore().announce(runAnnouncement(moved[0]!));
    else if (moved.length > 1) {
      // Many runs at once (one session per file): one sentence for those that settled, none for steps along the way.
      const done = moved.filter((r) => r.status === 'completed').length;
      const failed = moved.filter((r) => r.status === 'failed').length;
      const said = runsSettledAnnouncement(done, failed);
      if (said) useUiStore().announce(said);
    }
  }

  async function load(): Promise<void> {
    apply(await call('runs:list', undefined));
  }

  function listen(): () => void {
    return onBridgeEvent('runs:changed', ({ runs }) => apply(runs));
  }

  const historyLoading = new Set<string>();

  /** `onlyIfMissing`: skip a session already listed (a child view asking after its parent did). */
  async function loadHistory(sessionId: string, onlyIfMissing = false): Promise<void> {
    if (historyLoading.has(sessionId) || (onlyIfMissing && sessionId in history.value)) return;
    historyLoading.add(sessionId);
    try {
      const runs = await call('results:list', { sessionId });
      history.value = { ...history.value, [sessionId]: [...runs].sort(newestFirst) };
      const { [sessionId]: _gone, ...rest } = historyErrors.value;
      historyErrors.value = rest;
    } catch (err) {
      historyErrors.value = { ...historyErrors.value, [sessionId]: runHistoryError(errorText(err)) };
    } finally {
      historyLoading.delete(sessionId);
    }
  }

  /** Starts a run; main follows it from then on and reports it through runs:changed. Null when it could not start. */
  async function start(sessionId: string): Promise<RunView | null> {
    if (starting.value.has(sessionId)) return null;
    starting.value = new Set([...starting.value, sessionId]);
    const { [sessionId]: _old, ...others } = startErrors.value;
    startErrors.value = others;
    try {
      const run = await call('results:run', { sessionId });
      if (!tracked.value.some((r) => r.resultId === run.resultId)) tracked.value = [run, ...tracked.value].sort(newestFirst);
      useUiStore().announce(runStartedAnnouncement(run.documentCount));
      return run;
    } catch (err) {
      startErrors.value = { ...startErrors.value, [sessionId]: runStartError(errorText(err)) };
      return null;
    } finally {
      const next = new Set(starting.value);
      next.delete(sessionId);
      starting.value = next;
    }
  }

  function inMotion(sessionId: string): boolean {
    const r = latestOf(sessionId);
    return r != null && !isRunSettled(r.status);
  }

  return { tracked, history, historyErrors, starting, startErrors, runsOf, latestOf, runById, inMotion, apply, load, listen, loadHistory, start };
});
