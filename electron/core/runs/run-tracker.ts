// Follows runs until they settle: polls each only while it is in motion (backing off), remembers them on disk, announces each settling once.
import type { ExtractionResult } from '../../../shared/api';
import { isRunSettled } from '../../../shared/result-table';
import type { RunView } from '../../../shared/runs';
import { isApiError } from '../api/api-error';
import { realClock } from '../engine';
import { createDuePump, type Clock, type DueJob } from './due-pump';
import { DISCOVERY_ATTEMPTS, discoveryDelay, nextPollDelay } from './run-poll-policy';
import { newestFirst, runViewOf } from './run-view';
import type { PendingDiscovery, RunsFile, TrackedRun } from './runs-file';

/** The two reads the tracker makes; the app hands it a client paced in the limiter's background lane. */
export interface RunsClient {
  getResult(id: string, signal?: AbortSignal): Promise<ExtractionResult>;
  listResults(sessionId: string, signal?: AbortSignal): Promise<ExtractionResult[]>;
}

export type { Clock };

export interface SessionLabel {
  sessionId: string;
  sessionName: string | null;
  workspaceId: number | null;
}

export interface RunTrackerOptions {
  client: RunsClient;
  file: RunsFile;
  clock?: Clock;
  /** Polls in flight at once (a one-per-file batch can start hundreds of runs). */
  maxInFlight?: number;
  /** Called once per run that settles while followed, also after a restart; not for runs found already settled. */
  announce(run: RunView): void;
  /** Something a listed run shows changed. */
  changed(): void;
  log?(level: 'info' | 'warn', message: string, context?: Record<string, unknown>): void;
}

export interface RunTracker {
  /** Follows a run from now on (a run the app started, or one found in motion); returns what it shows. */
  track(result: ExtractionResult, label: SessionLabel, opts: { notify: boolean }): RunView;
  /** A stored file of an auto_extract session: look for the run the server starts, then follow it. */
  discover(label: SessionLabel): void;
  get(resultId: string): RunView | null;
  /** Every run followed in this app's life, newest first. */
  list(): RunView[];
  /** Starts polling what the file held (after the listeners are in place). */
  start(): void;
  close(): void;
}

/** A run in flight for longer than this when the app starts is left to the server (the window can still list it). */
const RESUME_LIMIT_MS = 7 * 24 * 3600_000;

interface RunEntry {
  run: TrackedRun;
  dueAt: number | null;
  delay: number | null;
  inFlight: boolean;
}

interface DiscoveryEntry {
  pending: PendingDiscovery;
  dueAt: number;
  inFlight: boolean;
}

function toView(run: TrackedRun): RunView {
  const { firstSeenAt: _f, notify: _n, announced: _a, ...view } = run;
  return view;
}

export function createRunTracker(opts: RunTrackerOptions): RunTracker {
  const clock = opts.clock ?? realClock;
  const log = opts.log ?? (() => undefined);
  const runs = new Map<string, RunEntry>();
  const discoveries = new Map<string, DiscoveryEntry>();
  const saved = opts.file.load();
  const discovered = new Set(saved.discovered);
  const abort = new AbortController();
  let started = false;
  let closed = false;

  const now0 = clock.now();
  for (const run of saved.runs) {
    if (!isRunSettled(run.status) && now0 - run.firstSeenAt > RESUME_LIMIT_MS) continue;
    runs.set(run.resultId, { run, dueAt: isRunSettled(run.status) ? null : now0, delay: null, inFlight: false });
  }
  for (const pending of saved.pending) discoveries.set(pending.sessionId, { pending, dueAt: now0, inFlight: false });

  function persist(): void {
    const kept = [...runs.values()].map((e) => e.run).filter((r) => !isRunSettled(r.status) || (r.notify && !r.announced));
    try {
      opts.file.save({ version: 1, runs: kept, pending: [...discoveries.values()].map((d) => d.pending), discovered: [...discovered] });
    } catch (err) {
      // The runs go on in memory; only a restart would forget them.
      log('warn', `could not save the runs file: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  function announceIfDue(e: RunEntry): void {
    if (!started || !e.run.notify || e.run.announced || !isRunSettled(e.run.status)) return;
    e.run.announced = true;
    opts.announce(toView(e.run));
  }

  /** Takes the server's answer; true when anything shown changed, and whether the state did. */
  function apply(e: RunEntry, result: ExtractionResult): { changed: boolean; moved: boolean } {
    const before = toView(e.run);
    const view = runViewOf(result, { ...before, firstSeenAt: e.run.firstSeenAt }, clock.now());
    e.run = { ...e.run, ...view, resultId: e.run.resultId };
    return { changed: JSON.stringify(toView(e.run)) !== JSON.stringify(before), moved: before.status !== view.status };
  }

  function settleOrReschedule(e: RunEntry, moved: boolean): void {
    if (isRunSettled(e.run.status)) {
      e.dueAt = null;
      announceIfDue(e);
      return;
    }
    e.delay = nextPollDelay(e.delay, moved);
    e.dueAt = clock.now() + e.delay;
  }

  async function pollRun(e: RunEntry): Promise<void> {
    let outcome = { changed: false, moved: false };
    try {
      outcome = apply(e, await opts.client.getResult(e.run.resultId, abort.signal));
    } catch (err) {
      if (closed) return;
      if (isApiError(err) && err.code === 'not-found') {
        // Deleted on the server: nothing left to wait for, and nothing to announce as finished.
        e.run = { ...e.run, status: 'unknown', settledAt: clock.now(), failure: 'Raydocs no longer has this run.', notify: false };
        outcome = { changed: true, moved: true };
      } else {
        log('warn', `could not read run ${e.run.resultId}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (closed) return;
    settleOrReschedule(e, outcome.moved);
    if (outcome.changed) {
      persist();
      opts.changed();
    }
  }

  function addRun(result: ExtractionResult, label: SessionLabel, notify: boolean): RunEntry {
    const run: TrackedRun = {
      ...runViewOf(result, { ...label, firstSeenAt: clock.now(), settledAt: null }, clock.now()),
      sessionName: label.sessionName,
      firstSeenAt: clock.now(),
      // A run already settled when first seen is not news, unless the app started it (or its file's upload did).
      notify,
      announced: false,
    };
    const e: RunEntry = { run, dueAt: null, delay: null, inFlight: false };
    runs.set(run.resultId, e);
    settleOrReschedule(e, true);
    persist();
    opts.changed();
    return e;
  }

  async function lookForRun(d: DiscoveryEntry): Promise<void> {
    let found: ExtractionResult | undefined;
    try {
      const list = await opts.client.listResults(d.pending.sessionId, abort.signal);
      found = list.map((r) => ({ r, v: runViewOf(r, { ...d.pending, firstSeenAt: 0, settledAt: null }, 0) })).sort((a, b) => newestFirst(a.v, b.v))[0]?.r;
    } catch (err) {
      if (closed) return;
      log('warn', `could not list the runs of session ${d.pending.sessionId}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (closed) return;
    if (found) {
      discoveries.delete(d.pending.sessionId);
      if (!runs.has(found.id)) addRun(found, d.pending, true);
      else persist();
      return;
    }
    d.pending = { ...d.pending, attempts: d.pending.attempts + 1 };
    if (d.pending.attempts >= DISCOVERY_ATTEMPTS) {
      discoveries.delete(d.pending.sessionId);
      log('info', 'no run appeared for an auto-extract session', { sessionId: d.pending.sessionId });
    } else {
      d.dueAt = clock.now() + discoveryDelay(d.pending.attempts);
    }
    persist();
  }

  /** Runs first, then discoveries: of two things due at the same time, a run is polled first. */
  function* jobs(): Iterable<DueJob> {
    for (const e of runs.values()) yield { entry: e, go: () => pollRun(e) };
    for (const d of discoveries.values()) yield { entry: d, go: () => lookForRun(d) };
  }
  const pump = createDuePump({ clock, maxInFlight: opts.maxInFlight ?? 4, jobs });

  return {
    track(result, label, { notify }) {
      const known = runs.get(result.id);
      if (!known) {
        const added = addRun(result, label, notify);
        pump.arm();
        return toView(added.run);
      }
      const { changed, moved } = apply(known, result);
      if (notify) known.run.notify = true;
      if (!known.inFlight) settleOrReschedule(known, moved);
      if (changed) {
        persist();
        opts.changed();
      }
      pump.arm();
      return toView(known.run);
    },
    discover(label) {
      if (discovered.has(label.sessionId) || discoveries.has(label.sessionId)) return;
      discovered.add(label.sessionId);
      discoveries.set(label.sessionId, { pending: { ...label, since: clock.now(), attempts: 0 }, dueAt: clock.now(), inFlight: false });
      persist();
      pump.arm();
    },
    get: (resultId) => {
      const e = runs.get(resultId);
      return e ? toView(e.run) : null;
    },
    list: () => [...runs.values()].map((e) => toView(e.run)).sort(newestFirst),
    start() {
      if (started || closed) return;
      started = true;
      // Settled before the last quit but never announced: announce now.
      for (const e of runs.values()) announceIfDue(e);
      persist();
      pump.start();
    },
    close() {
      closed = true;
      pump.close();
      abort.abort();
    },
  };
}
