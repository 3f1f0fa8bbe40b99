// What of an item goes to the journal, and when the journal is rewritten to its live records.
import type { Runtime } from './runtime';
import { persist, type PersistedWork, type Work } from './work';

/** Journals an item's resume data; `durable` asks for an fsync (see the journal's durability rules). */
export function save(rt: Runtime, w: Work, durable = false): void {
  if (!rt.journal || rt.closed || !rt.store.works.has(w.item.id)) return;
  rt.journal.put(w.item.id, persist(w), durable);
}

export function compactJournal(rt: Runtime): void {
  rt.journal?.compact([...rt.store.works.values()].map((w) => [w.item.id, persist(w)] as [string, PersistedWork]));
}

/** Compaction once the file holds far more records than there are items. */
export function compactIfLarge(rt: Runtime): void {
  if (rt.journal && rt.journal.appended > Math.max(1000, rt.store.works.size * 4)) compactJournal(rt);
}
