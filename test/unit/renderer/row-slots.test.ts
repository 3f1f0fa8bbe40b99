// Row recycling: rows scrolled in take the elements of rows scrolled out, and the focused row's element never moves.
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { createSlotPool } from '../../../renderer/src/composables/row-slots';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `r${from + i}`);

describe('createSlotPool', () => {
  it('keeps a row on its slot while it stays shown, and a jump hands every slot on in order', () => {
    const slots = createSlotPool();
    const first = slots(['a', 'b', 'c'], null);
    expect(new Set(first).size).toBe(3);
    // A jump of a whole screen: every row is new, no slot is made, and the slots keep their order (no element moves).
    expect(slots(['x', 'y', 'z'], null)).toEqual(first);
  });
  it('wraps the slots of rows scrolled out to the other end when a few rows scroll by', () => {
    const slots = createSlotPool();
    const s = slots(range(0, 10), 'r5');
    expect(slots(range(2, 12), 'r5')).toEqual([...s.slice(2), s[0], s[1]]);
    const t = slots(range(0, 10), 'r5');
    expect(t).toEqual(s);
  });
  it('never hands on the focused row\'s slot once that row goes', () => {
    const slots = createSlotPool();
    const [a, b] = slots(['a', 'b'], 'a');
    const next = slots(['b', 'c'], 'a');
    expect(next[0]).toBe(b);
    expect(next[1]).not.toBe(a);
  });
});

describe('createSlotPool under Vue\'s keyed patch', () => {
  // Deterministic pseudo-random scrolls: small steps, jumps, a row pinned away, rows removed.
  function* scrolls(seed: number): Generator<{ keys: string[]; pivot: string }> {
    let x = seed;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let top = 0;
    const pivot = 'r7';
    for (let step = 0; step < 300; step++) {
      const r = rnd();
      top = Math.max(0, r < 0.6 ? top + Math.floor(rnd() * 9) - 4 : r < 0.9 ? top + Math.floor(rnd() * 120) - 40 : 0);
      const keys = range(top, top + 20);
      // The focused row stays shown when scrolled away, in its place in the order (as the list does).
      if (top > 7) keys.unshift(pivot);
      else if (!keys.includes(pivot)) keys.push(pivot);
      yield { keys, pivot };
    }
  }

  it.each([7, 11, 23, 99])('keeps the focused element in place (never moved, so never blurred) and mounts fewer rows than keyed rows (seed %i)', async (seed) => {
    const keys = ref<string[]>([]);
    const slots = ref<number[]>([]);
    const Rows = defineComponent(() => () => h('div', slots.value.map((slot, i) => h('div', { key: slot, 'data-key': keys.value[i] }))));
    const w = mount(Rows, { attachTo: document.body });
    const pool = createSlotPool();
    let mounted = 0;
    let keyedMounts = 0;
    let previous: string[] = [];
    for (const s of scrolls(seed)) {
      keys.value = s.keys;
      slots.value = pool(s.keys, s.pivot);
      await nextTick();
      const focused = (w.element as HTMLElement).querySelector<HTMLElement>(`[data-key="${s.pivot}"]`)!;
      if (document.activeElement !== focused) {
        // The row's element was made this step (it first came into view): focus it as a click would.
        expect(previous.includes(s.pivot)).toBe(false);
        focused.tabIndex = -1;
        focused.focus();
      }
      expect(document.activeElement).toBe(focused);
      const els = Array.from((w.element as HTMLElement).children) as HTMLElement[];
      expect(els.map((el) => el.dataset.key)).toEqual(s.keys);
      mounted += els.filter((el) => !el.dataset.seen).length;
      for (const el of els) el.dataset.seen = '1';
      keyedMounts += s.keys.filter((k) => !previous.includes(k)).length;
      previous = s.keys;
    }
    // Keyed by row, every row scrolled in is a mount; recycled, the jumps mount nothing.
    expect(mounted).toBeLessThan(keyedMounts / 2);
    w.unmount();
  });
});
