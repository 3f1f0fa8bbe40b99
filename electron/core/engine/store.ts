// The queue's items and the indexes over them, so that each event costs O(1) or O(its group), never a scan of the queue.
import { isActive, isTerminal, type BatchOrigin, type ItemState, type ItemStep } from '../../../shared/queue';
import { parseUnderWay } from './doc-status';
import { targetKey, type Work } from './work';

/** One add() call: batch-finished is emitted once its intake has ended and none of its items is still live. */
export interface Batch {
  ids: Set<string>;
  origin: BatchOrigin | undefined;
  refused: number;
  active: number;
  finishedEmitted: boolean;
  /** Its intake is still walking and queueing files (its first items may be done before its last are found). */
  intakeOpen: boolean;
  /** Cancel all asked the intake to stop: the files it has not queued yet are not queued. */
  intakeStop: boolean;
}

export interface ItemStore {
  readonly works: Map<string, Work>;
  readonly batches: Map<string, Batch>;
  /** Items that may be waiting for a slot at each step; stale entries are dropped when the scheduler meets them. */
  readonly ready: Map<ItemStep, Set<string>>;
  /** Stored items whose document has a parse under way, by session: display only, never part of the queue's work. */
  readonly watchBySession: Map<string, Set<string>>;
  /** Leader id → ids of the items waiting for it (same content, same target). */
  readonly followers: Map<string, Set<string>>;
  readonly activeCount: number;
  /** add() calls still walking and queueing: the engine is not idle while one is. */
  intakes: number;
  /** Moves an item between the indexes as its state goes from `prev` to `next` (null: not in the queue). */
  track(w: Work, prev: ItemState | null, next: ItemState | null): void;
  /** Adds or drops an item in the same-content index (needs its sha256). */
  indexContent(w: Work, on: boolean): void;
  /** Ids of items with the same content for the same target. */
  sameContent(w: Work): Set<string> | undefined;
  /** Files by target and real path, so add() looks each file up instead of scanning the queue. */
  indexPath(w: Work): void;
  /** The item in the queue for this real path and target, if any (the latest added). */
  byPath(targetKey: string, realPath: string): Work | undefined;
  unfollow(w: Work): void;
  /** The named items that exist, or all of them. */
  pick(ids?: string[]): Work[];
  whenIdle(): Promise<void>;
  checkIdle(): void;
  /** Resolves every idle waiter (on close). */
  releaseIdleWaiters(): void;
}

/** `onWatch` fires when a stored item's document has a parse under way, so its session gets polled. */
export function createItemStore(onWatch: (sessionId: string) => void): ItemStore {
  const works = new Map<string, Work>();
  const batches = new Map<string, Batch>();
  const ready = new Map<ItemStep, Set<string>>([['hashing', new Set()], ['checking', new Set()], ['uploading', new Set()], ['attaching', new Set()]]);
  const watchBySession = new Map<string, Set<string>>();
  const followers = new Map<string, Set<string>>();
  const byContent = new Map<string, Set<string>>();
  // Entries are checked against `works` on lookup: removal (controls.ts) need not know about this index.
  const paths = new Map<string, Work>();
  const pathKey = (tk: string, realPath: string): string => `${tk}\u0000${realPath}`;
  const idleWaiters: Array<() => void> = [];
  let activeCount = 0;

  const contentKey = (w: Work): string | null => (w.sha256 ? `${targetKey(w.item.target)}|${w.sha256}` : null);

  const checkIdle = (): void => {
    if (idleWaiters.length === 0 || activeCount > 0 || store.intakes > 0) return;
    for (const r of idleWaiters.splice(0)) r();
  };

  const store: ItemStore = {
    works,
    batches,
    intakes: 0,
    ready,
    watchBySession,
    followers,
    get activeCount() {
      return activeCount;
    },
    track(w, prev, next) {
      const id = w.item.id;
      if (prev && isActive(prev)) activeCount--;
      if (next && isActive(next)) activeCount++;
      const b = batches.get(w.item.batchId);
      if (b) {
        if (prev && !isTerminal(prev)) b.active--;
        if (next && !isTerminal(next)) b.active++;
      }
      if (prev?.status === 'done') watchBySession.get(prev.sessionId)?.delete(id);
      if (next?.status === 'done' && parseUnderWay(next.documentStatus, next.parsings, next.configHash)) {
        let set = watchBySession.get(next.sessionId);
        if (!set) watchBySession.set(next.sessionId, (set = new Set()));
        set.add(id);
        onWatch(next.sessionId);
      }
      if (next && (next.status === 'queued' || next.status === 'attaching')) ready.get(w.next)?.add(id);
    },
    indexContent(w, on) {
      const k = contentKey(w);
      if (!k) return;
      let set = byContent.get(k);
      if (on) {
        if (!set) byContent.set(k, (set = new Set()));
        set.add(w.item.id);
      } else if (set) {
        set.delete(w.item.id);
        if (set.size === 0) byContent.delete(k);
      }
    },
    sameContent(w) {
      const k = contentKey(w);
      return k ? byContent.get(k) : undefined;
    },
    indexPath(w) {
      // Removed items leave stale entries; drop them once they could outnumber the live ones.
      if (paths.size > 2 * works.size + 1024) for (const [k, o] of paths) if (works.get(o.item.id) !== o) paths.delete(k);
      paths.set(pathKey(targetKey(w.item.target), w.realPath), w);
    },
    byPath(tk, realPath) {
      const w = paths.get(pathKey(tk, realPath));
      return w && works.get(w.item.id) === w ? w : undefined;
    },
    unfollow(w) {
      if (!w.followerOf) return;
      followers.get(w.followerOf)?.delete(w.item.id);
      w.followerOf = null;
    },
    pick: (ids) => (ids ? ids.map((id) => works.get(id)).filter((w): w is Work => !!w) : [...works.values()]),
    whenIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        queueMicrotask(checkIdle);
      });
    },
    checkIdle,
    releaseIdleWaiters() {
      for (const r of idleWaiters.splice(0)) r();
    },
  };
  return store;
}
