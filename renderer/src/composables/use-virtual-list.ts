// Fixed-row-height windowing: only the rows in view (plus a margin) exist in the DOM, so 10,000+ items scroll smoothly.
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

export function useVirtualList(count: Ref<number>, rowHeight: number, overscan = 6) {
  const container = ref<HTMLElement | null>(null);
  const scrollTop = ref(0);
  const viewportHeight = ref(600);
  let frame = 0;
  let observer: ResizeObserver | null = null;

  const range = computed(() => visibleRange(scrollTop.value, viewportHeight.value, rowHeight, count.value, overscan));
  const totalHeight = computed(() => count.value * rowHeight);
  const offsetY = computed(() => range.value.start * rowHeight);

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
    const next = scrollTopFor(index, el.scrollTop, el.clientHeight, rowHeight);
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
  watch(count, () => queueMicrotask(measure));

  return { container, range, totalHeight, offsetY, onScroll, scrollToIndex, measure };
}
