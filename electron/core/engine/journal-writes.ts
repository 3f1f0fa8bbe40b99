// What of an item goes to the journal, and when the journal is rewritten to its live records.
import { compactionThreshold } from './journal';
import type { Runtime } from './runtime';
import { persist, type PersistedWork, type Work } from './work';

/** Journals an item's resume data; `durable` asks for an fsync (see the journal's durability rules). */
export function save(rt: Runtime, w: Work, durable = false): void {
  if (!rt.journal || rt.closed || !rt.store.works.has(w.item.id)) return;
  rt.journal.put(w.item.id, persist(w), durable);
}

export function compactJournal(rt: Runtime): void {
  rt.journal?.compact(liveRecords(rt));
}

function* liveRecords(rt: Runtime): Iterable<[string, PersistedWork]> {
  for (const w of rt.store.works.values()) yield [w.item.id, persist(w)];
  // Items of targets outside the engine's scope keep their records as they were.
  yield* rt.held;
}

/** Compaction once the file holds far more records than there are items. */
export function compactIfLarge(rt: Runtime): void {
  if (rt.journal && rt.journal.appended > compactionThreshold(rt.store.works.size + rt.held.size)) compactJournal(rt);
}
