// The chosen session's documents, polled while shown, plus reparse. Runs and results live in the runs and results stores.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { WorkspaceDocument } from '../../../shared/api';
import { call, errorText } from '../bridge';
import { documentRow } from '../composables/document-view';
import { documentsReadError, reparseError } from '../composables/documents-words';
import { useResultsStore } from './results-store';

export const useDocumentsStore = defineStore('documents', () => {
  const sessionId = ref<string | null>(null);
  const documents = ref<WorkspaceDocument[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const updatedAt = ref<number | null>(null);
  const reparsing = ref<Set<string>>(new Set());
  const results = useResultsStore();

  // The session's runs name its config hash: rows show the parse for it.
  const rows = computed(() => {
    const hash = sessionId.value ? results.configHashFor(sessionId.value) : null;
    return documents.value.map((d) => documentRow(d, hash));
  });

  function forSession(id: string | null): void {
    if (sessionId.value === id) return;
    sessionId.value = id;
    documents.value = [];
    updatedAt.value = null;
    error.value = null;
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
      error.value = documentsReadError(errorText(err));
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
      error.value = reparseError(errorText(err));
    } finally {
      const next = new Set(reparsing.value);
      next.delete(documentId);
      reparsing.value = next;
    }
  }

  return { sessionId, documents, rows, loading, error, updatedAt, reparsing, forSession, refresh, reparse };
});
