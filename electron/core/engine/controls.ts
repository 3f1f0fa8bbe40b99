// What a person (or the CLI) can do to items: pause, resume, cancel, retry, remove, clear finished, reparse a stored one;
// the bulk forms (all, or one batch) write the journal once for the lot (docs/engine.md, "Controls").
import { sessionConfigHash } from '../../../shared/parse-state';
import { isTerminal } from '../../../shared/queue';
import type { Dedup } from './dedup';
import { nothingToReparse, reparseConfigHash, sessionHashForReparse } from './doc-status';
import type { EngineEvents } from './events';
import type { UploadEngine } from './options';
import type { Runtime } from './runtime';
import type { Transitions } from './transitions';
import type { ParseWatch } from './parse-watch';
import { pendingState, type Work } from './work';

/** Thrown by reparse when the item cannot be reparsed; the message says why. */
export class ReparseError extends Error {
  override readonly name = 'ReparseError';
  constructor(
    message: string,
    readonly itemId: string,
  ) {
    super(message);
  }
}

export type Controls = Pick<UploadEngine, 'pause' | 'resume' | 'cancel' | 'retry' | 'remove' | 'clearFinished' | 'reparse' | 'cancelAll' | 'retryFailed' | 'removeBatch'> & {
  /** Takes the item out of the queue and the journal (also used when a finished file is added again). */
  removeWork(w: Work): void;
};

export function createControls(
  rt: Runtime,
  t: Transitions,
  events: EngineEvents,
  deps: Pick<Dedup, 'releaseFollowers'> & {
    pump(): void;
    watch: Pick<ParseWatch, 'note' | 'configHash' | 'learnConfigHash'>;
    /** The item's upload will not continue: its strategy releases what storage holds (upload-step.ts). */
    abandonUpload(w: Work): void;
  },
): Controls {
  const { setState, interrupt } = t;
  const { store } = rt;

  /** `announce` false: the caller sends one `removed` event for the lot. */
  const removeWork = (w: Work, announce = true): void => {
    interrupt(w);
    deps.abandonUpload(w);
    store.track(w, w.item.state, null);
    store.indexContent(w, false);
    store.works.delete(w.item.id);
    events.forget(w.item.id);
    const b = store.batches.get(w.item.batchId);
    b?.ids.delete(w.item.id);
    // A batch whose intake is still queueing stays: add() ends it (and says it is finished).
    if (b && b.ids.size === 0 && !b.intakeOpen) store.batches.delete(w.item.batchId);
    // Followers take over (the leader is gone, done or not).
    deps.releaseFollowers(w, true);
    events.maybeFinishBatch(w.item.batchId);
    rt.journal?.del(w.item.id);
    if (announce) events.emit({ type: 'removed', ids: [w.item.id] });
  };

  /** Every journal line the bulk action writes goes out in one write(2), and durable ones share one group fsync. */
  const inOneWrite = <R>(fn: () => R): R => (rt.journal ? rt.journal.batch(fn) : fn());
  /** Cancel all (of the queue, or of one batch) also stops the intakes still queueing files for it. */
  const stopIntakes = (batchId?: string): void => {
    for (const [id, b] of store.batches) if (b.intakeOpen && (batchId === undefined || id === batchId)) b.intakeStop = true;
  };
  /** A batch's items, or every item. */
  const scope = (batchId?: string): Work[] => {
    if (batchId === undefined) return store.pick();
    const b = store.batches.get(batchId);
    return b ? store.pick([...b.ids]) : [];
  };

  const cancelWorks = (works: Work[]): number =>
    inOneWrite(() => {
      let n = 0;
      for (const w of works) {
        if (isTerminal(w.item.state)) continue;
        interrupt(w);
        deps.abandonUpload(w);
        setState(w, { status: 'cancelled' }, { durable: true });
        n++;
      }
      return n;
    });

  const retryWorks = (works: Work[], which: (s: Work['item']['state']) => boolean): number => {
    const n = inOneWrite(() => {
      let count = 0;
      for (const w of works) {
        if (!which(w.item.state)) continue;
        interrupt(w);
        w.attempt = 0;
        w.expiredUrls = 0;
        // Resume at the furthest step whose result is still valid.
        if (w.key || w.candidateSessions) w.next = 'attaching';
        else if (w.sha256) w.next = 'checking';
        else w.next = 'hashing';
        if (w.next === 'attaching') w.verifyBeforeAttach = true;
        setState(w, pendingState(w), { durable: true });
        count++;
      }
      return count;
    });
    deps.pump();
    return n;
  };

  const removeWorks = (works: Work[]): number => {
    const ids = inOneWrite(() =>
      works.map((w) => {
        removeWork(w, false);
        return w.item.id;
      }),
    );
    rt.journal?.sync();
    if (ids.length > 0) events.emit({ type: 'removed', ids });
    events.trigger();
    return ids.length;
  };

  const pauseWork = (w: Work): void => {
    const s = w.item.state;
    if (isTerminal(s) || s.status === 'paused') return;
    interrupt(w);
    setState(w, { status: 'paused', step: w.next === 'hashing' ? 'queued' : w.next }, { durable: true });
  };

  /** The session's config hash: as learnt (a run's answer), else its newest result's, which the rows then go by too. */
  const sessionHash = (sessionId: string): Promise<string | null> =>
    sessionHashForReparse(deps.watch.configHash(sessionId), async () => {
      const results = await rt.client.listResults(sessionId);
      deps.watch.learnConfigHash(sessionId, sessionConfigHash(results));
      return results;
    });

  /** The item stays done: a reparse is the document's business. Its new parsing is shown (and watched) beside it. */
  const reparse = async (itemId: string): Promise<void> => {
    const w = store.works.get(itemId);
    if (!w) throw new ReparseError('no such item', itemId);
    const s = w.item.state;
    if (s.status !== 'done') throw new ReparseError(`${w.item.name}: it is not stored in Raydocs yet; finish the upload first`, itemId);
    const configHash = reparseConfigHash(s.parsings, await sessionHash(s.sessionId));
    if (!configHash) throw new ReparseError(nothingToReparse(w.item.name), itemId);
    await rt.client.reparseDocument(w.item.target.workspaceId, s.documentId, { config_hash: configHash, force: true });
    // Until the next poll says otherwise, the redone parsing is queued (the newest is listed last) and the document
    // is being processed again: a document status left at "failed" would end the watch before it began.
    const redo = s.parsings.find((p) => p.configHash === configHash);
    const parsings = s.parsings.filter((p) => p !== redo).map((p) => ({ id: p.id, config_hash: p.configHash, status: p.status, updated_at: p.updatedAt ?? null }));
    parsings.push({ id: redo?.id ?? `reparse-${configHash}`, config_hash: configHash, status: 'queued', updated_at: null });
    deps.watch.note(w, { id: s.documentId, status: 'processing', parsings });
  };

  return {
    removeWork,
    reparse,
    pause(ids) {
      if (!ids) rt.globalPaused = true;
      for (const w of store.pick(ids)) pauseWork(w);
      rt.journal?.sync();
      events.trigger();
    },
    resume(ids) {
      if (!ids) rt.globalPaused = false;
      for (const w of store.pick(ids)) {
        if (w.item.state.status !== 'paused') continue;
        w.attempt = 0;
        setState(w, pendingState(w), { durable: true });
      }
      events.trigger();
      deps.pump();
    },
    cancel(ids) {
      cancelWorks(store.pick(ids));
    },
    cancelAll(batchId) {
      stopIntakes(batchId);
      return cancelWorks(scope(batchId));
    },
    retry(ids) {
      retryWorks(store.pick(ids), (s) => s.status === 'failed' || s.status === 'cancelled');
    },
    // Cancelled files stay cancelled: a person cancelled them; "Retry failed" is for what went wrong.
    retryFailed: (batchId) => retryWorks(scope(batchId), (s) => s.status === 'failed'),
    remove(ids) {
      removeWorks(store.pick(ids));
      queueMicrotask(store.checkIdle);
    },
    removeBatch(batchId) {
      // Only the finished rows go: a file still on its way is the batch's Cancel's business, not Remove's.
      return removeWorks(scope(batchId).filter((w) => isTerminal(w.item.state)));
    },
    clearFinished() {
      void removeWorks([...store.works.values()].filter((w) => w.item.state.status === 'done' || w.item.state.status === 'cancelled'));
    },
  };
}
