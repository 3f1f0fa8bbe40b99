// The upload queue as the app offers it: files in (drop, dialog, open-with, tray), the queue channels, files opened with the app.
import type { PendingOpen } from '../../../shared/ipc';
import type { BatchOrigin, IntakeReport, QueueItem, QueueSummary, Target } from '../../../shared/queue';
import { cancelAllWords } from '../../../shared/bulk-words';
import { AppError } from '../desktop/app-error';
import { cancelAllPrompt, type ConfirmPrompt } from '../desktop/confirmations';
import { refusedOnlyReport, unresolvedRefusals } from '../desktop/dropped-files';
import type { IpcHandlers } from '../desktop/ipc-dispatch';
import type { Logger } from '../desktop/log-file';
import { joinBatch, pendingView, type OpenedBatch } from '../desktop/opened-files';
import { ReparseError, type UploadEngine } from '../engine';
import type { Emit } from './event-hub';

export type QueueChannel =
  | 'queue:add'
  | 'queue:snapshot'
  | 'queue:pause'
  | 'queue:resume'
  | 'queue:cancel'
  | 'queue:retry'
  | 'queue:remove'
  | 'queue:reparse'
  | 'queue:clear-finished'
  | 'queue:probe-now'
  | 'queue:cancel-all'
  | 'queue:retry-failed'
  | 'queue:remove-batch'
  | 'dialog:pick'
  | 'shell:reveal'
  | 'opened:get'
  | 'opened:accept'
  | 'opened:dismiss';

export interface QueueServiceDeps {
  engine: UploadEngine;
  targets: { lastTarget(): Target | null; touch(target: Target): void };
  shell: { pickPaths(kind: 'files' | 'folder'): Promise<string[]>; reveal(path: string): Promise<void> };
  emit: Emit;
  log: Logger['log'];
}

export interface QueueService {
  handlers: Pick<IpcHandlers, QueueChannel>;
  /** The one way files join the queue: paths come from the preload (a real drop), main's own dialog, or the OS. */
  add(paths: string[], target: Target, origin: BatchOrigin, unresolved?: readonly string[]): Promise<IntakeReport>;
  /** Queues paths dropped on the tray icon for the last target used; null when there is none yet. */
  addToCurrentTarget(paths: string[]): Promise<IntakeReport | null>;
  /** Files the OS opened with the app wait as one pending batch the window answers (Upload / Choose session / Dismiss). */
  offerOpened(paths: string[]): PendingOpen | null;
  pause(ids?: string[]): void;
  resume(ids?: string[]): void;
  /** Every unfinished file (or one batch's): the tray's and the menu's Cancel all, after main's confirmation. */
  cancelAll(batchId?: string): number;
  retryFailed(batchId?: string): number;
  /** Cancel all from the tray or the menu: main's own question (count and destination) first; 0 when declined or nothing to cancel. */
  askCancelAll(confirm: (p: ConfirmPrompt) => Promise<boolean>, workspaceName: (workspaceId: number) => string | null): Promise<number>;
  probeNow(): void;
  reveal(itemId: string): Promise<void>;
  items(): QueueItem[];
  /** Fresh, not the last throttled event: the quit prompt must count files queued a moment ago. */
  summary(): QueueSummary;
}

export function createQueueService(deps: QueueServiceDeps): QueueService {
  const { engine } = deps;

  async function add(paths: string[], target: Target, origin: BatchOrigin, unresolved: readonly string[] = []): Promise<IntakeReport> {
    if (paths.length === 0) return refusedOnlyReport(unresolved);
    const added = await engine.add(paths, target, { origin });
    const report = unresolved.length ? { ...added, refused: [...added.refused, ...unresolvedRefusals(unresolved)] } : added;
    deps.targets.touch(target);
    deps.log('info', 'files queued', { batchId: report.batchId, origin, accepted: report.accepted, refused: report.refused.length, duplicates: report.duplicates });
    return report;
  }

  // Opened files wait here, in main: the window sees names and a count and answers by id.
  let opened: OpenedBatch | null = null;
  const openedView = (): PendingOpen | null => (opened ? pendingView(opened, deps.targets.lastTarget()) : null);
  function takeOpened(id: string): OpenedBatch | null {
    if (!opened || opened.id !== id) return null;
    const batch = opened;
    opened = null;
    deps.emit('opened:changed', null);
    return batch;
  }

  function cancelAll(batchId?: string): number {
    const cancelled = engine.cancelAll(batchId);
    deps.log('info', 'cancel all', { ...(batchId ? { batchId } : {}), cancelled });
    return cancelled;
  }
  function retryFailed(batchId?: string): number {
    const retried = engine.retryFailed(batchId);
    deps.log('info', 'retry failed', { ...(batchId ? { batchId } : {}), retried });
    return retried;
  }

  async function reveal(itemId: string): Promise<void> {
    const item = engine.snapshot().items.find((i) => i.id === itemId);
    if (!item) throw new AppError('not-found', 'That file is no longer in the queue.');
    await deps.shell.reveal(item.path);
  }

  const handlers: Pick<IpcHandlers, QueueChannel> = {
    'queue:add': async ({ paths, unresolved, target }) => add(paths, target, 'drop', unresolved),
    'queue:snapshot': async () => engine.snapshot(),
    'queue:pause': async ({ ids }) => engine.pause(ids),
    'queue:resume': async ({ ids }) => engine.resume(ids),
    'queue:cancel': async ({ ids }) => engine.cancel(ids),
    'queue:retry': async ({ ids }) => engine.retry(ids),
    'queue:remove': async ({ ids }) => engine.remove(ids),
    'queue:reparse': async ({ itemId }) => {
      try {
        await engine.reparse(itemId);
      } catch (err) {
        if (err instanceof ReparseError) throw new AppError('validation', err.message);
        throw err;
      }
    },
    'queue:clear-finished': async () => engine.clearFinished(),
    'queue:probe-now': async () => engine.probeNow(),
    'queue:cancel-all': async (args) => ({ cancelled: cancelAll(args?.batchId) }),
    'queue:retry-failed': async (args) => ({ retried: retryFailed(args?.batchId) }),
    'queue:remove-batch': async ({ batchId }) => {
      const removed = engine.removeBatch(batchId);
      deps.log('info', 'batch removed', { batchId, removed });
    },
    'dialog:pick': async ({ kind, target }) => {
      // The paths go from main's own dialog to the queue: the renderer sees only the report.
      const picked = await deps.shell.pickPaths(kind);
      return picked.length ? add(picked, target, 'dialog') : null;
    },
    'shell:reveal': async ({ itemId }) => reveal(itemId),
    'opened:get': async () => openedView(),
    'opened:accept': async ({ id, target }) => {
      const batch = takeOpened(id);
      return batch ? add(batch.paths, target, 'open-with') : null;
    },
    'opened:dismiss': async ({ id }) => {
      if (takeOpened(id)) deps.log('info', 'opened files dismissed');
    },
  };

  return {
    handlers,
    add,
    async addToCurrentTarget(paths) {
      const target = deps.targets.lastTarget();
      if (!target || paths.length === 0) return null;
      return add(paths, target, 'tray');
    },
    offerOpened(paths) {
      if (paths.length === 0) return openedView();
      opened = joinBatch(opened, paths);
      const pending = openedView();
      deps.emit('opened:changed', pending);
      return pending;
    },
    pause: (ids) => engine.pause(ids),
    resume: (ids) => engine.resume(ids),
    cancelAll,
    retryFailed,
    async askCancelAll(confirm, workspaceName) {
      const words = cancelAllWords(engine.snapshot().items, workspaceName);
      if (!words || !(await confirm(cancelAllPrompt(words)))) return 0;
      return cancelAll();
    },
    probeNow: () => engine.probeNow(),
    reveal,
    items: () => engine.snapshot().items,
    summary: () => engine.snapshot().summary,
  };
}
