// Decides which desktop notifications to show: one per finished batch (a watch's: one per quiet period) and one per
// sign-out, never one per file.
import type { UiView } from '../../../shared/ipc-channels';
import type { Connectivity, EngineEvent } from '../../../shared/queue';
import { plural } from './activity';

export interface NotificationContext {
  /** The user's setting. */
  enabled: boolean;
  /** The window is visible and has focus. */
  windowFocused: boolean;
  /** What the renderer last said it shows (null before it said anything). */
  view: UiView | null;
}

export interface NotificationDecision {
  kind: 'batch-finished' | 'attention';
  title: string;
  body: string;
  /** Clicking the notification opens the window on this view. */
  view: UiView;
}

export interface NotificationPolicy {
  /** Feed each (batched) group of engine events; returns the notifications to show now. */
  decide(events: readonly EngineEvent[], ctx: NotificationContext): NotificationDecision[];
}

/** The user is already looking at the queue: a notification would only repeat what they see. */
export function isWatchingQueue(ctx: NotificationContext): boolean {
  return ctx.windowFocused && ctx.view === 'queue';
}

export function batchMessage(e: Extract<EngineEvent, { type: 'batch-finished' }>): NotificationDecision {
  const parts: string[] = [];
  if (e.uploaded > 0 || (e.alreadyThere === 0 && e.failed === 0 && e.refused === 0)) parts.push(`${e.uploaded} uploaded`);
  if (e.alreadyThere > 0) parts.push(`${e.alreadyThere} already there`);
  if (e.failed > 0) parts.push(`${e.failed} failed`);
  if (e.refused > 0) parts.push(`${e.refused} refused`);
  const attention = e.failed > 0;
  return {
    kind: attention ? 'attention' : 'batch-finished',
    title: attention ? 'Uploads need attention' : 'Uploads finished',
    body: parts.join(', '),
    view: 'queue',
  };
}

export function createNotificationPolicy(): NotificationPolicy {
  // Batches already decided about (shown or suppressed): a later focus change never brings back an old batch.
  const decided = new Set<string>();
  let connectivity: Connectivity['state'] = 'online';

  return {
    decide(events, ctx) {
      const out: NotificationDecision[] = [];
      const quiet = !ctx.enabled || isWatchingQueue(ctx);
      for (const e of events) {
        if (e.type === 'batch-finished') {
          if (decided.has(e.batchId)) continue;
          decided.add(e.batchId);
          // A watch's batches are one per burst: its quiet-period notice speaks for them, unless something failed.
          if (e.origin?.startsWith('watch:') && e.failed === 0) continue;
          if (!quiet) out.push(batchMessage(e));
        } else if (e.type === 'summary') {
          const next = e.summary.connectivity;
          if (next.state === 'signed-out' && connectivity !== 'signed-out' && !quiet) {
            const waiting = e.summary.total - (e.summary.counts.done ?? 0) - (e.summary.counts.cancelled ?? 0) - (e.summary.counts.failed ?? 0);
            out.push({
              kind: 'attention',
              title: 'Signed out of Raydocs',
              body: waiting > 0 ? `Sign in again to resume ${plural(waiting, 'upload')}.` : 'Sign in again to keep uploading.',
              view: 'queue',
            });
          }
          connectivity = next.state;
        }
      }
      return out;
    },
  };
}

/** A watch's quiet period: "3 files from Scans stored in March invoices"; nothing while the user looks at the queue. */
export function watchQuietMessage(
  q: { folderName: string; stored: number; target: { kind: 'session'; sessionName: string } | { kind: 'session-per-file'; templateName: string } },
  ctx: NotificationContext,
): NotificationDecision | null {
  if (!ctx.enabled || isWatchingQueue(ctx) || q.stored === 0) return null;
  const where = q.target.kind === 'session' ? `in ${q.target.sessionName}` : `as new ${q.target.templateName} sessions`;
  return { kind: 'batch-finished', title: `${q.folderName}: ${plural(q.stored, 'file')} stored`, body: `${plural(q.stored, 'file')} from ${q.folderName} stored ${where}.`, view: 'queue' };
}
