// Recovery at start: replays the journal, decides where each unfinished item resumes, and re-hashes files changed on disk.
import { stat } from 'node:fs/promises';
import { isTerminal } from '../../../shared/queue';
import { openJournal } from './journal';
import { compactJournal } from './journal-writes';
import type { Runtime } from './runtime';
import { recover, type PersistedWork } from './work';

/** Fills the store from the journal; the caller then announces the items and starts the scheduler. */
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
  }
  await revalidateFiles(rt);
  for (const w of store.works.values()) {
    store.indexContent(w, true);
    store.track(w, null, w.item.state);
  }
  compactJournal(rt);
}

/** A file changed on disk since it was hashed (and not yet uploaded) is hashed again. */
async function revalidateFiles(rt: Runtime): Promise<void> {
  await Promise.all(
    [...rt.store.works.values()].map(async (w) => {
      if (isTerminal(w.item.state) || !w.sha256 || w.key || w.next === 'parsing') return;
      const st = await stat(w.item.path).catch(() => null);
      if (!st) return;
      if (st.size !== w.hashedSize || st.mtimeMs !== w.hashedMtimeMs) {
        w.sha256 = null;
        w.next = 'hashing';
        if (w.item.state.status !== 'paused') w.item = { ...w.item, state: { status: 'queued' } };
      }
    }),
  );
}
