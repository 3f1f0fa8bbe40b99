// One session's run readiness for the window: its documents, uploads still going to it, its newest run and the button.
import { computed, type Ref } from 'vue';
import { isRunSettled } from '../../../shared/result-table';
import { isActive } from '../../../shared/queue';
import { useDocumentsStore } from '../stores/documents-store';
import { useQueueStore } from '../stores/queue-store';
import { useResultsStore } from '../stores/results-store';
import { useRunsStore } from '../stores/runs-store';
import { parseProgressOf, runButton } from './run-view';

/**
 * Reads no documents itself. `documentsFresh`: the caller's view keeps the docs store's rows fresh (the documents view
 * polls them), so the count and the parse failures are used. A batch header passes false: rows read minutes ago for
 * this session would say "no documents yet" of a batch just stored; it says "Run extraction" with no count.
 */
export function useSessionRun(sessionId: Ref<string>, documentsFresh: boolean) {
  const queue = useQueueStore();
  const docs = useDocumentsStore();
  const runs = useRunsStore();
  const results = useResultsStore();

  const items = computed(() => queue.items.filter((i) => i.target.kind === 'session' && i.target.sessionId === sessionId.value));
  const uploadsRunning = computed(() => items.value.filter((i) => isActive(i.state)).length);
  const docsKnown = computed(() => documentsFresh && docs.sessionId === sessionId.value && docs.updatedAt != null);
  const progress = computed(() => (docsKnown.value ? parseProgressOf(docs.rows) : null));
  const run = computed(() => runs.latestOf(sessionId.value));
  const inMotion = computed(() => run.value != null && !isRunSettled(run.value.status));

  const starting = computed(() => runs.starting.has(sessionId.value));
  const button = computed(() =>
    runButton({
      // No count while files are still arriving: the documents are read again once they have (a count then is true).
      documents: uploadsRunning.value > 0 ? null : (progress.value?.total ?? null),
      parseFailed: progress.value?.failed ?? 0,
      uploadsRunning: uploadsRunning.value,
      starting: starting.value,
      runInMotion: inMotion.value,
    }),
  );

  async function start(): Promise<void> {
    const started = await runs.start(sessionId.value);
    // The full result names the run's extraction settings: the documents' parses are judged by them.
    if (started) void results.fetch(started.resultId);
  }

  return { items, uploadsRunning, progress, run, inMotion, starting, button, start, startError: computed(() => runs.startErrors[sessionId.value] ?? null) };
}
