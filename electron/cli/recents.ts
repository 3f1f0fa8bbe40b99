// The sessions this machine used or created (the API cannot list sessions): the CLI's own list, kept in the desktop
// app's format (electron/core/desktop/recent-sessions.ts) per API and profile, and the desktop app's list, read only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { createRecentSessionsStore } from '../core/desktop/recent-sessions';
import type { CliContext } from './context';
import type { CliIo } from './io';

/** Electron's userData folder for the app ("Raydocs Uploader", the productName), or RAYDOCS_APP_DATA_DIR. */
export function appUserDataDir(io: Pick<CliIo, 'env' | 'platform' | 'homedir'>): string {
  const { env, platform, homedir } = io;
  if (env.RAYDOCS_APP_DATA_DIR) return env.RAYDOCS_APP_DATA_DIR;
  const name = 'Raydocs Uploader';
  switch (platform) {
    case 'darwin':
      return join(homedir, 'Library', 'Application Support', name);
    case 'win32':
      return join(env.APPDATA ?? join(homedir, 'AppData', 'Roaming'), name);
    default:
      return join(env.XDG_CONFIG_HOME || join(homedir, '.config'), name);
  }
}

export interface ListedSession {
  id: string;
  workspaceId: number;
  name: string;
  lastUsedAt: number;
  /** Who used it: this CLI, or the desktop app. */
  source: 'cli' | 'app';
}

const fileSchema = z.object({
  sessions: z.array(z.object({ id: z.string(), workspaceId: z.number(), name: z.string(), lastUsedAt: z.number() }).loose()),
}).loose();

function readList(dir: string, source: ListedSession['source']): ListedSession[] {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(join(dir, 'recent-sessions.json'), 'utf8')));
    return parsed.success ? parsed.data.sessions.map((s) => ({ id: s.id, workspaceId: s.workspaceId, name: s.name, lastUsedAt: s.lastUsedAt, source })) : [];
  } catch {
    return [];
  }
}

/** Both lists, one row per session (the newest use wins), newest first. */
export function listRecentSessions(ctx: CliContext): ListedSession[] {
  const byId = new Map<string, ListedSession>();
  for (const s of [...readList(ctx.journalDir, 'cli'), ...readList(appUserDataDir(ctx.io), 'app')]) {
    const seen = byId.get(s.id);
    if (!seen || seen.lastUsedAt < s.lastUsedAt) byId.set(s.id, s);
  }
  return [...byId.values()].sort((a, b) => b.lastUsedAt - a.lastUsedAt);
}

/** Remembers a session the CLI created or pushed to; a write that fails never fails the command. */
export function recordSession(ctx: CliContext, s: { id: string; workspaceId: number; name: string | null }): void {
  try {
    createRecentSessionsStore(ctx.journalDir).upsert({ id: s.id, workspaceId: s.workspaceId, name: s.name ?? '', status: null, documentCount: null, lastUsedAt: Date.now(), error: null });
  } catch {
    // best effort: the list is a convenience
  }
}
