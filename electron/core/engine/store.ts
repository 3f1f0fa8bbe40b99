// The queue's items and the indexes over them, so that each event costs O(1) or O(its group), never a scan of the queue.
import { isActive, isTerminal, type BatchOrigin, type ItemState, type ItemStep, type Target } from '../../../shared/queue';
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
  sameContent(w: Work): ReadonlySet<string> | undefined;
  /** Files by target and real path, so add() looks each file up instead of scanning the queue. */
  indexPath(w: Work): void;
  /**
   * A recovered item into the queue and every index (journal replay at start): the same as add() does for a new one,
   * with the lookups consecutive items share (their batch, their target's key) done once.
   */
  restore(w: Work, id?: string): void;
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

/** The fields targetKey reads are equal, so the two targets have the same key. */
function sameKey(a: Target, b: Target): boolean {
  if (a.kind === 'session') return b.kind === 'session' && a.sessionId === b.sessionId;
  return b.kind === 'session-per-file' && a.workspaceId === b.workspaceId && a.templateId === b.templateId && a.autoExtract === b.autoExtract;
}

/** `onWatch` fires when a stored item's document has a parse under way, so its session gets polled. */
export function createItemStore(onWatch: (sessionId: string) => void): ItemStore {
  const works = new Map<string, Work>();
  const batches = new Map<string, Batch>();
  const ready = new Map<ItemStep, Set<string>>([['hashing', new Set()], ['checking', new Set()], ['uploading', new Set()], ['attaching', new Set()]]);
  const watchBySession = new Map<string, Set<string>>();
  const followers = new Map<string, Set<string>>();
  // Target key → sha256 → the id, or the ids when more than one (most contents have one item: no Set each).
  const byContent = new Map<string, Map<string, string | Set<string>>>();
  // Target key → real path → the latest item added for it. Built on the first lookup (add() is the only reader, and
  // a restart need not pay for it); entries are checked against `works` on lookup, so removal need not know about it.
  let paths: Map<string, Map<string, Work>> | null = null;
  let pathEntries = 0;
  const idleWaiters: Array<() => void> = [];
  let activeCount = 0;
  // Consecutive items mostly share a target (one batch): its key is remembered, so most items cost no concatenation
  // and every Map lookup hashes one string that already knows its hash.
  let keyOf: Target | null = null;
  let keyIs = '';
  const tkey = (t: Target): string => {
    if (t !== keyOf && !(keyOf && sameKey(t, keyOf))) keyIs = targetKey(t);
    keyOf = t;
    return keyIs;
  };
  let lastBatch: Batch | undefined;
  let lastBatchId = '';

  /** The counts and indexes that follow from an item being in state `next` (its batch `b`, if any). */
  const enter = (w: Work, next: ItemState, b: Batch | undefined): void => {
    const id = w.item.id;
    if (isActive(next)) activeCount++;
    if (b && !isTerminal(next)) b.active++;
    if (next.status === 'done' && parseUnderWay(next.documentStatus, next.parsings, next.configHash)) {
      let set = watchBySession.get(next.sessionId);
      if (!set) watchBySession.set(next.sessionId, (set = new Set()));
      set.add(id);
      onWatch(next.sessionId);
    }
    if (next.status === 'queued' || next.status === 'attaching') ready.get(w.next)?.add(id);
  };

  const putPath = (w: Work): void => {
    if (!paths) return;
    const tk = tkey(w.item.target);
    let m = paths.get(tk);
    if (!m) paths.set(tk, (m = new Map()));
    const size = m.size;
    m.set(w.realPath, w);
    if (m.size > size) pathEntries++;
  };
  const pathIndex = (): Map<string, Map<string, Work>> => {
    if (!paths) {
      paths = new Map();
      pathEntries = 0;
      for (const w of works.values()) putPath(w);
    }
    return paths;
  };

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
      if (prev && isActive(prev)) activeCount--;
      const b = batches.get(w.item.batchId);
      if (b && prev && !isTerminal(prev)) b.active--;
      if (prev?.status === 'done') watchBySession.get(prev.sessionId)?.delete(w.item.id);
      if (next) enter(w, next, b);
    },
    indexContent(w, on) {
      const sha = w.sha256;
      if (!sha) return;
      const tk = tkey(w.item.target);
      const id = w.item.id;
      let m = byContent.get(tk);
      if (on) {
        if (!m) byContent.set(tk, (m = new Map()));
        const had = m.get(sha);
        if (had === undefined) m.set(sha, id);
        else if (typeof had === 'string') {
          if (had !== id) m.set(sha, new Set([had, id]));
        } else had.add(id);
        return;
      }
      const had = m?.get(sha);
      if (!m || had === undefined) return;
      if (typeof had === 'string') {
        if (had === id) m.delete(sha);
      } else {
        had.delete(id);
        if (had.size === 1) m.set(sha, had.values().next().value!);
      }
      if (m.size === 0) byContent.delete(tk);
    },
    sameContent(w) {
      const had = w.sha256 ? byContent.get(tkey(w.item.target))?.get(w.sha256) : undefined;
      return typeof had === 'string' ? new Set([had]) : had;
    },
    indexPath(w) {
      // Removed items leave stale entries; drop them once they could outnumber the live ones.
      if (paths && pathEntries > 2 * works.size + 1024) paths = null;
      if (paths) putPath(w);
    },
    byPath(tk, realPath) {
      const w = pathIndex().get(tk)?.get(realPath);
      return w && works.get(w.item.id) === w ? w : undefined;
    },
    restore(w, id = w.item.id) {
      const { batchId } = w.item;
      works.set(id, w);
      // Only restore creates batches this way, and only before add() runs: the remembered one is still the one in the map.
      let b = lastBatch && lastBatchId === batchId ? lastBatch : batches.get(batchId);
      if (!b) batches.set(batchId, (b = { ids: new Set(), origin: w.item.origin, refused: 0, active: 0, finishedEmitted: true, intakeOpen: false, intakeStop: false }));
      lastBatch = b;
      lastBatchId = batchId;
      b.ids.add(id);
      if (!isTerminal(w.item.state)) b.finishedEmitted = false;
      this.indexContent(w, true);
      this.indexPath(w);
      enter(w, w.item.state, b);
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
