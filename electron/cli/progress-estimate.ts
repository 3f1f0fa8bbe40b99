// Progress that tells the truth: one measure of work for files and bytes together, never going backwards, and an ETA
// from the rate of that work, shown only once it means something (docs/cli.md "Progress").
import type { QueueItem, QueueSummary } from '../../shared/queue';
import { isSettled } from './push-report';
import { progressView, type ProgressView } from './progress-lines';

/**
 * What one file costs beside its bytes (its API calls, the attach): 512 KiB of work. With it, 300 small files that
 * finish move the bar although their bytes are few, and one large file still weighs what its bytes weigh.
 */
export const FILE_OVERHEAD_BYTES = 512 * 1024;
/** No ETA before this much time and this share of the work: early rates are noise. */
export const ETA_MIN_ELAPSED_MS = 3000;
export const ETA_MIN_SHARE = 0.01;
/** An ETA above this is not shown: it would be a guess dressed as a figure. */
export const ETA_MAX_SECONDS = 24 * 3600;

export interface Estimator {
  view(items: QueueItem[], summary: QueueSummary | null, pacingWaitMs: number | null): ProgressView;
}

/** Bytes of an item that are done. Settled items count whole (failed ones too: there is no more work in them). */
function bytesOf(it: QueueItem): number {
  const s = it.state;
  if (isSettled(s) || s.status === 'attaching') return it.size;
  if (s.status === 'uploading') return Math.min(it.size, s.bytesSent);
  return 0;
}

export function createEstimator(now: () => number = Date.now): Estimator {
  // Per item, the most ever seen: a retry that sends a file again, or a paused upload, does not move the bar back.
  const high = new Map<string, number>();
  const settledSeen = new Set<string>();
  let startAt: number | null = null;
  let workAtStart = 0;
  return {
    view(items, summary, pacingWaitMs) {
      const base = progressView(items, summary);
      const t = now();
      let bytesDone = 0;
      let work = 0;
      let totalWork = 0;
      for (const it of items) {
        const b = Math.max(high.get(it.id) ?? 0, bytesOf(it));
        high.set(it.id, b);
        if (isSettled(it.state)) settledSeen.add(it.id);
        bytesDone += b;
        work += b + (settledSeen.has(it.id) ? FILE_OVERHEAD_BYTES : 0);
        totalWork += it.size + FILE_OVERHEAD_BYTES;
      }
      if (startAt === null) {
        startAt = t;
        workAtStart = work;
      }
      const elapsed = t - startAt;
      const moved = work - workAtStart;
      let eta: number | null = null;
      if (elapsed >= ETA_MIN_ELAPSED_MS && totalWork > 0 && moved >= ETA_MIN_SHARE * totalWork) {
        const seconds = (totalWork - work) / (moved / (elapsed / 1000));
        eta = seconds <= ETA_MAX_SECONDS ? seconds : null;
      }
      return {
        ...base,
        // Settled files are counted from what was seen settled, so a file is never un-counted.
        settled: Math.max(base.settled, settledSeen.size),
        bytesDone,
        ratio: totalWork > 0 ? work / totalWork : 0,
        etaSeconds: eta,
        pacingWaitMs,
      };
    },
  };
}
