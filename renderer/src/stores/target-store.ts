// Where new drops go (the committed target), and the workspace the picker browses: browsing never changes the target.
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { Paginated, Template } from '../../../shared/api';
import type { RecentSession } from '../../../shared/ipc';
import type { Target } from '../../../shared/queue';
import { call, errorText } from '../bridge';
import { TARGET_ERRORS } from '../composables/picker-words';

export type TargetMode = 'session' | 'session-per-file';

export interface ChosenSession {
  id: string;
  name: string;
  workspaceId: number;
}

export interface PerFileChoice {
  templateId: string;
  templateName: string;
  autoExtract: boolean;
}

/** Case-insensitive match on name or id. */
export function filterSessions(sessions: readonly RecentSession[], query: string): RecentSession[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...sessions];
  return sessions.filter((s) => s.name.toLowerCase().includes(q) || s.id.toLowerCase().includes(q));
}

/** The target as confirmed: only a confirming action in the picker sets it (docs/ui.md, "The target picker"). */
export type CommittedTarget = { kind: 'session'; session: ChosenSession } | { kind: 'session-per-file'; workspaceId: number; perFile: PerFileChoice };

export const useTargetStore = defineStore('target', () => {
  const committed = ref<CommittedTarget | null>(null);
  /** The workspace whose recents and templates the picker shows. */
  const browsingId = ref<number | null>(null);
  const workspaceId = computed(() => {
    const c = committed.value;
    return c ? (c.kind === 'session' ? c.session.workspaceId : c.workspaceId) : browsingId.value;
  });
  const mode = computed<TargetMode>(() => committed.value?.kind ?? 'session');
  const session = computed(() => (committed.value?.kind === 'session' ? committed.value.session : null));
  const perFile = computed(() => (committed.value?.kind === 'session-per-file' ? committed.value.perFile : null));

  const recent = ref<RecentSession[]>([]);
  const recentLoading = ref(false);
  const search = ref('');
  const templates = ref<Paginated<Template> | null>(null);
  const templatesLoading = ref(false);
  const error = ref<string | null>(null);

  const filteredRecent = computed(() => filterSessions(recent.value, search.value));

  /** What queue:add receives. Items already queued keep the target they were queued with. */
  const target = computed<Target | null>(() => {
    const c = committed.value;
    if (!c) return null;
    if (c.kind === 'session') return { kind: 'session', workspaceId: c.session.workspaceId, sessionId: c.session.id, sessionName: c.session.name };
    const p = c.perFile;
    return { kind: 'session-per-file', workspaceId: c.workspaceId, templateId: p.templateId, templateName: p.templateName, autoExtract: p.autoExtract };
  });

  // Main hears every committed target, so the menu's Add Files and the tray send files where the header says they go.
  watch(target, (t) => {
    if (t) void call('targets:choose', { target: t }).catch(() => undefined);
  });

  async function loadRecent(): Promise<void> {
    const id = browsingId.value;
    if (id == null) return;
    recentLoading.value = true;
    try {
      recent.value = await call('sessions:recent', { workspaceId: id });
    } catch (err) {
      error.value = TARGET_ERRORS.recent(errorText(err));
    } finally {
      recentLoading.value = false;
    }
  }

  async function loadTemplates(page = 1): Promise<void> {
    const id = browsingId.value;
    if (id == null) return;
    templatesLoading.value = true;
    try {
      templates.value = await call('templates:list', { workspaceId: id, page });
    } catch (err) {
      error.value = TARGET_ERRORS.templates(errorText(err));
    } finally {
      templatesLoading.value = false;
    }
  }

  async function selectWorkspace(id: number): Promise<void> {
    if (browsingId.value !== id) {
      browsingId.value = id;
      recent.value = [];
      templates.value = null;
      search.value = '';
    }
    error.value = null;
    await Promise.all([loadRecent(), loadTemplates(1)]);
  }

  function selectSession(s: Pick<RecentSession, 'id' | 'name' | 'workspaceId'>): void {
    committed.value = { kind: 'session', session: { id: s.id, name: s.name, workspaceId: s.workspaceId } };
    void call('settings:set', { defaultSessionId: s.id }).catch(() => undefined);
  }

  async function openById(input: string): Promise<boolean> {
    const browsing = browsingId.value;
    if (browsing == null) return false;
    error.value = null;
    try {
      const s = await call('sessions:open', { workspaceId: browsing, input: input.trim() });
      // Main files the session under its own workspace: show that one, where its recent entry is.
      if (s.workspaceId !== browsing) await selectWorkspace(s.workspaceId);
      selectSession(s);
      await loadRecent();
      return true;
    } catch (err) {
      error.value = TARGET_ERRORS.open(errorText(err));
      return false;
    }
  }

  async function createSession(templateId: string, name: string): Promise<boolean> {
    const browsing = browsingId.value;
    if (browsing == null) return false;
    error.value = null;
    try {
      const s = await call('sessions:create', { workspaceId: browsing, templateId, name: name.trim() });
      selectSession({ id: s.id, name: s.name || name.trim(), workspaceId: browsing });
      await loadRecent();
      return true;
    } catch (err) {
      error.value = TARGET_ERRORS.create(errorText(err));
      return false;
    }
  }

  /** One session per file from a template of the browsed workspace. */
  function choosePerFile(choice: PerFileChoice): void {
    if (browsingId.value == null) return;
    committed.value = { kind: 'session-per-file', workspaceId: browsingId.value, perFile: { ...choice } };
  }

  /** On start: the first workspace, and the session used last time when it is among the recent ones. */
  async function restore(workspaceIds: readonly number[], defaultSessionId: string | null): Promise<void> {
    const first = workspaceIds[0];
    if (first == null) return;
    const current = workspaceId.value;
    await selectWorkspace(current != null && workspaceIds.includes(current) ? current : first);
    if (defaultSessionId && !committed.value) {
      const found = recent.value.find((s) => s.id === defaultSessionId);
      if (found) committed.value = { kind: 'session', session: { id: found.id, name: found.name, workspaceId: found.workspaceId } };
    }
  }

  function reset(): void {
    committed.value = null;
    browsingId.value = null;
    recent.value = [];
    templates.value = null;
  }

  return {
    committed,
    browsingId,
    workspaceId,
    mode,
    session,
    perFile,
    recent,
    recentLoading,
    search,
    templates,
    templatesLoading,
    error,
    filteredRecent,
    target,
    loadRecent,
    loadTemplates,
    selectWorkspace,
    selectSession,
    openById,
    createSession,
    choosePerFile,
    restore,
    reset,
  };
});
