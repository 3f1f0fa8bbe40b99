// One upload per target until the target has taken an attach in this run: a target that refuses attaches costs one PUT.
import { isTerminal, type Target } from '../../../shared/queue';
import type { Runtime } from './runtime';
import { targetKey, type Work } from './work';

export interface UploadGate {
  /** True when `w` may start uploading now (it may become its target's first); false keeps it in line. */
  admit(w: Work): boolean;
  /** True once a file of `w`'s target was attached: its files may have URLs asked ahead (no side effect). */
  proven(w: Work): boolean;
}

/**
 * A token without `sessions-write`, a deleted session or template is only found out at the attach, after a PUT.
 * So the first upload of a target goes alone; once its item is done the target is proven and uploads run at full
 * concurrency. If the first item fails, is paused, removed or sent back to hashing, the next one goes alone instead.
 */
export function createUploadGate(rt: Runtime): UploadGate {
  const proven = new Set<string>();
  /** Target key → the item whose upload went first. */
  const firsts = new Map<string, string>();
  const keys = new WeakMap<Target, string>();
  const keyOf = (t: Target): string => {
    let k = keys.get(t);
    if (k === undefined) keys.set(t, (k = targetKey(t)));
    return k;
  };

  /** Whether the first item is still between the start of its upload and the answer to its attach. */
  const stillFirst = (id: string, key: string): boolean => {
    const w = rt.store.works.get(id);
    if (!w) return false;
    const s = w.item.state;
    if (s.status === 'done') {
      proven.add(key);
      return false;
    }
    if (isTerminal(s) || s.status === 'paused') return false;
    return w.next === 'uploading' || w.next === 'attaching';
  };

  return {
    proven: (w) => proven.has(keyOf(w.item.target)),
    admit(w) {
      const key = keyOf(w.item.target);
      if (proven.has(key)) return true;
      const first = firsts.get(key);
      if (first !== undefined && first !== w.item.id && stillFirst(first, key)) return false;
      if (proven.has(key)) {
        firsts.delete(key);
        return true;
      }
      firsts.set(key, w.item.id);
      return true;
    },
  };
}
