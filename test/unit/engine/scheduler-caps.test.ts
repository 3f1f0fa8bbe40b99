// The scheduler's caps on checks and attaches under way: a restart of a large queue starts them a slot at a time, not
// all in one tick, and the rest follow as slots free.
import { describe, expect, it } from 'vitest';
import { realClock } from '../../../electron/core/engine/clock';
import type { Run } from '../../../electron/core/engine/run';
import type { Runtime } from '../../../electron/core/engine/runtime';
import { CHECKS_IN_FLIGHT, createScheduler, type StepRunners } from '../../../electron/core/engine/scheduler';
import { createItemStore } from '../../../electron/core/engine/store';
import { hydrate, pendingState, type PersistedWork, type Work } from '../../../electron/core/engine/work';

const record = (i: number, next: 'checking' | 'attaching'): PersistedWork => ({
  item: {
    id: `it-${i}`,
    path: `/f/${i}.pdf`,
    name: `${i}.pdf`,
    size: 10,
    format: 'pdf',
    target: { kind: 'session', sessionId: 's', sessionName: 'S', workspaceId: 1 },
    batchId: 'b',
    addedAt: i,
    state: { status: 'queued' },
  },
  realPath: `/f/${i}.pdf`,
  next,
  sha256: i.toString(16).padStart(64, '0'),
  hashedSize: 10,
  hashedMtimeMs: 5,
  key: next === 'attaching' ? `tmp/${i}` : null,
  sessionId: null,
  documentId: null,
  documentStatus: '',
  parsings: [],
  verifyBeforeAttach: false,
});

function runtimeWith(works: Work[]): Runtime {
  const store = createItemStore(() => undefined);
  for (const w of works) {
    w.item = { ...w.item, state: pendingState(w) };
    store.works.set(w.item.id, w);
    store.track(w, null, w.item.state);
  }
  const rt = { cfg: { hashConcurrency: 2, oneUploadUntilAttached: false }, clock: realClock, store, journal: {}, closed: false, concurrency: 4, hashingNow: 0, checkingNow: 0, uploadingNow: 0 };
  return rt as unknown as Runtime;
}

describe('scheduler caps', () => {
  it('starts at most CHECKS_IN_FLIGHT checks; each check that ends lets the next one start, until all ran', () => {
    const count = CHECKS_IN_FLIGHT * 2 + 7;
    const rt = runtimeWith(Array.from({ length: count }, (_, i) => hydrate(record(i, 'checking'))));
    const under: Array<{ w: Work; run: Run }> = [];
    const started = new Set<string>();
    const steps: StepRunners = {
      runHash: () => Promise.resolve(),
      runUpload: () => Promise.resolve(),
      enqueueAttach: () => undefined,
      attachFull: () => false,
      runCheck: (w, run) => {
        rt.checkingNow++;
        started.add(w.item.id);
        under.push({ w, run });
        return Promise.resolve();
      },
    };
    const scheduler = createScheduler(rt, () => true, steps);
    scheduler.pump();
    expect(under).toHaveLength(CHECKS_IN_FLIGHT);
    // Three checks end (their items move on): three more start, no more.
    for (const { run } of under.splice(0, 3)) {
      run.finish();
      rt.checkingNow--;
    }
    scheduler.pump();
    expect(started.size).toBe(CHECKS_IN_FLIGHT + 3);
    expect(rt.checkingNow).toBe(CHECKS_IN_FLIGHT);
    while (under.length > 0) {
      for (const { run } of under.splice(0)) {
        run.finish();
        rt.checkingNow--;
      }
      scheduler.pump();
    }
    expect(started.size).toBe(count);
  });

  it('leaves attaches in line while the attach step is full, and enqueues them once it has room', () => {
    const rt = runtimeWith(Array.from({ length: 30 }, (_, i) => hydrate(record(i, 'attaching'))));
    const enqueued: string[] = [];
    let room = 12;
    const steps: StepRunners = {
      runHash: () => Promise.resolve(),
      runUpload: () => Promise.resolve(),
      runCheck: () => Promise.resolve(),
      attachFull: () => enqueued.length >= room,
      enqueueAttach: (w) => {
        w.inAttachBatch = true;
        enqueued.push(w.item.id);
      },
    };
    const scheduler = createScheduler(rt, () => true, steps);
    scheduler.pump();
    expect(enqueued).toHaveLength(12);
    scheduler.pump();
    expect(enqueued).toHaveLength(12);
    room = 30;
    scheduler.pump();
    expect(new Set(enqueued).size).toBe(30);
  });
});
