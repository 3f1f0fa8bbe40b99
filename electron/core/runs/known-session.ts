// What this app already knows of a session (name, workspace, template) from its queue and recents, so runs and exports need not ask.
import type { RecentSession } from '../../../shared/ipc';
import type { QueueItem } from '../../../shared/queue';

export interface KnownSession {
  sessionName: string | null;
  workspaceId: number | null;
  templateId: string | null;
  templateName: string | null;
}

/**
 * A one-per-file session is named after its file and carries its template in the queue's target; a chosen session
 * has its name in the target; the recents know the rest (sessions opened or created here).
 */
export function knownSession(sessionId: string, items: readonly QueueItem[], recent: (sessionId: string) => RecentSession | null): KnownSession {
  const known: KnownSession = { sessionName: null, workspaceId: null, templateId: null, templateName: null };
  for (const item of items) {
    const t = item.target;
    if (t.kind === 'session-per-file' && item.state.status === 'done' && item.state.sessionId === sessionId) {
      return { sessionName: item.name, workspaceId: t.workspaceId, templateId: t.templateId, templateName: t.templateName };
    }
    if (t.kind === 'session' && t.sessionId === sessionId) {
      known.sessionName = t.sessionName;
      known.workspaceId = t.workspaceId;
    }
  }
  const r = recent(sessionId);
  return r ? { ...known, sessionName: known.sessionName ?? r.name, workspaceId: known.workspaceId ?? r.workspaceId } : known;
}
