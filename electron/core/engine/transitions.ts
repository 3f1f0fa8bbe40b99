// Every change of an item's state goes through here, so indexes, events, journal and batch completion stay in step.
import { isTerminal, type ItemState, type ItemStep } from '../../../shared/queue';
import type { EngineEvents } from './events';
import { save } from './journal-writes';
import type { Runtime } from './runtime';
import type { Work } from './work';

export interface Transitions {
  /** `journalIt: false` for states a restart recomputes anyway (running, back in line). */
  setState(w: Work, state: ItemState, durable?: boolean, journalIt?: boolean): void;
  /** The message names the file: it is read in a list of hundreds. */
  fail(w: Work, step: ItemStep, code: string, message: string): void;
  /** Stops whatever the item is doing; late completions of the old run are then ignored. */
  interrupt(w: Work): void;
}

export function createTransitions(
  rt: Runtime,
  events: EngineEvents,
  deps: { releaseFollowers(leader: Work): void; schedulePump(): void },
): Transitions {
  const onTerminal = (w: Work): void => {
    // Followers of this item finish with it, or take over when it did not succeed.
    deps.releaseFollowers(w);
    events.maybeFinishBatch(w.item.batchId);
    deps.schedulePump();
  };

  const setState = (w: Work, state: ItemState, durable = false, journalIt = true): void => {
    const prev = w.item.state;
    const wasTerminal = isTerminal(prev);
    w.item = { ...w.item, state };
    rt.store.track(w, prev, state);
    events.markDirty(w);
    if (journalIt) save(rt, w, durable);
    if (!wasTerminal && isTerminal(state)) onTerminal(w);
    else if (wasTerminal && !isTerminal(state)) {
      const b = rt.store.batches.get(w.item.batchId);
      if (b) b.finishedEmitted = false;
    }
    if (rt.store.activeCount === 0) queueMicrotask(rt.store.checkIdle);
  };

  return {
    setState,
    fail(w, step, code, message) {
      w.running = false;
      setState(
        w,
        { status: 'failed', step, error: { code, message: `${w.item.name}: ${message}` }, documentId: w.documentId, sessionId: w.sessionId, sha256: w.sha256 },
        true,
      );
    },
    interrupt(w) {
      w.gen++;
      w.abort?.abort();
      w.abort = null;
      if (w.timer) clearTimeout(w.timer);
      w.timer = null;
      if (w.running && w.next === 'attaching') w.verifyBeforeAttach = true;
      w.running = false;
      w.inAttachBatch = false;
      rt.store.unfollow(w);
    },
  };
}
