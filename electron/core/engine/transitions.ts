// Every change of an item's state goes through here, so indexes, events, journal and batch completion stay in step.
import { isTerminal, type ItemErrorCode, type ItemState, type ItemStep } from '../../../shared/queue';
import type { EngineEvents } from './events';
import { save } from './journal-writes';
import { cancelRun } from './run';
import type { Runtime } from './runtime';
import type { Work } from './work';

export interface SetStateOptions {
  /** fsync the record (group-committed): a state whose loss to a power cut would cost a duplicate or a lost item. */
  durable?: boolean;
  /** false for states a restart recomputes anyway (running, back in line): no journal record at all. Default true. */
  journal?: boolean;
}

export interface Transitions {
  setState(w: Work, state: ItemState, opts?: SetStateOptions): void;
  /** The message names the file: it is read in a list of hundreds. */
  fail(w: Work, step: ItemStep, code: ItemErrorCode, message: string): void;
  /** Stops whatever the item is doing: its run goes stale (late completions are ignored) and its waits are aborted. */
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

  const setState = (w: Work, state: ItemState, { durable = false, journal = true }: SetStateOptions = {}): void => {
    const prev = w.item.state;
    const wasTerminal = isTerminal(prev);
    w.item = { ...w.item, state };
    rt.store.track(w, prev, state);
    events.markDirty(w);
    if (journal) save(rt, w, durable);
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
      w.run?.finish();
      setState(
        w,
        { status: 'failed', step, error: { code, message: `${w.item.name}: ${message}` }, documentId: w.documentId, sessionId: w.sessionId, sha256: w.sha256 },
        { durable: true },
      );
    },
    interrupt(w) {
      const wasRunning = cancelRun(w);
      rt.clock.clearTimeout(w.timer);
      w.timer = null;
      if (wasRunning && w.next === 'attaching') w.verifyBeforeAttach = true;
      w.inAttachBatch = false;
      rt.store.unfollow(w);
    },
  };
}
