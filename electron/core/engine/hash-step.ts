// The hashing step: SHA-256 of the file on disk, hashed again if it changed meanwhile; then dedup against live items.
import { stat } from 'node:fs/promises';
import { EMPTY_FILE, unreadableWords } from '../intake/refusal-words';
import type { Dedup } from './dedup';
import type { EngineEvents } from './events';
import { hashFile } from './hasher';
import type { Run } from './run';
import type { Runtime } from './runtime';
import type { Transitions } from './transitions';
import { pendingState, type Work } from './work';

export function createHashStep(
  rt: Runtime,
  t: Transitions,
  events: Pick<EngineEvents, 'markDirty' | 'emit'>,
  deps: Pick<Dedup, 'followLeader'> & { schedulePump(): void },
): (w: Work, run: Run) => Promise<void> {
  const { setState, fail } = t;
  return async (w, run) => {
    rt.hashingNow++;
    w.bytesHashed = 0;
    setState(w, { status: 'hashing', bytesHashed: 0 }, { journal: false });
    try {
      const before = await stat(w.item.path);
      const { sha256, size } = await hashFile(w.item.path, {
        signal: run.signal,
        sizeHint: before.size,
        onProgress: (n) => {
          w.bytesHashed = n;
          if (!run.stale() && w.item.state.status === 'hashing') {
            // Progress only: not worth an index update or a journal record.
            w.item = { ...w.item, state: { status: 'hashing', bytesHashed: n } };
            events.markDirty(w);
          }
        },
      });
      const after = await stat(w.item.path);
      if (run.stale()) return;
      run.finish();
      if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || size !== after.size) {
        setState(w, pendingState(w), { journal: false }); // changed while hashing: hash again
        return;
      }
      events.emit({ type: 'hashed', id: w.item.id, path: w.item.path, bytes: size });
      if (size === 0) return fail(w, 'hashing', 'empty', EMPTY_FILE);
      w.sha256 = sha256;
      rt.store.indexContent(w, true);
      w.hashedSize = size;
      w.hashedMtimeMs = after.mtimeMs;
      w.item = { ...w.item, size };
      w.attempt = 0;
      w.next = 'checking';
      if (deps.followLeader(w)) return;
      setState(w, pendingState(w));
    } catch (err) {
      if (run.stale()) return;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return fail(w, 'hashing', 'file-gone', 'the file was moved or deleted');
      if ((err as Error).name === 'AbortError') return;
      fail(w, 'hashing', 'unreadable', unreadableWords(err).reason);
    } finally {
      rt.hashingNow--;
      run.finish();
      deps.schedulePump();
    }
  };
}
