// Sessions this computer has used, per workspace, since the API cannot list sessions; plus the last upload target.
import { join } from 'node:path';
import { z } from 'zod';
import type { RecentSession } from '../../../shared/ipc';
import { targetSchema } from '../../../shared/ipc';
import type { Target } from '../../../shared/queue';
import { readJsonFile, writeJsonFile } from './json-file';

export const RECENT_SESSIONS_FILE = 'recent-sessions.json';
export const RECENT_LIMIT_PER_WORKSPACE = 20;

const recentSchema = z.object({
  id: z.string(),
  workspaceId: z.number(),
  name: z.string(),
  status: z.string().nullable(),
  documentCount: z.number().nullable(),
  lastUsedAt: z.number(),
  templateName: z.string().nullable().optional(),
  error: z.string().nullable(),
});
const fileSchema = z.object({ sessions: z.array(recentSchema), lastTarget: targetSchema.nullable() });

export interface RecentSessionsStore {
  list(workspaceId: number): RecentSession[];
  get(workspaceId: number, id: string): RecentSession | null;
  /** Inserts or replaces by (workspace, id), keeping the newest RECENT_LIMIT_PER_WORKSPACE per workspace. */
  upsert(entry: RecentSession): RecentSession;
  lastTarget(): Target | null;
  setLastTarget(target: Target): void;
}

export function createRecentSessionsStore(userDataDir: string): RecentSessionsStore {
  const file = join(userDataDir, RECENT_SESSIONS_FILE);
  const data = readJsonFile(file, fileSchema) ?? { sessions: [], lastTarget: null };
  const save = (): void => writeJsonFile(file, data);
  const byRecency = (a: RecentSession, b: RecentSession): number => b.lastUsedAt - a.lastUsedAt;

  return {
    list: (workspaceId) => data.sessions.filter((s) => s.workspaceId === workspaceId).sort(byRecency).map((s) => ({ ...s })),
    get: (workspaceId, id) => {
      const found = data.sessions.find((s) => s.workspaceId === workspaceId && s.id === id);
      return found ? { ...found } : null;
    },
    upsert(entry) {
      const others = data.sessions.filter((s) => !(s.workspaceId === entry.workspaceId && s.id === entry.id));
      const sameWorkspace = [entry, ...others.filter((s) => s.workspaceId === entry.workspaceId)].sort(byRecency);
      const kept = new Set(sameWorkspace.slice(0, RECENT_LIMIT_PER_WORKSPACE));
      data.sessions = [...others.filter((s) => s.workspaceId !== entry.workspaceId), ...kept];
      save();
      return { ...entry };
    },
    lastTarget: () => data.lastTarget,
    setLastTarget(target) {
      data.lastTarget = target;
      save();
    },
  };
}
