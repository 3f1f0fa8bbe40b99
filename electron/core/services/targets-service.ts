// Where files go: templates, the sessions used on this computer (the API cannot list sessions), opening and creating one.
import type { RecentSession } from '../../../shared/ipc';
import type { Session, Template, Workspace } from '../../../shared/api';
import type { QueueItem, Target } from '../../../shared/queue';
import { isApiError } from '../api/api-error';
import type { RaydocsClient } from '../api/client';
import { describeApiError } from '../api/describe-api-error';
import { AppError } from '../desktop/app-error';
import type { IpcHandlers } from '../desktop/ipc-dispatch';
import { localPage } from '../desktop/local-page';
import { rememberPerFileSessions } from '../desktop/per-file-recents';
import { createRecentSessionsStore } from '../desktop/recent-sessions';
import { clipboardSessionLink, parseSessionInput } from '../desktop/session-link';
import { mapLimit } from '../map-limit';

export type TargetsChannel = 'templates:list' | 'sessions:recent' | 'sessions:open' | 'sessions:create' | 'targets:clipboard-link' | 'targets:choose';

const RECENT_REFRESH_CONCURRENCY = 4;
/** Templates a page of the picker shows (the API's own default page size, §6.2). */
const TEMPLATES_PER_PAGE = 15;

type TargetsClient = Pick<RaydocsClient, 'getSession' | 'getTemplate' | 'listWorkspaces' | 'listAllTemplates' | 'createSession'>;

export interface TargetsServiceDeps {
  client: TargetsClient;
  userDataDir: string;
  signedIn(): boolean;
  /** The workspaces the signed-in token sees (to find a session filed under another one). */
  workspaces(): readonly Workspace[];
  /** The clipboard's text, read by main on the page's request (absent where there is no clipboard: '' then). */
  readClipboardText?: () => Promise<string>;
  now?: () => number;
}

export interface TargetsService {
  handlers: Pick<IpcHandlers, TargetsChannel>;
  /** The last target files were queued for (a tray drop goes there). */
  lastTarget(): Target | null;
  /** Files were queued for `target`: it becomes the last one, and its session moves to the top of the recents. */
  touch(target: Target): void;
  /** A session this computer used, in any visible workspace. */
  recent(sessionId: string): RecentSession | null;
  /** Stored one-per-file items join the recents, named after their files. */
  noteItems(items: readonly QueueItem[]): void;
}

function recentFrom(session: Session, workspaceId: number, lastUsedAt: number, templateName: string | null): RecentSession {
  return {
    id: session.id,
    workspaceId,
    name: session.name,
    status: session.status ?? null,
    documentCount: session.documents.length,
    lastUsedAt,
    templateName,
    error: null,
  };
}

export function createTargetsService(deps: TargetsServiceDeps): TargetsService {
  const { client } = deps;
  const now = deps.now ?? Date.now;
  const recents = createRecentSessionsStore(deps.userDataDir);

  /** The workspace's templates by id, for the recents' "template" column; none when they cannot be read. */
  async function templateNames(workspaceId: number): Promise<ReadonlyMap<string, string>> {
    try {
      return new Map((await client.listAllTemplates(workspaceId)).map((t) => [t.id, t.name]));
    } catch {
      return new Map();
    }
  }

  async function refreshRecent(entry: RecentSession, names: ReadonlyMap<string, string>): Promise<RecentSession> {
    try {
      const session = await client.getSession(entry.id);
      const templateName = session.extraction_template_id ? (names.get(session.extraction_template_id) ?? entry.templateName ?? null) : null;
      return recentFrom(session, entry.workspaceId, entry.lastUsedAt, templateName);
    } catch (err) {
      if (isApiError(err) && (err.code === 'network' || err.code === 'timeout' || err.code === 'unauthorized')) return entry;
      return { ...entry, error: describeApiError(err) };
    }
  }

  /**
   * The workspace a session belongs to: its template's (as the CLI reads it). When the template does not say, the
   * only visible workspace, else the one the person had selected.
   */
  async function placeSession(session: Session, selected: number): Promise<{ workspaceId: number; templateName: string | null }> {
    if (!session.extraction_template_id) return { workspaceId: selected, templateName: null };
    let template: Template;
    try {
      template = await client.getTemplate(session.extraction_template_id);
    } catch (err) {
      // A template this token cannot read (no templates-read, or gone) says nothing: keep the selected workspace.
      if (isApiError(err) && (err.code === 'forbidden' || err.code === 'not-found')) return { workspaceId: selected, templateName: null };
      throw err;
    }
    if (typeof template.workspace_id === 'number') return { workspaceId: template.workspace_id, templateName: template.name };
    const visible = await client.listWorkspaces();
    return { workspaceId: visible.length === 1 && visible[0] ? visible[0].id : selected, templateName: template.name };
  }

  return {
    handlers: {
      // The server may page by number, simply or by cursor (§2, §13): read the list to its end, page it for the picker.
      'templates:list': async ({ workspaceId, page }) => localPage(await client.listAllTemplates(workspaceId), page, TEMPLATES_PER_PAGE),
      'sessions:recent': async ({ workspaceId }) => {
        const list = recents.list(workspaceId);
        if (!deps.signedIn() || list.length === 0) return list;
        const names = await templateNames(workspaceId);
        const refreshed = await mapLimit(list, RECENT_REFRESH_CONCURRENCY, (entry) => refreshRecent(entry, names));
        return refreshed.map((r) => recents.upsert({ ...r, lastUsedAt: recents.get(r.workspaceId, r.id)?.lastUsedAt ?? r.lastUsedAt }));
      },
      'sessions:open': async ({ workspaceId, input }) => {
        const id = parseSessionInput(input);
        if (id === null) {
          throw new AppError('validation', 'Paste a session ID (like 3f2b8c1e-…) or a link to a session from the Raydocs dashboard.');
        }
        const session = await client.getSession(id);
        // Filed under its own workspace, whichever one is selected: its uploads go there.
        const placed = await placeSession(session, workspaceId);
        return recents.upsert(recentFrom(session, placed.workspaceId, now(), placed.templateName));
      },
      'sessions:create': async ({ workspaceId, templateId, name }) => {
        const session = await client.createSession({ extraction_template_id: templateId, name });
        // Its template's name arrives with the next refresh of the recents (the picker refreshes on every opening).
        recents.upsert(recentFrom(session, workspaceId, now(), null));
        return session;
      },
      'targets:clipboard-link': async () => clipboardSessionLink((await deps.readClipboardText?.()) ?? ''),
      // Only where new files go: a session becomes "used" (its recents entry) when files are queued for it.
      'targets:choose': async ({ target }) => recents.setLastTarget(target),
    },
    lastTarget: () => recents.lastTarget(),
    touch(target) {
      recents.setLastTarget(target);
      if (target.kind !== 'session') return;
      const known = recents.get(target.workspaceId, target.sessionId);
      recents.upsert({
        ...(known ?? { id: target.sessionId, workspaceId: target.workspaceId, name: target.sessionName, status: null, documentCount: null, error: null }),
        lastUsedAt: now(),
      });
    },
    recent: (sessionId) => deps.workspaces().map((w) => recents.get(w.id, sessionId)).find((r) => r) ?? null,
    noteItems: (items) => void rememberPerFileSessions(items, recents, now()),
  };
}
