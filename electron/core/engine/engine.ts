// The upload engine: composes the store, the steps (hash → check → upload → attach), the parse watch, controls and events.
import { createAdd } from './add';
import { createAttachStep } from './attach-step';
import { createBandwidth } from './bandwidth';
import { createCheckStep } from './check-step';
import { realClock } from './clock';
import { createConnectivity } from './connectivity';
import { createControls } from './controls';
import { createDedup } from './dedup';
import { createEvents } from './events';
import { createFailures } from './failures';
import { createHashStep } from './hash-step';
import { resolveConfig, type EngineOptions, type UploadEngine } from './options';
import { createParseWatch } from './parse-watch';
import { heldItems, loadQueue } from './recovery';
import { cancelRun } from './run';
import type { Runtime } from './runtime';
import { createScheduler } from './scheduler';
import { createSessionDocsCache } from './session-docs';
import { createItemStore } from './store';
import { createTransitions } from './transitions';
import { createWorkspaceDocs } from './workspace-docs';
import { createUploadStep } from './upload-step';

export type { EngineOptions, UploadEngine } from './options';
export { ReparseError } from './controls';

// Past 60 lines on purpose: the engine's composition root (as createAppService is the app's), the one place that shows
// which part depends on which; the methods it returns are one-liners onto those parts.
export function createEngine(opts: EngineOptions): UploadEngine {
  const cfg = resolveConfig(opts);
  const clock = opts.clock ?? realClock;
  // The parts call each other in a cycle (a state change can start a poll, a poll can change states), so the
  // arrows below bind late: every part exists before any of them runs.
  const rt: Runtime = {
    cfg,
    clock,
    client: opts.client,
    bandwidth: createBandwidth(opts.bandwidthLimitBps ?? 0, clock),
    store: createItemStore((sessionId) => parse.poller.ensure(sessionId)),
    journal: null,
    held: new Map(),
    closed: false,
    globalPaused: false,
    concurrency: Math.max(1, opts.concurrency ?? 4),
    hashingNow: 0,
    checkingNow: 0,
    uploadingNow: 0,
    uploadedBytes: 0,
    keepFileNames: opts.keepFileNames ?? true,
  };
  const pump = (): void => scheduler.pump();
  const schedulePump = (): void => scheduler.schedulePump();

  const events = createEvents(rt, () => link.state);
  const transitions = createTransitions(rt, events, { releaseFollowers: (w) => dedup.releaseFollowers(w), schedulePump });
  const dedup = createDedup(rt, transitions);
  const failures = createFailures(rt, transitions, events, { link: () => link, poller: () => parse.poller, pump });
  const link = createConnectivity({ probe: () => rt.client.listWorkspaces(), initialMs: cfg.probe.initial, maxMs: cfg.probe.max, onChange: failures.onConnectivity, clock });
  const sessionDocs = createSessionDocsCache(rt);
  const parse = createParseWatch(rt, transitions, sessionDocs, () => link.state.state === 'online');
  const workspace = createWorkspaceDocs(rt, events, sessionDocs);
  const attach = createAttachStep(rt, transitions, sessionDocs, { handleError: failures.handleError, schedulePump, events, workspace });
  const upload = createUploadStep(rt, transitions, events, { handleError: failures.handleError, schedulePump });
  const scheduler = createScheduler(rt, () => link.state.state === 'online', {
    runHash: createHashStep(rt, transitions, events, { followLeader: dedup.followLeader, schedulePump }),
    runCheck: createCheckStep(rt, transitions, sessionDocs, { followLeader: dedup.followLeader, handleError: failures.handleError, schedulePump, workspace }),
    runUpload: upload.run,
    enqueueAttach: attach.enqueue,
    attachFull: attach.full,
  });
  const controls = createControls(rt, transitions, events, { releaseFollowers: dedup.releaseFollowers, pump, watch: parse, abandonUpload: upload.abandon });

  let started: Promise<void> | null = null;
  const start = (): Promise<void> => {
    started ??= (async () => {
      await loadQueue(rt);
      events.markAllDirty();
      pump();
      // The recovered queue and its summary, now (markAllDirty left them pending).
      events.flush();
    })();
    return started;
  };
  const add = createAdd(rt, events, { start, removeWork: controls.removeWork, pump, forgetSession: sessionDocs.forget });

  return {
    start,
    add,
    snapshot: () => ({ items: [...rt.store.works.values()].map((w) => w.item), summary: events.summary() }),
    on: events.on,
    // A paused or removed item may have been its target's first upload (upload-gate.ts): let the next one go.
    pause(ids) {
      controls.pause(ids);
      pump();
    },
    resume: controls.resume,
    cancel: controls.cancel,
    retry: controls.retry,
    remove(ids) {
      controls.remove(ids);
      pump();
    },
    clearFinished: controls.clearFinished,
    cancelAll: controls.cancelAll,
    retryFailed: controls.retryFailed,
    removeBatch: controls.removeBatch,
    reparse: controls.reparse,
    refreshDocuments: (sessionId, configHash) => parse.refresh(sessionId, configHash),
    probeNow() {
      link.probeNow();
    },
    signedIn() {
      link.signedIn();
      failures.wakeBlocked('signed-out');
      parse.poller.kickAll();
      events.trigger();
      pump();
    },
    setConcurrency(n) {
      rt.concurrency = Math.max(1, Math.floor(n));
      // Lowering it lets in-flight uploads finish; raising it starts more now.
      pump();
    },
    setKeepFileNames(on) {
      rt.keepFileNames = on;
    },
    setBandwidthLimit(bps) {
      rt.bandwidth.setLimit(bps);
    },
    whenIdle: () => rt.store.whenIdle(),
    held: () => heldItems(rt),
    async close() {
      if (rt.closed) return;
      events.flush();
      rt.closed = true;
      for (const w of rt.store.works.values()) {
        cancelRun(w);
        clock.clearTimeout(w.timer);
      }
      attach.close();
      scheduler.close();
      parse.poller.close();
      link.close();
      events.close();
      rt.journal?.close();
      rt.store.releaseIdleWaiters();
    },
  };
}
