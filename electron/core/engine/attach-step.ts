// The attaching step: uploaded keys of one target are attached in shared calls (or become one session per file), never twice.
// This module batches the keys and decides what a failed call means for its batch; attach-session.ts and attach-per-file.ts
// make the calls, attach-outcomes.ts and attach-key-refusals.ts say what each answer does to a file.
import type { Target } from '../../../shared/queue';
import { createAttachKeyRefusals } from './attach-key-refusals';
import { createAttachOutcomes, type Live } from './attach-outcomes';
import { createPerFileAttach } from './attach-per-file';
import { createSessionAttach } from './attach-session';
import type { EngineEvents } from './events';
import { targetRefusal, type Failures } from './failures';
import { createKeyBatcher } from './key-batcher';
import { classifyError } from './retry-policy';
import { save } from './journal-writes';
import { isValidation, sessionRefused } from './refusals';
import { beginRun, type Run } from './run';
import type { Runtime } from './runtime';
import type { SessionDocsCache } from './session-docs';
import type { Transitions } from './transitions';
import { pendingState, targetKey, type Work } from './work';
import type { WorkspaceDocs } from './workspace-docs';

/** The API takes at most 50 keys (or files) per call. */
const MAX_ATTACH_KEYS = 50;
/**
 * Keys waiting for or in attach calls at once: ten full calls, more than the rate limit sends in several seconds. A
 * restart of a large queue would otherwise begin every recovered attach in one tick, each call then waiting in the limiter.
 */
export const ATTACH_KEYS_IN_FLIGHT = 10 * MAX_ATTACH_KEYS;

export interface AttachStep {
  /** Puts the item's key in its target's next attach call. */
  enqueue(w: Work): void;
  /** Enough keys are waiting for or in attach calls: the scheduler leaves the rest in line (ATTACH_KEYS_IN_FLIGHT). */
  full(): boolean;
  close(): void;
}

export function createAttachStep(
  rt: Runtime,
  t: Transitions,
  docs: SessionDocsCache,
  deps: Pick<Failures, 'handleError'> & { schedulePump(): void; events: Pick<EngineEvents, 'emit'>; workspace: Pick<WorkspaceDocs, 'createNamed' | 'findBySha'> },
): AttachStep {
  const { workspace, handleError } = deps;
  const { setState } = t;
  const outcomes = createAttachOutcomes(rt, t, docs, deps.events);
  const refusals = createAttachKeyRefusals(docs, workspace, outcomes);
  const attachToSession = createSessionAttach(rt, { docs, workspace, outcomes, refusals, handleError });
  const createSessionsPerFile = createPerFileAttach(rt, t.fail, docs, { outcomes, refusals });

  /** Keys in the batcher, and keys of the calls under way (ATTACH_KEYS_IN_FLIGHT). */
  let waiting = 0;
  let sending = 0;

  /** The items of `ids` still waiting for this attach, each beginning its run now. */
  const begin = (ids: string[]): { batch: Work[]; runs: Map<Work, Run> } => {
    const batch: Work[] = [];
    for (const id of ids) {
      const w = rt.store.works.get(id);
      if (w && w.inAttachBatch && w.next === 'attaching' && (w.key || w.candidateSessions || w.documentId)) batch.push(w);
    }
    const runs = new Map<Work, Run>();
    for (const w of batch) {
      w.inAttachBatch = false;
      runs.set(w, beginRun(w));
    }
    return { batch, runs };
  };

  /** A failed call: either each item tries once more alone, or each takes the error (retry, wait or fail). */
  const failed = (err: unknown, target: Target, runs: Map<Work, Run>, live: Live): void => {
    // A 404 or 422 on the session says it is not what the cache remembers (a detach, someone else's attach).
    const refusedSession = sessionRefused(err);
    if (refusedSession) docs.forget(refusedSession);
    const pending = live();
    // A refusal of the whole call (422) may be about one key, or about content already there (an attach of what the
    // session holds): try each alone, after a fresh look, before failing anyone. A refusal of the target itself
    // (403, session or template gone) is about every key: handleError fails them all at once.
    const oneMoreAlone = pending.length > 1 || (pending.length === 1 && isValidation(err) && !pending[0]!.soloAttach);
    if (oneMoreAlone && classifyError(err).kind === 'fail' && !targetRefusal(err, target)) {
      for (const w of pending) {
        runs.get(w)!.finish();
        w.soloAttach = true;
        w.verifyBeforeAttach = true;
        setState(w, pendingState(w), { durable: true });
      }
      return;
    }
    // Items already settled (by the pre-attach check) are no longer live.
    for (const w of live()) {
      // The server may have done it before the error reached us: look first next time.
      w.verifyBeforeAttach = true;
      save(rt, w);
      handleError(w, 'attaching', runs.get(w)!, err);
    }
  };

  const flush = async (ids: string[]): Promise<void> => {
    if (rt.closed) return;
    const { batch, runs } = begin(ids);
    if (batch.length === 0) return;
    /** The batch's items still in this attempt: not interrupted, not yet settled. */
    const live = (): Work[] => batch.filter((w) => !runs.get(w)!.stale());
    const target = batch[0]!.item.target;
    sending += batch.length;
    try {
      if (target.kind === 'session') await attachToSession(target, batch, live);
      else await createSessionsPerFile(target, live);
    } catch (err) {
      failed(err, target, runs, live);
    } finally {
      sending -= batch.length;
      deps.schedulePump();
    }
  };

  const batcher = createKeyBatcher({
    windowMs: rt.cfg.attachWindowMs,
    max: MAX_ATTACH_KEYS,
    onBatch: (_key, ids) => {
      waiting -= ids.length;
      void flush(ids);
    },
    clock: rt.clock,
  });

  return {
    enqueue(w) {
      w.inAttachBatch = true;
      waiting++;
      // After a refused batch each key goes alone, so one bad file cannot fail the others.
      batcher.add(targetKey(w.item.target), w.item.id, w.soloAttach);
    },
    full: () => waiting + sending >= ATTACH_KEYS_IN_FLIGHT,
    close: () => batcher.close(),
  };
}
