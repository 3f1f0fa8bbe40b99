// Where new drops go: a workspace, then a session (recent, opened by id/link, or new) or "one session per file".
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Paginated, Template } from '../../../shared/api';
import type { RecentSession } from '../../../shared/ipc';
import type { Target } from '../../../shared/queue';
import { call, errorText } from '../bridge';

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

export const useTargetStore = defineStore('target', () => {
  const workspaceId = ref<number | null>(null);
  const mode = ref<TargetMode>('session');
  const session = ref<ChosenSession | null>(null);
  const perFile = ref<PerFileChoice | null>(null);

  const recent = ref<RecentSession[]>([]);
  const recentLoading = ref(false);
  const search = ref('');
  const templates = ref<Paginated<Template> | null>(null);
  const templatesLoading = ref(false);
  const error = ref<string | null>(null);

  const filteredRecent = computed(() => filterSessions(recent.value, search.value));

  /** What queue:add receives. Items already queued keep the target they were queued with. */
  const target = computed<Target | null>(() => {
    if (mode.value === 'session') {
      const s = session.value;
      return s ? { kind: 'session', workspaceId: s.workspaceId, sessionId: s.id, sessionName: s.name } : null;
    }
    const p = perFile.value;
    return p && workspaceId.value != null
      ? { kind: 'session-per-file', workspaceId: workspaceId.value, templateId: p.templateId, templateName: p.templateName, autoExtract: p.autoExtract }
      : null;
  });

  async function loadRecent(): Promise<void> {
    if (workspaceId.value == null) return;
    recentLoading.value = true;
    try {
      recent.value = await call('sessions:recent', { workspaceId: workspaceId.value });
    } catch (err) {
      error.value = `Could not load recent sessions: ${errorText(err)}`;
    } finally {
      recentLoading.value = false;
    }
  }

  async function loadTemplates(page = 1): Promise<void> {
    if (workspaceId.value == null) return;
    templatesLoading.value = true;
    try {
      templates.value = await call('templates:list', { workspaceId: workspaceId.value, page });
    } catch (err) {
      error.value = `Could not load templates: ${errorText(err)}`;
    } finally {
      templatesLoading.value = false;
    }
  }

  async function selectWorkspace(id: number): Promise<void> {
    if (workspaceId.value !== id) {
      workspaceId.value = id;
      recent.value = [];
      templates.value = null;
      search.value = '';
      if (session.value && session.value.workspaceId !== id) session.value = null;
      perFile.value = null;
    }
    error.value = null;
    await Promise.all([loadRecent(), loadTemplates(1)]);
  }

  function selectSession(s: Pick<RecentSession, 'id' | 'name' | 'workspaceId'>): void {
    session.value = { id: s.id, name: s.name, workspaceId: s.workspaceId };
    mode.value = 'session';
    void call('settings:set', { defaultSessionId: s.id }).catch(() => undefined);
  }

  async function openById(input: string): Promise<boolean> {
    if (workspaceId.value == null) return false;
    error.value = null;
    try {
      const s = await call('sessions:open', { workspaceId: workspaceId.value, input: input.trim() });
      // Main files the session under its own workspace: show that one, where its recent entry is.
      if (s.workspaceId !== workspaceId.value) await selectWorkspace(s.workspaceId);
      selectSession(s);
      await loadRecent();
      return true;
    } catch (err) {
      error.value = `Could not open that session: ${errorText(err)}`;
      return false;
    }
  }

  async function createSession(templateId: string, name: string): Promise<boolean> {
    if (workspaceId.value == null) return false;
    error.value = null;
    try {
      const s = await call('sessions:create', { workspaceId: workspaceId.value, templateId, name: name.trim() });
      selectSession({ id: s.id, name: s.name || name.trim(), workspaceId: workspaceId.value });
      await loadRecent();
      return true;
    } catch (err) {
      error.value = `Could not create the session: ${errorText(err)}`;
      return false;
    }
  }

  function choosePerFile(choice: PerFileChoice): void {
    perFile.value = { ...choice };
    mode.value = 'session-per-file';
  }

  function setMode(next: TargetMode): void {
    mode.value = next;
  }

  /** On start: the first workspace, and the session used last time when it is among the recent ones. */
  async function restore(workspaceIds: readonly number[], defaultSessionId: string | null): Promise<void> {
    const first = workspaceIds[0];
    if (first == null) return;
    await selectWorkspace(workspaceId.value != null && workspaceIds.includes(workspaceId.value) ? workspaceId.value : first);
    if (defaultSessionId && !session.value) {
      const found = recent.value.find((s) => s.id === defaultSessionId);
      if (found) session.value = { id: found.id, name: found.name, workspaceId: found.workspaceId };
    }
  }

  function reset(): void {
    workspaceId.value = null;
    session.value = null;
    perFile.value = null;
    recent.value = [];
    templates.value = null;
    mode.value = 'session';
  }

  return {
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
    setMode,
    restore,
    reset,
  };
});
