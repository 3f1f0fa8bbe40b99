// The run and result channels over the runs tracker and the Excel exports; the app service merges these handlers into its own.
import { join } from 'node:path';
import type { ExtractionResult } from '../../../shared/api';
import type { IpcHandlers } from '../desktop/ipc-dispatch';
import type { QueueItem } from '../../../shared/queue';
import type { RunView } from '../../../shared/runs';
import { saveAllExcel, saveResultExcel, type ExportClient, type SaveTarget } from './excel-export';
import { realClock, type TimerHandle } from '../engine';
import { createRunAnnouncer } from './run-announcer';
import { createRunTracker, type Clock, type RunsClient, type RunTracker, type SessionLabel } from './run-tracker';
import { newestFirst, runViewOf } from './run-view';
import { createRunsFile } from './runs-file';
import type { KnownSession } from './known-session';

export type RunsChannel = 'results:run' | 'results:list' | 'results:get' | 'results:save-excel' | 'results:save-all' | 'runs:list';

export interface RunsServiceDeps {
  /** For what a person does once (start a run, save a file): the upload lane's client. */
  client: ExportClient & { runExtraction(sessionId: string): Promise<ExtractionResult> };
  /** For polling (the tracker, the documents view's reads): a client paced in the limiter's background lane. */
  background: RunsClient;
  userDataDir: string;
  chooseSaveTarget(target: SaveTarget): Promise<string | null>;
  /** What this app knows of a session (its name, workspace, template) from the queue and the recents. */
  knownSession(sessionId: string): KnownSession;
  /** The app's own follow-up to a run it started (the config hash for reparses, the queue rows' parse track). */
  started(sessionId: string, result: ExtractionResult): void;
  emitRuns(runs: RunView[]): void;
  log(level: 'info' | 'warn', message: string, context?: Record<string, unknown>): void;
  clock?: Clock;
  /** Runs settling within this long of each other are announced together (a one-per-file batch makes one summary). */
  announceGatherMs?: number;
  /** runs:changed goes out at most this often (default 250 ms): a batch of hundreds of runs is one list per message. */
  emitIntervalMs?: number;
}

export interface RunsService {
  handlers: Pick<IpcHandlers, RunsChannel>;
  /** Queue items as the engine reports them: a stored file of an auto_extract one-per-file session has a run to find. */
  noteItems(items: readonly QueueItem[]): void;
  /** Runs that settled (announced once each, also after a restart); held until the first listener subscribes. */
  onSettled(listener: (runs: RunView[]) => void): () => void;
  /** Starts polling (runs remembered from the last start included). */
  start(): void;
  close(): void;
}

/** The channels: a run started here is followed and announced; one found in a session's list is followed quietly. */
function runsHandlers(deps: RunsServiceDeps, tracker: RunTracker, clock: Clock): Pick<IpcHandlers, RunsChannel> {
  const label = (sessionId: string): SessionLabel => {
    const { sessionName, workspaceId } = deps.knownSession(sessionId);
    return { sessionId, sessionName, workspaceId };
  };
  const exportDeps = {
    client: deps.client,
    chooseSaveTarget: deps.chooseSaveTarget,
    hint: (id: string) => {
      const d = deps.knownSession(id);
      return { name: d.sessionName, templateId: d.templateId, templateName: d.templateName };
    },
    scratchDir: join(deps.userDataDir, 'exports'),
  };
  return {
    'results:run': async ({ sessionId }) => {
      const result = await deps.client.runExtraction(sessionId);
      deps.started(sessionId, result);
      return tracker.track(result, label(sessionId), { notify: true });
    },
    'results:list': async ({ sessionId }) => {
      const results = await deps.background.listResults(sessionId);
      const l = label(sessionId);
      return results
        .map((r) => {
          // A run already followed shows what its last poll read (the list has summary fields only).
          const known = tracker.get(r.id);
          if (known) return known;
          const view = runViewOf(r, { ...l, firstSeenAt: clock.now(), settledAt: null }, clock.now());
          // One still in motion (started elsewhere, or before this app knew) is followed from now on, quietly.
          return view.settledAt === null ? tracker.track(r, l, { notify: false }) : view;
        })
        .sort(newestFirst);
    },
    'results:get': async ({ resultId }) => deps.background.getResult(resultId),
    'results:save-excel': async ({ resultId }) => saveResultExcel(exportDeps, resultId, tracker.get(resultId)?.sessionName ?? null),
    'results:save-all': async ({ sessionIds }) => saveAllExcel(exportDeps, sessionIds),
    'runs:list': async () => tracker.list(),
  };
}

export function createRunsService(deps: RunsServiceDeps): RunsService {
  const clock = deps.clock ?? realClock;
  const announcer = createRunAnnouncer(clock, deps.announceGatherMs ?? 300, deps.log);
  const emitMs = deps.emitIntervalMs ?? 250;
  let emitTimer: TimerHandle | null = null;

  const tracker = createRunTracker({
    client: deps.background,
    file: createRunsFile(deps.userDataDir),
    clock,
    log: deps.log,
    announce: (run) => announcer.add(run),
    changed() {
      // Each message carries every run: many changes (a one-per-file batch) share one message per interval.
      emitTimer ??= clock.setTimeout(() => {
        emitTimer = null;
        deps.emitRuns(tracker.list());
      }, emitMs);
    },
  });

  return {
    handlers: runsHandlers(deps, tracker, clock),
    noteItems(items) {
      for (const item of items) {
        const s = item.state;
        if (item.target.kind !== 'session-per-file' || !item.target.autoExtract || s.status !== 'done') continue;
        tracker.discover({ sessionId: s.sessionId, sessionName: item.name, workspaceId: item.target.workspaceId });
      }
    },
    onSettled: (listener) => announcer.subscribe(listener),
    start: () => tracker.start(),
    close() {
      tracker.close();
      announcer.close();
      if (emitTimer !== null) clock.clearTimeout(emitTimer);
      emitTimer = null;
    },
  };
}
