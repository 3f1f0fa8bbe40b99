// Recovery at start: replays the journal, decides where each unfinished item resumes, and rebuilds the indexes.
import { isTerminal } from '../../../shared/queue';
import { openJournal } from './journal';
import type { Runtime } from './runtime';
import { recover, type PersistedWork } from './work';

/**
 * Fills the store from the journal; the caller then announces the items and starts the scheduler. No file is
 * stat'ed here and the journal is not rewritten: a hashed file is re-checked when its item next runs
 * (`recheckFile`), and opening the journal compacts only when superseded records far outnumber items.
 */
export async function loadQueue(rt: Runtime): Promise<void> {
  const { store } = rt;
  rt.journal = openJournal<PersistedWork>(rt.cfg.journalDir);
  for (const [id, p] of rt.journal.loaded) {
    const w = recover(p);
    store.works.set(id, w);
    let b = store.batches.get(w.item.batchId);
    if (!b) store.batches.set(w.item.batchId, (b = { ids: new Set(), refused: 0, active: 0, finishedEmitted: true }));
    b.ids.add(id);
    if (!isTerminal(w.item.state)) b.finishedEmitted = false;
    store.indexContent(w, true);
    store.track(w, null, w.item.state);
  }
  // The replayed records now live on as the items; the journal need not keep them.
  rt.journal.loaded.clear();
}
