// What a person (or the CLI) can do to items: pause, resume, cancel, retry, remove, clear finished, reparse.
import { isTerminal } from '../../../shared/queue';
import type { Dedup } from './dedup';
import { reparseConfigHash } from './doc-status';
import type { EngineEvents } from './events';
import type { UploadEngine } from './options';
import { callApi, type Runtime } from './runtime';
import type { Transitions } from './transitions';
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

export type Controls = Pick<UploadEngine, 'pause' | 'resume' | 'cancel' | 'retry' | 'remove' | 'clearFinished' | 'reparse'> & {
  /** Takes the item out of the queue and the journal (also used when a finished file is added again). */
  removeWork(w: Work): void;
};

export function createControls(
  rt: Runtime,
  t: Transitions,
  events: EngineEvents,
  deps: Pick<Dedup, 'releaseFollowers'> & { pump(): void; ensurePoll(sessionId: string, reset?: boolean): void },
): Controls {
  const { setState, interrupt } = t;
  const { store } = rt;

  const removeWork = (w: Work): void => {
    interrupt(w);
    store.track(w, w.item.state, null);
    store.indexContent(w, false);
    store.works.delete(w.item.id);
    events.forget(w.item.id);
    const b = store.batches.get(w.item.batchId);
    b?.ids.delete(w.item.id);
    if (b && b.ids.size === 0) store.batches.delete(w.item.batchId);
    // Followers take over (the leader is gone, done or not).
    deps.releaseFollowers(w, true);
    events.maybeFinishBatch(w.item.batchId);
    rt.journal?.del(w.item.id);
    events.emit({ type: 'removed', ids: [w.item.id] });
  };

  const pauseWork = (w: Work): void => {
    const s = w.item.state;
    // Parsing happens on the server: there is nothing here to pause.
    if (isTerminal(s) || s.status === 'paused' || s.status === 'parsing' || w.next === 'parsing') return;
    interrupt(w);
    setState(w, { status: 'paused', step: w.next === 'hashing' ? 'queued' : w.next }, true);
  };

  const reparse = async (itemId: string): Promise<void> => {
    const w = store.works.get(itemId);
    if (!w) throw new ReparseError('no such item', itemId);
    const s = w.item.state;
    const documentId = s.status === 'failed' || s.status === 'done' ? s.documentId : null;
    if (!documentId || !w.sessionId) throw new ReparseError(`${w.item.name}: Raydocs holds no document for it yet; retry the upload instead`, itemId);
    const configHash = reparseConfigHash(w.parsings);
    if (!configHash) throw new ReparseError(`${w.item.name}: Raydocs reported no 64-character config hash for its parsing, so a reparse cannot be requested`, itemId);
    await callApi(rt, (c) => c.reparseDocument(w.item.target.workspaceId, documentId, { config_hash: configHash, force: true }));
    interrupt(w);
    w.documentId = documentId;
    w.next = 'parsing';
    w.attempt = 0;
    setState(w, pendingState(w), true);
    deps.ensurePoll(w.sessionId, true);
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
        setState(w, pendingState(w), true);
      }
      events.trigger();
      deps.pump();
    },
    cancel(ids) {
      for (const w of store.pick(ids)) {
        if (isTerminal(w.item.state)) continue;
        interrupt(w);
        setState(w, { status: 'cancelled' }, true);
      }
    },
    retry(ids) {
      for (const w of store.pick(ids)) {
        const s = w.item.state;
        if (s.status === 'failed' && s.error.code === 'parse-failed' && s.documentId) {
          // Retrying a failed parse means asking Raydocs to parse again; say so when it cannot be asked.
          void reparse(w.item.id).catch((err: unknown) => {
            const cur = w.item.state;
            if (cur.status !== 'failed') return;
            const reason = err instanceof ReparseError ? err.message : `${w.item.name}: reparse refused: ${err instanceof Error ? err.message : String(err)}`;
            setState(w, { ...cur, error: { code: 'reparse-failed', message: reason } }, true);
          });
          continue;
        }
        if (s.status !== 'failed' && s.status !== 'cancelled') continue;
        interrupt(w);
        w.attempt = 0;
        w.expiredUrls = 0;
        // Resume at the furthest step whose result is still valid.
        if (w.key) w.next = 'attaching';
        else if (w.next === 'parsing' && w.documentId) w.next = 'parsing';
        else if (w.sha256) w.next = 'checking';
        else w.next = 'hashing';
        if (w.next === 'attaching') w.verifyBeforeAttach = true;
        setState(w, pendingState(w), true);
      }
      deps.pump();
    },
    remove(ids) {
      for (const w of store.pick(ids)) removeWork(w);
      rt.journal?.sync();
      events.trigger();
      queueMicrotask(store.checkIdle);
    },
    clearFinished() {
      for (const w of [...store.works.values()]) if (w.item.state.status === 'done' || w.item.state.status === 'cancelled') removeWork(w);
      rt.journal?.sync();
      events.trigger();
    },
  };
}
