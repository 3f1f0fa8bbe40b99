// Virtual list math: which rows to render and how far to scroll.
import { describe, expect, it } from 'vitest';
import { scrollTopFor, visibleRange } from '../../../renderer/src/composables/use-virtual-list';

describe('visibleRange', () => {
  it('renders only the rows in view plus overscan', () => {
    expect(visibleRange(0, 600, 60, 10_000, 5)).toEqual({ start: 0, end: 16 });
    const mid = visibleRange(60 * 5000, 600, 60, 10_000, 5);
    expect(mid).toEqual({ start: 4995, end: 5016 });
    expect(mid.end - mid.start).toBeLessThan(30);
  });
  it('clamps at the end and for empty or tiny lists', () => {
    expect(visibleRange(60 * 10_000, 600, 60, 10_000, 5)).toEqual({ start: 9994, end: 10_000 });
    expect(visibleRange(0, 600, 60, 0, 5)).toEqual({ start: 0, end: 0 });
    expect(visibleRange(0, 600, 60, 3, 5)).toEqual({ start: 0, end: 3 });
    expect(visibleRange(-50, 600, 60, 3, 5)).toEqual({ start: 0, end: 3 });
  });
  it('scrolls the least needed to bring a row into view', () => {
    expect(scrollTopFor(0, 0, 600, 60)).toBeNull();
    expect(scrollTopFor(10, 0, 600, 60)).toBe(60);
    expect(scrollTopFor(2, 300, 600, 60)).toBe(120);
  });
});
