// The upload queue as the engine reports it: items keyed by id from 'queue:events' batches, derived counts and filters.
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, triggerRef } from 'vue';
import type { EngineEvent, IntakeReport, ItemId, ItemStatus, NoticeCode, QueueItem, Target } from '../../../shared/queue';
import { call, errorText, onBridgeEvent } from '../bridge';
import { createBatchAliases } from '../composables/batch-aliases';
import { batchMessage, couldNotQueue, intakeAnnouncement } from '../composables/queue-words';
import {
  applyEvents,
  emptyModel,
  filterCountsOf,
  loadSnapshot,
  matchesFilter,
  mergeReports,
  type QueueFilter,
} from '../composables/queue-model';
import { useUiStore } from './ui-store';

/** Dropped files sent to queue:add per call, so a drop of thousands of files shows progress and never blocks. */
export const INTAKE_CHUNK = 250;

export interface IntakeProgress {
  sent: number;
  total: number;
}

export const useQueueStore = defineStore('queue', () => {
  // The model is mutated in place and published with triggerRef: 10,000 deep-reactive items would cost too much.
  const model = shallowRef(emptyModel());
  const filter = ref<QueueFilter>('all');
  const intake = ref<IntakeProgress | null>(null);
  const report = ref<IntakeReport | null>(null);
  const actionError = ref<string | null>(null);
  /** Things the engine says of the whole queue (names not kept, workspace lookup off), until dismissed. */
  const notices = ref<Array<{ code: NoticeCode; message: string }>>([]);
  const ownBatches = new Set<string>();
  /** A drop sent in chunks is one batch to the person (raw: plain functions the row building calls per item). */
  const batchAliases = markRaw(createBatchAliases());

  // A copy of the model's ordered list (cheap: no lookups), so each message yields a new array for the views.
  const items = computed<QueueItem[]>(() => model.value.list.slice());
  const visible = computed(() => (filter.value === 'all' ? items.value : items.value.filter((i) => matchesFilter(i, filter.value))));
  // Counts are kept by the model as events apply: each message costs its own size, not the queue's.
  const statusCounts = computed<Partial<Record<ItemStatus, number>>>(() => ({ ...model.value.counts }));
  const filterCounts = computed(() => filterCountsOf(model.value.counts));
  const summary = computed(() => model.value.summary);
  const connectivity = computed(() => model.value.summary?.connectivity ?? { state: 'online' as const });
  const paused = computed(() => model.value.summary?.paused ?? false);
  const finishedCount = computed(() => (statusCounts.value.done ?? 0) + (statusCounts.value.cancelled ?? 0));

  function batchOf(item: QueueItem): string {
    return batchAliases.of(item);
  }

  /** Every engine batch id the shown batch stands for. */
  function chunksOf(batchId: string): string[] {
    return batchAliases.chunksOf(batchId);
  }

  function speedOf(id: ItemId): number {
    return model.value.rates.get(id)?.speed ?? 0;
  }

  function applyBatch(events: readonly EngineEvent[]): void {
    const outcome = applyEvents(model.value, events);
    triggerRef(model);
    // Intake events of our own queue:add calls are already in the merged report: only other intakes (tray, second launch) show.
    for (const r of outcome.intake) {
      if (intake.value || ownBatches.has(r.batchId)) continue;
      report.value = r;
    }
    const ui = useUiStore();
    for (const b of outcome.finished) ui.announce(batchMessage(b));
    // One of each kind: a notice says something of the whole queue once, however often the engine repeats it.
    for (const n of outcome.notices) {
      if (notices.value.some((x) => x.code === n.code && x.message === n.message)) continue;
      notices.value = [...notices.value, n];
      ui.announce(n.message);
    }
  }

  function dismissNotice(code: NoticeCode): void {
    notices.value = notices.value.filter((n) => n.code !== code);
  }

  async function load(): Promise<void> {
    const snapshot = await call('queue:snapshot', undefined);
    loadSnapshot(model.value, snapshot);
    triggerRef(model);
  }

  function listen(): () => void {
    return onBridgeEvent('queue:events', (events) => applyBatch(events));
  }

  /** Queues dropped files in chunks, yielding between them, and merges the intake reports of the chunks. */
  async function add(files: readonly File[], target: Target): Promise<IntakeReport | null> {
    if (files.length === 0) return null;
    intake.value = { sent: 0, total: files.length };
    let merged: IntakeReport | null = null;
    try {
      for (let i = 0; i < files.length; i += INTAKE_CHUNK) {
        const chunk = files.slice(i, i + INTAKE_CHUNK);
        const r = await call('queue:add', { files: chunk, target });
        ownBatches.add(r.batchId);
        batchAliases.alias(r.batchId, merged?.batchId ?? r.batchId);
        merged = mergeReports(merged, r);
        intake.value = { sent: Math.min(files.length, i + chunk.length), total: files.length };
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } catch (err) {
      actionError.value = couldNotQueue(errorText(err));
    } finally {
      intake.value = null;
    }
    if (merged) showReport(merged);
    return merged;
  }

  /** Shows a report of files queued by this window (a drop, or main's file dialog) and says it aloud. */
  function showReport(r: IntakeReport): void {
    ownBatches.add(r.batchId);
    report.value = r;
    useUiStore().announce(intakeAnnouncement(r));
  }

  async function act(run: () => Promise<unknown>): Promise<void> {
    actionError.value = null;
    try {
      await run();
    } catch (err) {
      actionError.value = errorText(err);
    }
  }

  const pause = (ids?: ItemId[]) => act(() => call('queue:pause', ids ? { ids } : {}));
  const resume = (ids?: ItemId[]) => act(() => call('queue:resume', ids ? { ids } : {}));
  const cancel = (ids: ItemId[]) => act(() => call('queue:cancel', { ids }));
  const retry = (ids: ItemId[]) => act(() => call('queue:retry', { ids }));
  const remove = (ids: ItemId[]) => act(() => call('queue:remove', { ids }));
  const reveal = (itemId: ItemId) => act(() => call('shell:reveal', { itemId }));
  const clearFinished = () => act(() => call('queue:clear-finished', undefined));
  const probeNow = () => act(() => call('queue:probe-now', undefined));
  // A stored item's parse is redone by Raydocs; the item stays done and its row follows the new parse.
  const reparse = (item: QueueItem) => act(() => call('queue:reparse', { itemId: item.id }));

  function dismissReport(): void {
    report.value = null;
  }

  return {
    model,
    filter,
    intake,
    report,
    actionError,
    items,
    visible,
    filterCounts,
    statusCounts,
    summary,
    connectivity,
    paused,
    finishedCount,
    speedOf,
    batchOf,
    batchAliases,
    chunksOf,
    applyBatch,
    load,
    listen,
    add,
    showReport,
    act,
    pause,
    resume,
    cancel,
    retry,
    remove,
    reveal,
    clearFinished,
    probeNow,
    reparse,
    notices,
    dismissNotice,
    dismissReport,
  };
});
