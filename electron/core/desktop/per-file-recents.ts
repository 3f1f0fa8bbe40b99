// Sessions made one per file join the recent sessions, named after their file, so they can be found and picked again.
import type { QueueItem } from '../../../shared/queue';
import type { RecentSessionsStore } from './recent-sessions';

/** Adds each stored one-per-file item's session to the recents once; returns how many were new. */
export function rememberPerFileSessions(items: readonly QueueItem[], recents: Pick<RecentSessionsStore, 'get' | 'upsert'>, now: number): number {
  let added = 0;
  for (const item of items) {
    const s = item.state;
    if (item.target.kind !== 'session-per-file' || s.status !== 'done') continue;
    if (recents.get(item.target.workspaceId, s.sessionId)) continue;
    recents.upsert({ id: s.sessionId, workspaceId: item.target.workspaceId, name: item.name, status: null, documentCount: 1, lastUsedAt: now, error: null });
    added++;
  }
  return added;
}
