// Same content for the same target is uploaded once: later items follow the first and finish with its document.
import { isTerminal } from '../../../shared/queue';
import type { Runtime } from './runtime';
import type { Transitions } from './transitions';
import { doneState, pendingState, type Work } from './work';

export interface Dedup {
  /** True if `w` now follows a live leader, or finished as a duplicate of a done one or of content the host knows. */
  followLeader(w: Work): boolean;
  /** The leader settled or left: followers finish with its document, or (`leaderGone`, or it did not succeed) take over. */
  releaseFollowers(leader: Work, leaderGone?: boolean): void;
}

export function createDedup(rt: Runtime, t: Pick<Transitions, 'setState'>): Dedup {
  const { works, followers } = rt.store;

  const finishAsDuplicate = (f: Work, leader: Work): void => {
    const s = leader.item.state;
    if (s.status !== 'done') return;
    f.sessionId = s.sessionId;
    f.documentId = s.documentId;
    f.documentStatus = s.documentStatus;
    f.parsings = s.parsings;
    t.setState(f, doneState(f, 'already-in-session'), { durable: true });
  };

  /** The host knows this content is stored for the target already (the CLI's per-file sessions): nothing to upload. */
  const finishAsKnown = (w: Work): boolean => {
    const known = w.sha256 && !w.key ? rt.cfg.knownContent?.(w.item.target, w.sha256) : null;
    if (!known) return false;
    w.sessionId = known.sessionId;
    w.documentId = known.documentId;
    w.documentStatus = 'unknown';
    w.parsings = [];
    t.setState(w, doneState(w, 'already-in-session'), { durable: true });
    return true;
  };

  return {
    followLeader(w) {
      if (finishAsKnown(w)) return true;
      const set = rt.store.sameContent(w);
      if (!set) return false;
      for (const oid of set) {
        const other = works.get(oid);
        if (!other || other === w || other.sha256 !== w.sha256) continue;
        const os = other.item.state.status;
        if (os === 'failed' || os === 'cancelled' || os === 'paused') continue;
        if (os === 'done') {
          finishAsDuplicate(w, other);
          return true;
        }
        if (other.followerOf === null) {
          w.followerOf = other.item.id;
          let fs = followers.get(other.item.id);
          if (!fs) followers.set(other.item.id, (fs = new Set()));
          fs.add(w.item.id);
          t.setState(w, { status: 'checking', sha256: w.sha256 ?? '' });
          return true;
        }
      }
      return false;
    },
    releaseFollowers(leader, leaderGone = false) {
      const set = followers.get(leader.item.id);
      if (!set) return;
      followers.delete(leader.item.id);
      for (const fid of set) {
        const f = works.get(fid);
        if (!f || f.followerOf !== leader.item.id) continue;
        f.followerOf = null;
        if (!leaderGone && leader.item.state.status === 'done') finishAsDuplicate(f, leader);
        else if (!isTerminal(f.item.state) && f.item.state.status !== 'paused') t.setState(f, pendingState(f));
      }
    },
  };
}
