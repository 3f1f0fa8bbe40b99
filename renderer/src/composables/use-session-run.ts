// One session's run readiness for the window: its documents, uploads still going to it, its newest run and the button.
import { computed, watch, type Ref } from 'vue';
import { isRunSettled } from '../../../shared/result-table';
import { isActive } from '../../../shared/queue';
import { useDocumentsStore } from '../stores/documents-store';
import { useQueueStore } from '../stores/queue-store';
import { useResultsStore } from '../stores/results-store';
import { useRunsStore } from '../stores/runs-store';
import { parseProgressOf, runButton } from './run-view';
import { usePolling } from './use-polling';

/** While a run parses, the documents are read this often to show "Parsing 2 of 3 documents". */
export const RUN_DOCS_POLL_MS = 3000;

/**
 * `followDocuments`: read the session's documents here (the queue view). The documents view reads them itself and
 * passes false, so nothing is asked twice.
 */
export function useSessionRun(sessionId: Ref<string>, followDocuments: boolean) {
  const queue = useQueueStore();
  const docs = useDocumentsStore();
  const runs = useRunsStore();
  const results = useResultsStore();

  const items = computed(() => queue.items.filter((i) => i.target.kind === 'session' && i.target.sessionId === sessionId.value));
  const uploadsRunning = computed(() => items.value.filter((i) => isActive(i.state)).length);
  const docsKnown = computed(() => docs.sessionId === sessionId.value && docs.updatedAt != null);
  const progress = computed(() => (docsKnown.value ? parseProgressOf(docs.rows) : null));
  const run = computed(() => runs.latestOf(sessionId.value));
  const inMotion = computed(() => run.value != null && !isRunSettled(run.value.status));

  const button = computed(() =>
    runButton({
      // No count while files are still arriving: the documents are read again once they have (a count then is true).
      documents: uploadsRunning.value > 0 ? null : (progress.value?.total ?? null),
      parseFailed: progress.value?.failed ?? 0,
      uploadsRunning: uploadsRunning.value,
      starting: runs.starting.has(sessionId.value),
      runInMotion: inMotion.value,
    }),
  );

  if (followDocuments) {
    const refresh = () => {
      docs.forSession(sessionId.value);
      return docs.refresh();
    };
    // Read once when shown, again when the uploads settle or the run changes state, and while it parses.
    watch([sessionId, () => uploadsRunning.value === 0, () => run.value?.status], () => void refresh(), { immediate: true });
    usePolling(refresh, RUN_DOCS_POLL_MS, computed(() => run.value?.status === 'parsing_pending'));
  }

  async function start(): Promise<void> {
    const started = await runs.start(sessionId.value);
    // The full result names the run's extraction settings: the documents' parses are judged by them.
    if (started) void results.fetch(started.resultId);
  }

  return { items, uploadsRunning, progress, run, inMotion, button, start, startError: computed(() => runs.startErrors[sessionId.value] ?? null) };
}
