// Recovery at start: replays the journal, decides where each unfinished item resumes, and rebuilds the indexes.
import type { QueueItem } from '../../../shared/queue';
import { openJournal } from './journal';
import type { Runtime } from './runtime';
import { recover, type PersistedWork } from './work';
import { workCodec } from './work-schema';

/**
 * Fills the store from the journal (each record validated and brought to today's shape by `workCodec`); the caller then announces the items and starts the scheduler. No file is
 * stat'ed here and the journal is not rewritten: a hashed file is re-checked when its item next runs
 * (`recheckFile`), and opening the journal compacts only when superseded records far outnumber items.
 * Records of targets outside `scope` are held as they are (`rt.held`): not run, not changed, and kept by compaction.
 */
export async function loadQueue(rt: Runtime): Promise<void> {
  const { store } = rt;
  const scope = rt.cfg.scope;
  // Every record is validated (older versions upgraded); one that fails is moved to the quarantine file, not fatal.
  rt.journal = openJournal<PersistedWork>(rt.cfg.journalDir, { codec: workCodec });
  for (const [journalId, p] of rt.journal.loaded) {
    // The item's own id string when it is the same (it always is when this engine wrote the record): the journal's
    // key is a slice of the whole file's text, and keeping it as a key would keep all of that text in memory.
    const id = p.item.id === journalId ? p.item.id : journalId;
    if (scope && !scope(p.item.target)) {
      rt.held.set(id, p);
      continue;
    }
    store.restore(recover(p), id);
  }
  // The replayed records now live on as the items (or as held records); the journal need not keep them.
  rt.journal.loaded.clear();
}

/** The held items as they would resume (a journal of an older shape reads as today's states). */
export function heldItems(rt: Runtime): QueueItem[] {
  return [...rt.held.values()].map((p) => recover(p).item);
}
