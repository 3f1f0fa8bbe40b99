// Windowing: only the rows in view (plus a margin) exist in the DOM, so 10,000+ items scroll smoothly. Rows may differ
// in height (batch headers, rows with a second line): the list is laid out by each row's top offset.
import { computed, onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue';

export interface VisibleRange {
  start: number;
  /** Exclusive. */
  end: number;
}

/** The pure math: which rows to render for a scroll position. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan: number): VisibleRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const inView = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first) - overscan);
  const end = Math.min(count, first + inView + overscan);
  return { start, end: Math.max(start, end) };
}

/** The scrollTop that brings row `index` fully into view, or null when it already is. */
export function scrollTopFor(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return null;
}

/** The first row whose bottom is below `y` (binary search over the tops; `offsets` ends with the total height). */
export function rowAt(offsets: readonly number[], y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Which rows to render for a scroll position, rows laid out by their tops. */
export function visibleRangeByOffsets(scrollTop: number, viewportHeight: number, offsets: readonly number[], overscan: number): VisibleRange {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const first = rowAt(offsets, Math.max(0, scrollTop));
  const last = rowAt(offsets, Math.max(0, scrollTop) + Math.max(0, viewportHeight));
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + 1 + overscan) };
}

/** The scrollTop that brings row `index` fully into view, or null when it already is. */
export function scrollTopForOffsets(index: number, scrollTop: number, viewportHeight: number, offsets: readonly number[]): number | null {
  const top = offsets[index];
  const bottom = offsets[index + 1];
  if (top === undefined || bottom === undefined) return null;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return null;
}

/** `offsets`: each row's top, then the total height (see offsetsOf in queue-rows.ts). */
export function useVirtualList(offsets: Ref<readonly number[]>, overscan = 6) {
  const container = ref<HTMLElement | null>(null);
  const scrollTop = ref(0);
  const viewportHeight = ref(600);
  let frame = 0;
  let observer: ResizeObserver | null = null;

  const range = computed(() => visibleRangeByOffsets(scrollTop.value, viewportHeight.value, offsets.value, overscan));
  const totalHeight = computed(() => offsets.value[offsets.value.length - 1] ?? 0);

  function measure(): void {
    const el = container.value;
    if (!el) return;
    scrollTop.value = el.scrollTop;
    if (el.clientHeight > 0) viewportHeight.value = el.clientHeight;
  }

  /** Coalesces scroll events to one update per frame. */
  function onScroll(): void {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      measure();
    });
  }

  function scrollToIndex(index: number): void {
    const el = container.value;
    if (!el) return;
    const next = scrollTopForOffsets(index, el.scrollTop, el.clientHeight, offsets.value);
    if (next != null) {
      el.scrollTop = next;
      measure();
    }
  }

  onMounted(() => {
    measure();
    if (typeof ResizeObserver !== 'undefined' && container.value) {
      observer = new ResizeObserver(() => measure());
      observer.observe(container.value);
    }
  });
  onBeforeUnmount(() => {
    observer?.disconnect();
    if (frame) cancelAnimationFrame(frame);
  });
  // When the list shrinks below the scroll position (filter change, clear finished), the browser clamps scrollTop.
  watch(totalHeight, () => queueMicrotask(measure));

  return { container, range, totalHeight, onScroll, scrollToIndex, measure };
}
