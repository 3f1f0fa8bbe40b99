// Full extraction results (data and audit) read on demand, the one the window shows, and its exports.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ExtractionResult } from '../../../shared/api';
import { call, errorText } from '../bridge';
import {
  copyError,
  leftOutLine,
  RESULT_WORDS,
  resultReadError,
  saveAllError,
  savedCombinedNote,
  savedExcelNote,
  savedSeparateNote,
  saveExcelError,
} from '../composables/documents-words';
import { configHashOf } from '../composables/document-view';
import { useUiStore } from './ui-store';

/** A sentence about the last export or copy, shown beside the buttons and said aloud. */
export interface ExportNote {
  tone: 'success' | 'warning' | 'danger' | 'neutral';
  text: string;
}

export const useResultsStore = defineStore('results', () => {
  /** The result the person chose (a run in the list, a clicked notification); null: the session's newest run. */
  const selectedId = ref<string | null>(null);
  const byId = ref<Record<string, ExtractionResult>>({});
  const loadErrors = ref<Record<string, string>>({});
  const loading = ref<ReadonlySet<string>>(new Set());
  const busy = ref<'excel' | 'all' | null>(null);
  const note = ref<ExportNote | null>(null);

  function say(n: ExportNote): void {
    note.value = n;
    useUiStore().announce(n.text);
  }

  async function fetch(resultId: string): Promise<ExtractionResult | null> {
    loading.value = new Set([...loading.value, resultId]);
    try {
      const r = await call('results:get', { resultId });
      byId.value = { ...byId.value, [resultId]: r };
      const { [resultId]: _gone, ...rest } = loadErrors.value;
      loadErrors.value = rest;
      return r;
    } catch (err) {
      loadErrors.value = { ...loadErrors.value, [resultId]: resultReadError(errorText(err)) };
      return null;
    } finally {
      const next = new Set(loading.value);
      next.delete(resultId);
      loading.value = next;
    }
  }

  function select(resultId: string | null): void {
    if (selectedId.value !== resultId) note.value = null;
    selectedId.value = resultId;
  }

  /** A clicked notification: show that result, whichever session it belongs to. */
  async function open(resultId: string): Promise<void> {
    select(resultId);
    await fetch(resultId);
  }

  /** The session's extraction settings as its known results name them: the documents view judges parses by it. */
  function configHashFor(sessionId: string): string | null {
    return configHashOf(Object.values(byId.value).filter((r) => r.extraction_session_id === sessionId));
  }

  async function saveExcel(resultId: string): Promise<void> {
    busy.value = 'excel';
    note.value = null;
    try {
      const r = await call('results:save-excel', { resultId });
      if (r.saved) say({ tone: 'success', text: savedExcelNote(r.bytes, r.path) });
      else note.value = { tone: 'neutral', text: RESULT_WORDS.notSaved };
    } catch (err) {
      say({ tone: 'danger', text: saveExcelError(errorText(err)) });
    } finally {
      busy.value = null;
    }
  }

  async function saveAll(sessionIds: string[]): Promise<void> {
    busy.value = 'all';
    note.value = null;
    try {
      const r = await call('results:save-all', { sessionIds });
      if (!r.saved) {
        note.value = { tone: 'neutral', text: RESULT_WORDS.notSaved };
        return;
      }
      // Sessions main left out of a per-session save, with why (read loosely: older mains do not send them).
      const skipped = (r as { skipped?: Array<{ name: string; reason: string }> }).skipped ?? [];
      const left = leftOutLine(skipped);
      if (r.combined) say({ tone: 'success', text: savedCombinedNote(sessionIds.length, r.path) });
      else say({ tone: skipped.length > 0 ? 'warning' : 'success', text: savedSeparateNote(r.files, r.path, left) });
    } catch (err) {
      say({ tone: 'danger', text: saveAllError(errorText(err)) });
    } finally {
      busy.value = null;
    }
  }

  /** The result as the API gave it, pretty-printed, on the clipboard. */
  async function copyJson(resultId: string): Promise<void> {
    const r = byId.value[resultId] ?? (await fetch(resultId));
    if (!r) return;
    try {
      await navigator.clipboard.writeText(JSON.stringify(r, null, 2));
      say({ tone: 'success', text: RESULT_WORDS.copied });
    } catch (err) {
      say({ tone: 'danger', text: copyError(errorText(err)) });
    }
  }

  return { selectedId, byId, loadErrors, loading, busy, note, fetch, select, open, configHashFor, saveExcel, saveAll, copyJson };
});
