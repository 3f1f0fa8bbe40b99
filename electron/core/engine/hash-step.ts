// The hashing step: SHA-256 of the file on disk, hashed again if it changed meanwhile; then dedup against live items.
import { stat } from 'node:fs/promises';
import type { Dedup } from './dedup';
import type { EngineEvents } from './events';
import { hashFile } from './hasher';
import type { Runtime } from './runtime';
import type { Transitions } from './transitions';
import { pendingState, type Work } from './work';

export function createHashStep(
  rt: Runtime,
  t: Transitions,
  events: Pick<EngineEvents, 'markDirty'>,
  deps: Pick<Dedup, 'followLeader'> & { schedulePump(): void },
): (w: Work) => Promise<void> {
  const { setState, fail } = t;
  return async (w) => {
    rt.hashingNow++;
    w.running = true;
    const gen = w.gen;
    const ac = new AbortController();
    w.abort = ac;
    w.bytesHashed = 0;
    setState(w, { status: 'hashing', bytesHashed: 0 }, false, false);
    try {
      const before = await stat(w.item.path);
      const { sha256, size } = await hashFile(w.item.path, {
        signal: ac.signal,
        onProgress: (n) => {
          w.bytesHashed = n;
          if (w.gen === gen && w.item.state.status === 'hashing') {
            // Progress only: not worth an index update or a journal record.
            w.item = { ...w.item, state: { status: 'hashing', bytesHashed: n } };
            events.markDirty(w);
          }
        },
      });
      const after = await stat(w.item.path);
      if (w.gen !== gen || rt.closed) return;
      w.running = false;
      w.abort = null;
      if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || size !== after.size) {
        setState(w, pendingState(w), false, false); // changed while hashing: hash again
        return;
      }
      if (size === 0) return fail(w, 'hashing', 'empty', 'empty file');
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
      if (w.gen !== gen) return;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return fail(w, 'hashing', 'file-gone', 'the file was moved or deleted');
      if (code === 'EACCES' || code === 'EPERM') return fail(w, 'hashing', 'unreadable', 'unreadable: permission denied');
      if ((err as Error).name === 'AbortError') return;
      fail(w, 'hashing', 'unreadable', `could not read the file: ${(err as Error).message}`);
    } finally {
      rt.hashingNow--;
      if (w.gen === gen) w.running = false;
      deps.schedulePump();
    }
  };
}
