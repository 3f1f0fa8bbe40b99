// The parsing step: one poller per session reads its documents and moves each item to done or parse-failed.
import { assertNever } from '../../../shared/assert-never';
import type { ConnectivityMonitor } from './connectivity';
import { judgeDocument, parsingsOf, type DocLike } from './doc-status';
import { createPoller, type PollOutcome, type Poller } from './poller';
import { classifyError } from './retry-policy';
import { callApi, type Runtime } from './runtime';
import type { SessionDocsCache } from './session-docs';
import type { Transitions } from './transitions';
import { pendingState, type Work } from './work';

export interface ParseStep {
  /** Records what the server says of the item's document and settles the item if the parse is over. */
  applyVerdict(w: Work, doc: DocLike): void;
  readonly poller: Poller;
}

export function createParseStep(rt: Runtime, t: Pick<Transitions, 'setState' | 'fail'>, docs: Pick<SessionDocsCache, 'remember'>, link: () => ConnectivityMonitor): ParseStep {
  const { setState, fail } = t;

  const applyVerdict = (w: Work, doc: DocLike): void => {
    w.documentId = doc.id;
    w.documentStatus = doc.status ?? 'unknown';
    w.parsings = parsingsOf(doc);
    const v = judgeDocument(doc);
    const sha = w.sha256 ?? '';
    const sid = w.sessionId ?? '';
    switch (v.kind) {
      case 'done':
        setState(w, { status: 'done', sha256: sha, sessionId: sid, documentId: doc.id, outcome: 'uploaded', documentStatus: w.documentStatus, parsings: w.parsings }, true);
        return;
      case 'failed':
        fail(w, 'parsing', 'parse-failed', `Raydocs could not parse the document (${v.reason}); you can reparse it`);
        return;
      case 'working': {
        const s = w.item.state;
        // An unchanged poll answer is no event and no journal record.
        const changed = s.status !== 'parsing' || s.documentStatus !== w.documentStatus || JSON.stringify(s.parsings) !== JSON.stringify(w.parsings) || s.documentId !== doc.id;
        if (changed) setState(w, pendingState(w), false, true);
        return;
      }
      default:
        assertNever(v, 'document verdict');
    }
  };

  const watching = (sessionId: string): Work[] =>
    [...(rt.store.parsingBySession.get(sessionId) ?? [])].map((id) => rt.store.works.get(id)).filter((w): w is Work => !!w && w.item.state.status === 'parsing' && !w.running);

  const pollSession = async (sessionId: string): Promise<PollOutcome> => {
    if (watching(sessionId).length === 0) return { keep: false };
    try {
      const list = await callApi(rt, (c) => c.listSessionDocuments(sessionId));
      if (rt.closed) return { keep: false };
      const byId = new Map(list.map((d) => [d.id, d]));
      const bySha = new Map(list.filter((d) => d.sha256).map((d) => [d.sha256!, d]));
      for (const d of list) docs.remember(sessionId, d);
      for (const w of watching(sessionId)) {
        const doc = (w.documentId && byId.get(w.documentId)) || (w.sha256 ? bySha.get(w.sha256) : undefined);
        if (doc) applyVerdict(w, doc);
      }
      return { keep: watching(sessionId).length > 0 };
    } catch (err) {
      if (rt.closed) return { keep: false };
      const d = classifyError(err);
      if (d.kind === 'signed-out') link().signedOut(d.message);
      else if (d.kind === 'offline') link().suspect();
      else if (d.kind === 'fail') {
        for (const w of watching(sessionId)) fail(w, 'parsing', d.code, `could not read the parsing status: ${d.message}`);
      }
      return { keep: watching(sessionId).length > 0, failed: true, minDelayMs: d.kind === 'retry' ? (d.retryAfterMs ?? 0) : 0 };
    }
  };

  const poller = createPoller({ initialMs: rt.cfg.poll.initial, maxMs: rt.cfg.poll.max, poll: pollSession, active: () => !rt.closed && link().state.state === 'online' });
  return { applyVerdict, poller };
}
