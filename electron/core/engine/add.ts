// Turns dropped paths into one batch of queued items, queued group by group while the walk goes on (the first files
// can be hashed and uploaded before the last are found): intake refusals reported, files already queued for the
// target skipped (looked up in the store's path index, not by scanning the queue), stored unchanged ones too when asked.
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { isTerminal, type IntakeReport, type Target } from '../../../shared/queue';
import { intakeStream, type AcceptedFile } from '../intake/intake';
import type { EngineEvents } from './events';
import { save } from './journal-writes';
import type { AddOptions } from './options';
import type { Runtime } from './runtime';
import type { Batch } from './store';
import { hydrate, targetKey, type Work } from './work';

/** Stored for the target with this content, and the file still has the size and mtime it had when it was hashed. */
function storedUnchanged(w: Work, f: { size: number; mtimeMs: number }): boolean {
  return w.item.state.status === 'done' && !!w.sha256 && w.hashedSize === f.size && w.hashedMtimeMs === f.mtimeMs;
}

interface AddDeps {
  start(): Promise<void>;
  removeWork(w: Work): void;
  pump(): void;
  forgetSession(sessionId: string): void;
}

/** One add() call's batch and what it counted while queueing. */
interface Intake {
  batchId: string;
  batch: Batch;
  target: Target;
  opts: AddOptions;
  accepted: number;
  duplicates: number;
  unchanged: number;
}

function newWork(rt: Runtime, f: AcceptedFile, intake: Intake, now: number): Work {
  const { target, batchId } = intake;
  const { origin } = intake.opts;
  const w = hydrate({
    item: { id: randomUUID(), path: f.path, name: basename(f.path), size: f.size, format: f.format, target, batchId, addedAt: now, state: { status: 'queued' }, ...(f.note ? { note: f.note } : {}), ...(origin ? { origin } : {}) },
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
  return w;
}

/** Queues one group of accepted files; false once the intake should stop (cancel all, or the engine closing). */
function queueGroup(rt: Runtime, events: EngineEvents, deps: AddDeps, intake: Intake, files: AcceptedFile[]): boolean {
  const { store } = rt;
  if (rt.closed || intake.batch.intakeStop) return false;
  const tk = targetKey(intake.target);
  // The group's records go out in one write(2), and their durable flag costs one group fsync.
  const queue = (): void => {
    const now = rt.clock.now();
    for (const f of files) {
      const existing = store.byPath(tk, f.realPath);
      if (existing && !isTerminal(existing.item.state)) {
        intake.duplicates++;
        continue;
      }
      if (existing && intake.opts.skipUnchanged && storedUnchanged(existing, f)) {
        intake.unchanged++;
        continue;
      }
      if (existing) deps.removeWork(existing); // finished before: queue it afresh (dedup makes it "already in session")
      const w = newWork(rt, f, intake, now);
      store.works.set(w.item.id, w);
      store.indexPath(w);
      intake.batch.ids.add(w.item.id);
      intake.accepted++;
      store.track(w, null, w.item.state);
      save(rt, w, true);
      events.markDirty(w);
    }
  };
  if (rt.journal) rt.journal.batch(queue);
  else queue();
  deps.pump();
  return !intake.batch.intakeStop;
}

export function createAdd(rt: Runtime, events: EngineEvents, deps: AddDeps): (paths: string[], target: Target, opts?: AddOptions) => Promise<IntakeReport> {
  const { store } = rt;
  return async (paths, target, opts = {}) => {
    await deps.start();
    // Each batch reads its session afresh: since the last one, documents may have been detached in the dashboard or
    // attached by someone else, and the cache would call them there (never uploaded) or not there (attached twice).
    if (target.kind === 'session') deps.forgetSession(target.sessionId);
    const { origin } = opts;
    const batch: Batch = { ids: new Set(), origin, refused: 0, active: 0, finishedEmitted: false, intakeOpen: true, intakeStop: false };
    const batchId = randomUUID();
    const intake: Intake = { batchId, batch, target, opts, accepted: 0, duplicates: 0, unchanged: 0 };
    store.batches.set(batchId, batch);
    store.intakes++;
    let res;
    try {
      res = await intakeStream(paths, (files) => queueGroup(rt, events, deps, intake, files));
    } finally {
      batch.intakeOpen = false;
      store.intakes--;
      // Every group was group-committed; one fsync more covers the last before add() says they are queued.
      rt.journal?.sync();
    }
    batch.refused = res.refused.length;
    const report: IntakeReport = {
      batchId,
      ...(origin ? { origin } : {}),
      accepted: intake.accepted,
      duplicates: res.duplicates + intake.duplicates,
      ...(intake.unchanged ? { unchanged: intake.unchanged } : {}),
      skipped: res.skipped,
      ...(res.linksOutside ? { linksOutside: res.linksOutside } : {}),
      refused: res.refused,
    };
    events.emit({ type: 'intake', report });
    if (batch.ids.size === 0) {
      store.batches.delete(batchId);
      events.emit({ type: 'batch-finished', batchId, ...(origin ? { origin } : {}), uploaded: 0, alreadyThere: 0, failed: 0, refused: res.refused.length });
    } else events.maybeFinishBatch(batchId); // its items may all have finished while the walk went on
    deps.pump();
    queueMicrotask(store.checkIdle);
    return report;
  };
}
