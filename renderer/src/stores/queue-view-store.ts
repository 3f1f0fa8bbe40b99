// What the queue view shows beyond the engine's items: batch rows, the selection, the focused row, the details panel,
// and the bulk actions over a selection or a batch (each one IPC call, however many files).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ItemId, QueueItem } from '../../../shared/queue';
import { call } from '../bridge';
import { batchesOf, buildRows, offsetsOf, type BatchView, type QueueRowEntry } from '../composables/queue-rows';
import { useQueueStore } from './queue-store';

const UNFINISHED_DONE = new Set(['done', 'failed', 'cancelled']);

export const useQueueViewStore = defineStore('queue-view', () => {
  const queue = useQueueStore();
  /** Batches whose default fold the person flipped. */
  const toggled = shallowRef<ReadonlySet<string>>(new Set());
  const selected = shallowRef<ReadonlySet<ItemId>>(new Set());
  /** The row that holds the list's one Tab stop: an item id or `batch:<id>`. */
  const activeKey = ref<string | null>(null);
  const anchor = ref<ItemId | null>(null);
  const detailsId = ref<ItemId | null>(null);
  /** A cancel waiting for the person's yes: the whole queue's, or one batch's. */
  const confirming = ref<{ batchId: string | null } | null>(null);

  // The plain function, not the store's action: it is called for every item on every message.
  const batchOf = queue.batchAliases.of;
  const batches = computed(() => batchesOf(queue.items, batchOf));
  const rows = computed<QueueRowEntry[]>(() => buildRows(queue.visible, batches.value, toggled.value, batchOf));
  const offsets = computed(() => offsetsOf(rows.value));
  const keyIndex = computed(() => new Map(rows.value.map((r, i) => [r.key, i])));
  const details = computed<QueueItem | null>(() => (detailsId.value ? (queue.model.items.get(detailsId.value) ?? null) : null));

  function toggleBatch(batchId: string): void {
    const next = new Set(toggled.value);
    if (!next.delete(batchId)) next.add(batchId);
    toggled.value = next;
  }

  function itemsOfBatch(batchId: string): QueueItem[] {
    return queue.items.filter((i) => batchOf(i) === batchId);
  }

  /** Plain click or arrow: only this row. Ctrl: toggle it. Shift: the range from the anchor. */
  function select(id: ItemId, mode: 'only' | 'toggle' | 'range'): void {
    if (mode === 'only' || (mode === 'range' && !anchor.value)) {
      selected.value = new Set([id]);
      anchor.value = id;
    } else if (mode === 'toggle') {
      const next = new Set(selected.value);
      if (!next.delete(id)) next.add(id);
      selected.value = next;
      anchor.value = id;
    } else {
      const items = rows.value.flatMap((r) => (r.kind === 'item' ? [r.item.id] : []));
      const a = items.indexOf(anchor.value!);
      const b = items.indexOf(id);
      const [lo, hi] = a < 0 ? [b, b] : [Math.min(a, b), Math.max(a, b)];
      selected.value = new Set(items.slice(lo, hi + 1));
    }
    activeKey.value = id;
  }

  /** The selection, or the focused row when nothing is selected. */
  function targets(): QueueItem[] {
    const ids = selected.value.size > 0 ? [...selected.value] : activeKey.value ? [activeKey.value] : [];
    return ids.flatMap((id) => queue.model.items.get(id) ?? []);
  }

  /** Delete: cancels what is unfinished, removes what is finished, in two calls at most. */
  async function deleteItems(items: readonly QueueItem[]): Promise<void> {
    const finished = items.filter((i) => UNFINISHED_DONE.has(i.state.status)).map((i) => i.id);
    const unfinished = items.filter((i) => !UNFINISHED_DONE.has(i.state.status)).map((i) => i.id);
    if (unfinished.length) await queue.cancel(unfinished);
    if (finished.length) await queue.remove(finished);
    selected.value = new Set();
  }

  /** Space: pauses the selection, or resumes it when all of it is paused. */
  async function togglePause(items: readonly QueueItem[]): Promise<void> {
    const ids = items.map((i) => i.id);
    if (ids.length === 0) return;
    if (items.every((i) => i.state.status === 'paused')) await queue.resume(ids);
    else await queue.pause(ids);
  }

  function unfinishedOf(items: readonly QueueItem[]): ItemId[] {
    return items.filter((i) => !UNFINISHED_DONE.has(i.state.status)).map((i) => i.id);
  }

  // One IPC call each, however many files (main batches the journal writes).
  // A chunked drop is a few engine batches: one call per chunk (a 5,000-file drop is 20).
  const eachChunk = (batchId: string, run: (id: string) => Promise<unknown>) => queue.act(() => Promise.all(queue.chunksOf(batchId).map(run)));
  const cancelBatch = (batchId: string) => eachChunk(batchId, (id) => call('queue:cancel-all', { batchId: id }));
  const cancelAll = () => queue.act(() => call('queue:cancel-all', {}));
  const retryFailed = (batchId?: string) =>
    batchId ? eachChunk(batchId, (id) => call('queue:retry-failed', { batchId: id })) : queue.act(() => call('queue:retry-failed', {}));
  const removeBatch = (batchId: string) => eachChunk(batchId, (id) => call('queue:remove-batch', { batchId: id }));

  async function confirmCancel(): Promise<void> {
    const c = confirming.value;
    confirming.value = null;
    if (!c) return;
    await (c.batchId ? cancelBatch(c.batchId) : cancelAll());
  }

  function batch(batchId: string): BatchView | undefined {
    return batches.value.get(batchId);
  }

  return {
    toggled,
    selected,
    activeKey,
    detailsId,
    confirming,
    confirmCancel,
    details,
    batches,
    rows,
    offsets,
    keyIndex,
    toggleBatch,
    itemsOfBatch,
    select,
    targets,
    deleteItems,
    togglePause,
    unfinishedOf,
    cancelBatch,
    cancelAll,
    retryFailed,
    removeBatch,
    batch,
  };
});
