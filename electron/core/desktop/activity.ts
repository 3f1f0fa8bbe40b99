// Counts derived from a queue summary that several desktop decisions share (tray, badge, quit prompt, power blocker).
import type { ItemStatus, QueueSummary } from '../../../shared/queue';

/** Work this computer still has to do: lost if nobody resumes it, so it keeps the machine awake and makes quitting ask. */
export const LOCAL_WORK_STATUSES: readonly ItemStatus[] = ['queued', 'hashing', 'checking', 'uploading', 'attaching', 'waiting'];

export function count(summary: QueueSummary, statuses: readonly ItemStatus[]): number {
  return statuses.reduce((n, s) => n + (summary.counts[s] ?? 0), 0);
}

export function localPending(summary: QueueSummary): number {
  return count(summary, LOCAL_WORK_STATUSES);
}

/** Uploads are actually moving: there is local work, the queue is not paused and Raydocs is reachable. */
export function isWorking(summary: QueueSummary): boolean {
  return localPending(summary) > 0 && !summary.paused && summary.connectivity.state === 'online';
}

/** Whole-queue byte progress in [0, 1], or null when there is nothing to measure. */
export function byteProgress(summary: QueueSummary): number | null {
  if (summary.bytesTotal <= 0) return null;
  return Math.min(1, Math.max(0, summary.bytesDone / summary.bytesTotal));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
