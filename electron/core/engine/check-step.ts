// The checking step: a session that already holds this content finishes the item without an upload.
import type { Dedup } from './dedup';
import { parsingsOf } from './doc-status';
import type { Failures } from './failures';
import type { Runtime } from './runtime';
import type { SessionDocsCache } from './session-docs';
import type { Transitions } from './transitions';
import { pendingState, type Work } from './work';

export function createCheckStep(
  rt: Runtime,
  t: Pick<Transitions, 'setState'>,
  docs: Pick<SessionDocsCache, 'load'>,
  deps: Pick<Dedup, 'followLeader'> & Pick<Failures, 'handleError'> & { schedulePump(): void },
): (w: Work) => Promise<void> {
  const { setState } = t;
  return async (w) => {
    if (!w.key && deps.followLeader(w)) return;
    const target = w.item.target;
    if (target.kind !== 'session') {
      // A new session per file holds nothing yet: nothing to check.
      w.next = w.key ? 'attaching' : 'uploading';
      setState(w, pendingState(w), false, false);
      deps.schedulePump();
      return;
    }
    w.running = true;
    const gen = w.gen;
    setState(w, { status: 'checking', sha256: w.sha256 ?? '' }, false, false);
    try {
      const present = await docs.load(target.sessionId, false);
      if (w.gen !== gen || rt.closed) return;
      w.running = false;
      w.attempt = 0;
      const doc = w.sha256 ? present.bySha.get(w.sha256) : undefined;
      if (doc && !w.key) {
        w.sessionId = target.sessionId;
        w.documentId = doc.id;
        w.documentStatus = doc.status ?? 'unknown';
        w.parsings = parsingsOf(doc);
        w.next = 'parsing';
        setState(w, { status: 'done', sha256: w.sha256 ?? '', sessionId: target.sessionId, documentId: doc.id, outcome: 'already-in-session', documentStatus: w.documentStatus, parsings: w.parsings }, true);
        return;
      }
      w.next = w.key ? 'attaching' : 'uploading';
      setState(w, pendingState(w));
    } catch (err) {
      deps.handleError(w, 'checking', gen, err);
    } finally {
      deps.schedulePump();
    }
  };
}
