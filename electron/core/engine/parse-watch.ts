// The document's parse track beside a stored item: read while a parse is under way, never holding the item or the queue.
import { parsingsOf, type DocLike } from './doc-status';
import { createPoller, type PollOutcome, type Poller } from './poller';
import { classifyError } from './retry-policy';
import type { Runtime } from './runtime';
import type { SessionDocsCache } from './session-docs';
import type { Transitions } from './transitions';
import type { Work } from './work';

export interface ParseWatch {
  /** Records what the server says of a stored item's document. The item stays done whatever the parse says. */
  note(w: Work, doc: DocLike): void;
  /**
   * Reads the session's documents soon, for every stored item in it (a run or a reparse was just started).
   * `configHash`, when given, becomes the session's: the parse its rows show is the one for that hash.
   */
  refresh(sessionId: string, configHash?: string | null): void;
  /** The session's config hash as last learnt (a run's answer, its results), or null. */
  configHash(sessionId: string): string | null;
  learnConfigHash(sessionId: string, configHash: string | null | undefined): void;
  readonly poller: Poller;
}

export function createParseWatch(rt: Runtime, t: Pick<Transitions, 'setState'>, docs: Pick<SessionDocsCache, 'remember'>, online: () => boolean): ParseWatch {
  /** Sessions whose next poll looks at every stored item, not only those with a parse under way. */
  const refreshAll = new Set<string>();
  /** Each session's config hash, learnt from a run's answer or its results (memory only: a restart reads it again). */
  const hashes = new Map<string, string>();

  const note = (w: Work, doc: DocLike): void => {
    const s = w.item.state;
    if (s.status !== 'done') return;
    const documentStatus = doc.status ?? s.documentStatus;
    const parsings = parsingsOf(doc);
    const configHash = hashes.get(s.sessionId) ?? s.configHash ?? null;
    w.documentStatus = documentStatus;
    w.parsings = parsings;
    // An unchanged poll answer is no event and no journal record.
    const same = s.documentStatus === documentStatus && (s.configHash ?? null) === configHash && JSON.stringify(s.parsings) === JSON.stringify(parsings);
    if (same) return;
    t.setState(w, configHash ? { ...s, documentStatus, parsings, configHash } : { ...s, documentStatus, parsings });
  };

  const stored = (sessionId: string, all: boolean): Work[] => {
    if (all) return [...rt.store.works.values()].filter((w) => w.item.state.status === 'done' && w.sessionId === sessionId);
    return [...(rt.store.watchBySession.get(sessionId) ?? [])].map((id) => rt.store.works.get(id)).filter((w): w is Work => !!w && w.item.state.status === 'done');
  };
  const stillWatched = (sessionId: string): boolean => (rt.store.watchBySession.get(sessionId)?.size ?? 0) > 0;

  const pollSession = async (sessionId: string): Promise<PollOutcome> => {
    const all = refreshAll.delete(sessionId);
    const items = stored(sessionId, all);
    if (items.length === 0) return { keep: false };
    try {
      const list = await rt.client.listSessionDocuments(sessionId);
      if (rt.closed) return { keep: false };
      const byId = new Map(list.map((d) => [d.id, d]));
      const bySha = new Map(list.filter((d) => d.sha256).map((d) => [d.sha256!, d]));
      for (const d of list) docs.remember(sessionId, d);
      for (const w of items) {
        const doc = (w.documentId && byId.get(w.documentId)) || (w.sha256 ? bySha.get(w.sha256) : undefined);
        if (doc) note(w, doc);
      }
      return { keep: stillWatched(sessionId) };
    } catch (err) {
      if (rt.closed) return { keep: false };
      const d = classifyError(err);
      // Display only: a refusal (the session was deleted, an ability is missing) ends the watch, nothing fails.
      if (d.kind === 'fail' || d.kind === 'signed-out') return { keep: false };
      if (all) refreshAll.add(sessionId);
      return { keep: true, failed: true, minDelayMs: d.kind === 'retry' ? (d.retryAfterMs ?? 0) : 0 };
    }
  };

  const poller = createPoller({ initialMs: rt.cfg.poll.initial, maxMs: rt.cfg.poll.max, poll: pollSession, active: () => !rt.closed && online(), clock: rt.clock });
  const learnConfigHash = (sessionId: string, configHash: string | null | undefined): void => {
    if (configHash) hashes.set(sessionId, configHash);
  };
  return {
    note,
    refresh(sessionId, configHash) {
      learnConfigHash(sessionId, configHash);
      refreshAll.add(sessionId);
      poller.ensure(sessionId, true);
    },
    configHash: (sessionId) => hashes.get(sessionId) ?? null,
    learnConfigHash,
    poller,
  };
}
