// Recycles the virtual list's row elements: each shown row gets a slot (the key its element renders under), so rows
// scrolled in take the elements of rows scrolled out and scrolling patches rows in place instead of mounting a component
// tree per row (at 3 screens a frame, every row of every frame). A row keeps its slot while it stays shown.
//
// The focused row (the pivot) must never move in the DOM: moving an element blurs it. Vue's keyed patch moves what is
// outside the longest run of elements still in their old order, so while the pivot stays shown, slots are handed on
// only where that run keeps the pivot: in order between the rows that stay, or wrapped from one end to the other (a
// scroll by a few rows) when fewer move than stay. Elsewhere a new slot is made (a mount, as without recycling).

export type SlotPool = (keys: readonly string[], pivot: string | null) => number[];

interface Placed {
  slot: number;
  /** Its place in the last answer, which is its element's place in the DOM. */
  place: number;
}

/**
 * Fills the rows after the last kept row from slots before the first (a scroll down), or the rows before the first kept
 * row from slots after the last (a scroll up). Fewer move than stay, so the longest in-order run is the kept rows'.
 */
function wrap(out: Array<number | undefined>, keptPlaces: readonly number[], leftovers: readonly Placed[], inOrderAfterFirst: number): void {
  const kept = keptPlaces.flatMap((place, i) => (place === -1 ? [] : [{ place, i }]));
  const first = Math.min(...kept.map((k) => k.place));
  const last = Math.max(...kept.map((k) => k.place));
  const open = (i: number) => out[i] === undefined;
  const tail = out.map((_, i) => i).filter((i) => i > kept.at(-1)!.i && open(i));
  const head = out.map((_, i) => i).filter((i) => i < kept[0]!.i && open(i));
  // Fewer move than stay in order (the kept rows and the in-order slots after the first of them).
  const limit = kept.length + inOrderAfterFirst - 1;
  // Never both: a tail left open has used every slot after the last kept one (see the in-order pass).
  if (tail.length > 0) {
    const from = leftovers.filter((f) => f.place < first).slice(0, limit);
    tail.slice(0, from.length).forEach((row, k) => (out[row] = from[k]!.slot));
  } else {
    // From the end backwards, so the slots wrapped to the top keep their order among themselves.
    const from = leftovers.filter((f) => f.place > last).reverse().slice(0, limit);
    head.reverse().slice(0, from.length).forEach((row, k) => (out[row] = from[k]!.slot));
  }
}

export function createSlotPool(): SlotPool {
  let last: Array<{ key: string; slot: number }> = [];
  let next = 0;
  return (keys, pivot) => {
    const before = new Map(last.map((s, place) => [s.key, { slot: s.slot, place }]));
    const wanted = new Set(keys);
    // The pivot's slot is never handed on: when that row goes, its element goes too, rather than show another file.
    const freed: Placed[] = last.flatMap((s, place) => (wanted.has(s.key) || s.key === pivot ? [] : [{ slot: s.slot, place }]));
    const keptPlaces = keys.map((k) => before.get(k)?.place ?? -1);
    // The nearest kept row's place at or after each row: an in-order slot for a new row must sit before it.
    const rightKept = new Array<number>(keys.length + 1).fill(Infinity);
    for (let i = keys.length - 1; i >= 0; i--) rightKept[i] = keptPlaces[i] !== -1 ? keptPlaces[i]! : rightKept[i + 1]!;
    const out: Array<number | undefined> = keys.map((k) => before.get(k)?.slot);
    const used = new Set<number>();
    const firstKept = keptPlaces.findIndex((place) => place !== -1);
    let inOrderAfterFirst = 0;
    let p = 0;
    let after = -1;
    for (let i = 0; i < keys.length; i++) {
      if (keptPlaces[i] !== -1) {
        after = keptPlaces[i]!;
        continue;
      }
      while (p < freed.length && freed[p]!.place < after) p++;
      if (p < freed.length && freed[p]!.place < rightKept[i]!) {
        out[i] = freed[p]!.slot;
        used.add(freed[p]!.slot);
        if (firstKept !== -1 && i > firstKept) inOrderAfterFirst++;
        p++;
      }
    }
    const leftovers = freed.filter((f) => !used.has(f.slot));
    const pivotKept = pivot !== null && before.has(pivot) && wanted.has(pivot);
    if (!pivotKept) {
      // Nothing focused to keep in place: any element may move.
      let k = 0;
      for (let i = 0; i < out.length && k < leftovers.length; i++) if (out[i] === undefined) out[i] = leftovers[k++]!.slot;
    } else if (leftovers.length > 0) {
      wrap(out, keptPlaces, leftovers, inOrderAfterFirst);
    }
    const slots = out.map((s) => s ?? next++);
    last = keys.map((key, i) => ({ key, slot: slots[i]! }));
    return slots;
  };
}
