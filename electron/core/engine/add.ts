// Turns dropped paths into one batch of queued items: intake refusals reported, files already queued for the target
// skipped (looked up in the store's path index, not by scanning the queue), stored unchanged ones too when asked.
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { isTerminal, type IntakeReport, type Target } from '../../../shared/queue';
import { intakePaths } from '../intake/intake';
import type { EngineEvents } from './events';
import { save } from './journal-writes';
import type { AddOptions } from './options';
import type { Runtime } from './runtime';
import { hydrate, targetKey, type Work } from './work';

/** Stored for the target with this content, and the file still has the size and mtime it had when it was hashed. */
function storedUnchanged(w: Work, f: { size: number; mtimeMs: number }): boolean {
  return w.item.state.status === 'done' && !!w.sha256 && w.hashedSize === f.size && w.hashedMtimeMs === f.mtimeMs;
}

export function createAdd(
  rt: Runtime,
  events: EngineEvents,
  deps: { start(): Promise<void>; removeWork(w: Work): void; pump(): void; forgetSession(sessionId: string): void },
): (paths: string[], target: Target, opts?: AddOptions) => Promise<IntakeReport> {
  const { store } = rt;
  return async (paths, target, opts = {}) => {
    await deps.start();
    // Each batch reads its session afresh: since the last one, documents may have been detached in the dashboard or
    // attached by someone else, and the cache would call them there (never uploaded) or not there (attached twice).
    if (target.kind === 'session') deps.forgetSession(target.sessionId);
    const batchId = randomUUID();
    const res = await intakePaths(paths);
    let duplicates = res.duplicates;
    const tk = targetKey(target);
    const ids = new Set<string>();
    let unchanged = 0;
    const { origin } = opts;
    store.batches.set(batchId, { ids, origin, refused: res.refused.length, active: 0, finishedEmitted: false });
    const now = rt.clock.now();
    for (const f of res.accepted) {
      const existing = store.byPath(tk, f.realPath);
      if (existing && !isTerminal(existing.item.state)) {
        duplicates++;
        continue;
      }
      if (existing && opts.skipUnchanged && storedUnchanged(existing, f)) {
        unchanged++;
        continue;
      }
      if (existing) deps.removeWork(existing); // finished before: queue it afresh (dedup makes it "already in session")
      const id = randomUUID();
      const w = hydrate({
        item: { id, path: f.path, name: basename(f.path), size: f.size, format: f.format, target, batchId, addedAt: now, state: { status: 'queued' }, ...(f.note ? { note: f.note } : {}), ...(origin ? { origin } : {}) },
        realPath: f.realPath,
        next: 'hashing',
        sha256: null,
        hashedSize: null,
        hashedMtimeMs: null,
        key: null,
        sessionId: target.kind === 'session' ? target.sessionId : null,
        documentId: null,
        documentStatus: '',
        parsings: [],
        verifyBeforeAttach: false,
      });
      if (rt.globalPaused) w.item = { ...w.item, state: { status: 'paused', step: 'queued' } };
      store.works.set(id, w);
      store.indexPath(w);
      ids.add(id);
      store.track(w, null, w.item.state);
      save(rt, w);
      events.markDirty(w);
    }
    // One fsync for the whole batch.
    rt.journal?.sync();
    const report: IntakeReport = {
      batchId,
      ...(origin ? { origin } : {}),
      accepted: ids.size,
      duplicates,
      ...(unchanged ? { unchanged } : {}),
      skipped: res.skipped,
      ...(res.linksOutside ? { linksOutside: res.linksOutside } : {}),
      refused: res.refused,
    };
    events.emit({ type: 'intake', report });
    if (ids.size === 0) {
      store.batches.delete(batchId);
      events.emit({ type: 'batch-finished', batchId, ...(origin ? { origin } : {}), uploaded: 0, alreadyThere: 0, failed: 0, refused: res.refused.length });
    }
    deps.pump();
    return report;
  };
}
