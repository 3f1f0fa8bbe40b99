// Watched folders as the window sees them: what each watch is, and how it is doing. The folder's path stays in main.
import { z } from 'zod';
import type { Target } from './queue';

export type AfterUpload = 'leave' | 'move';
export type WatchState = 'starting' | 'watching' | 'missing' | 'error' | 'paused';

export interface WatchView {
  id: string;
  /** The folder's own name (its path never leaves main). */
  folderName: string;
  target: Target;
  recursive: boolean;
  after: AfterUpload;
  settleMs: number;
  state: WatchState;
  /** Why it is in `error`, in words. */
  message: string | null;
  /** Files seen and not yet stored. */
  waiting: number;
  /** Files stored since the app started. */
  stored: number;
  lastFile: { name: string; at: number } | null;
}

export const SETTLE_MS_RANGE = { min: 500, max: 10 * 60_000 } as const;

export const watchOptionsSchema = z.strictObject({
  recursive: z.boolean(),
  after: z.enum(['leave', 'move']),
  settleMs: z.number().int().min(SETTLE_MS_RANGE.min).max(SETTLE_MS_RANGE.max),
});
export type WatchOptions = z.infer<typeof watchOptionsSchema>;

/** "Scans: watching, 3 waiting" — the tray's and the list's one line for a watch. */
export function watchLine(w: Pick<WatchView, 'folderName' | 'state' | 'waiting' | 'message'>): string {
  switch (w.state) {
    case 'starting':
      return `${w.folderName}: starting`;
    case 'watching':
      return w.waiting > 0 ? `${w.folderName}: ${w.waiting} waiting` : `${w.folderName}: watching`;
    case 'missing':
      return `${w.folderName}: folder missing`;
    case 'paused':
      return `${w.folderName}: paused`;
    case 'error':
      return `${w.folderName}: ${w.message ?? 'cannot watch'}`;
  }
}
