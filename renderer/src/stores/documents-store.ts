// The chosen session's documents, polled while shown, plus reparse and the extraction run with its result.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ExtractionResult, WorkspaceDocument } from '../../../shared/api';
import { call, errorText } from '../bridge';
import { configHashOf, documentRow, isResultSettled } from '../composables/document-view';

export const RESULT_POLL_MS = 2000;

export const useDocumentsStore = defineStore('documents', () => {
  const sessionId = ref<string | null>(null);
  const documents = ref<WorkspaceDocument[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const updatedAt = ref<number | null>(null);
  const reparsing = ref<Set<string>>(new Set());
  const result = ref<ExtractionResult | null>(null);
  const running = ref(false);
  const resultError = ref<string | null>(null);
  let resultTimer: ReturnType<typeof setTimeout> | null = null;

  // The run this view started names the session's config hash: rows show the parse for it.
  const rows = computed(() => {
    const hash = configHashOf([result.value]);
    return documents.value.map((d) => documentRow(d, hash));
  });

  function forSession(id: string | null): void {
    if (sessionId.value === id) return;
    sessionId.value = id;
    documents.value = [];
    updatedAt.value = null;
    error.value = null;
    result.value = null;
    resultError.value = null;
    // The old session's extraction is no longer followed: without this its button would stay "Extracting…".
    running.value = false;
    if (resultTimer) clearTimeout(resultTimer);
  }

  async function refresh(): Promise<void> {
    const id = sessionId.value;
    if (!id) return;
    loading.value = true;
    try {
      const docs = await call('sessions:documents', { sessionId: id });
      if (sessionId.value !== id) return;
      documents.value = docs;
      updatedAt.value = Date.now();
      error.value = null;
    } catch (err) {
      error.value = `Could not read the session’s documents: ${errorText(err)}`;
    } finally {
      loading.value = false;
    }
  }

  async function reparse(workspaceId: number, documentId: string): Promise<void> {
    const id = sessionId.value;
    if (!id) return;
    reparsing.value = new Set([...reparsing.value, documentId]);
    try {
      await call('documents:reparse', { workspaceId, sessionId: id, documentId });
      await refresh();
    } catch (err) {
      error.value = `Could not reparse: ${errorText(err)}`;
    } finally {
      const next = new Set(reparsing.value);
      next.delete(documentId);
      reparsing.value = next;
    }
  }

  async function pollResult(id: string): Promise<void> {
    try {
      const r = await call('results:get', { resultId: id });
      if (result.value?.id !== id) return;
      result.value = r;
      if (isResultSettled(r)) running.value = false;
      else resultTimer = setTimeout(() => void pollResult(id), RESULT_POLL_MS);
    } catch (err) {
      resultError.value = `Could not read the extraction result: ${errorText(err)}`;
      running.value = false;
    }
  }

  async function runExtraction(): Promise<void> {
    const id = sessionId.value;
    if (!id) return;
    running.value = true;
    resultError.value = null;
    try {
      const r = await call('results:run', { sessionId: id });
      if (sessionId.value !== id) return;
      result.value = r;
      if (isResultSettled(r)) running.value = false;
      else resultTimer = setTimeout(() => void pollResult(r.id), RESULT_POLL_MS);
    } catch (err) {
      if (sessionId.value !== id) return;
      resultError.value = `Could not start the extraction: ${errorText(err)}`;
      running.value = false;
    }
  }

  return { sessionId, documents, rows, loading, error, updatedAt, reparsing, result, running, resultError, forSession, refresh, reparse, runExtraction };
});
