// The app's watched folders: kept in watches.json, each run by the core watch over the app's own engine, shown to the
// window without their paths, and announced once per quiet period rather than once per file.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { targetSchema } from '../../../shared/ipc';
import type { Target } from '../../../shared/queue';
import type { WatchView } from '../../../shared/watch';
import { AppError } from '../desktop/app-error';
import type { IpcHandlers } from '../desktop/ipc-dispatch';
import { readJsonFile, writeJsonFile } from '../desktop/json-file';
import type { Logger } from '../desktop/log-file';
import { realClock, type Clock, type TimerHandle, type UploadEngine } from '../engine';
import { openPathIndex, type PathIndex } from '../watch/path-index';
import { startWatch, type WatchEvent, type WatchRunner, type WatchStatus } from '../watch/watch-runner';
import { createEmitter } from './emitter';
import type { Emit } from './event-hub';

export type WatchChannel = 'watches:list' | 'watches:add' | 'watches:remove' | 'watches:pause' | 'watches:resume';

export const WATCHES_FILE = 'watches.json';
/** No file stored for this long after some were: the watch's quiet period ends, and one notification says so. */
export const QUIET_MS = 10_000;
const EMIT_MS = 250;

const specSchema = z.object({
  id: z.string(),
  folder: z.string(),
  target: targetSchema,
  recursive: z.boolean(),
  settleMs: z.number(),
  after: z.enum(['leave', 'move']),
  paused: z.boolean(),
});
type WatchSpec = z.infer<typeof specSchema>;
const fileSchema = z.object({ watches: z.array(specSchema) });

/** What a quiet period brought: "12 files from Scans stored in March invoices". */
export interface WatchQuiet {
  folderName: string;
  target: Target;
  stored: number;
}

export interface WatchServiceDeps {
  userDataDir: string;
  engine: Pick<UploadEngine, 'add' | 'on' | 'snapshot'>;
  pickFolders(): Promise<string[]>;
  emit: Emit;
  log: Logger['log'];
  clock?: Clock;
}

export interface WatchService {
  handlers: Pick<IpcHandlers, WatchChannel>;
  views(): WatchView[];
  /** Files stored and then a quiet period: main notifies once per watch and period. */
  onQuiet(listener: (q: WatchQuiet) => void): () => void;
  /** Starts every watch that is not paused (after the engine has started). */
  start(): void;
  close(): Promise<void>;
}

interface Live {
  spec: WatchSpec;
  runner: WatchRunner | null;
  index: PathIndex | null;
  status: WatchStatus | null;
  stored: number;
  /** Stored since the last quiet notification. */
  unannounced: number;
  quietTimer: TimerHandle | null;
}

function viewOf(w: Live): WatchView {
  const s = w.status;
  const folder = s?.folder;
  const state = w.spec.paused ? 'paused' : !folder || folder.kind === 'starting' || folder.kind === 'closed' ? 'starting' : folder.kind;
  return {
    id: w.spec.id,
    folderName: basename(w.spec.folder) || w.spec.folder,
    target: w.spec.target,
    recursive: w.spec.recursive,
    after: w.spec.after,
    settleMs: w.spec.settleMs,
    state,
    message: folder?.kind === 'error' ? folder.message : null,
    waiting: w.spec.paused ? 0 : (s?.waiting ?? 0),
    stored: w.stored,
    lastFile: s?.lastFile ?? null,
  };
}

export function createWatchService(deps: WatchServiceDeps): WatchService {
  const clock = deps.clock ?? realClock;
  const file = join(deps.userDataDir, WATCHES_FILE);
  const indexFile = (id: string) => join(deps.userDataDir, 'watch', `${id}.jsonl`);
  const live = new Map<string, Live>();
  for (const spec of readJsonFile(file, fileSchema)?.watches ?? []) live.set(spec.id, { spec, runner: null, index: null, status: null, stored: 0, unannounced: 0, quietTimer: null });
  const quiet = createEmitter<WatchQuiet>((err) => deps.log('error', `watch listener failed: ${String(err)}`));
  let emitTimer: TimerHandle | null = null;
  let started = false;

  const save = (): void => writeJsonFile(file, { watches: [...live.values()].map((w) => w.spec) });
  const views = (): WatchView[] => [...live.values()].map(viewOf);
  const changed = (): void => {
    emitTimer ??= clock.setTimeout(() => {
      emitTimer = null;
      deps.emit('watches:changed', views());
    }, EMIT_MS);
  };

  function onEvent(w: Live, e: WatchEvent): void {
    if (e.type === 'status') w.status = e.status;
    else if (e.type === 'stored') {
      w.stored++;
      w.unannounced++;
      clock.clearTimeout(w.quietTimer);
      w.quietTimer = clock.setTimeout(() => {
        w.quietTimer = null;
        const stored = w.unannounced;
        w.unannounced = 0;
        if (stored > 0) quiet.fire({ folderName: viewOf(w).folderName, target: w.spec.target, stored });
      }, QUIET_MS);
    } else if (e.type === 'refused') deps.log('info', 'watch refused a file', { watch: w.spec.id, reason: e.refusal.reason });
    else if (e.type === 'move-failed') deps.log('warn', `watch could not move a stored file: ${e.message}`, { watch: w.spec.id });
    changed();
  }

  function run(w: Live): void {
    if (w.runner || w.spec.paused || !started) return;
    w.index = openPathIndex(indexFile(w.spec.id));
    const { folder, target, recursive, settleMs, after } = w.spec;
    w.runner = startWatch({ config: { folder, target, recursive, settleMs, after }, engine: deps.engine, index: w.index, clock, origin: `watch:${w.spec.id}`, onEvent: (e) => onEvent(w, e) });
  }

  async function stop(w: Live): Promise<void> {
    const { runner, index } = w;
    w.runner = null;
    w.index = null;
    await runner?.close();
    index?.close();
    clock.clearTimeout(w.quietTimer);
    w.quietTimer = null;
  }

  const find = (id: string): Live => {
    const w = live.get(id);
    if (!w) throw new AppError('not-found', 'That watched folder is no longer in the list.');
    return w;
  };

  return {
    handlers: {
      'watches:list': async () => views(),
      'watches:add': async ({ target, options }) => {
        // Main's own dialog chooses the folders: the page never names a path.
        const folders = await deps.pickFolders();
        const taken = folders.find((f) => [...live.values()].some((w) => w.spec.folder === f));
        if (taken) throw new AppError('validation', `${basename(taken)} is already watched.`);
        const added: Live[] = [];
        for (const folder of new Set(folders)) {
          const w: Live = { spec: { id: randomUUID(), folder, target, ...options, paused: false }, runner: null, index: null, status: null, stored: 0, unannounced: 0, quietTimer: null };
          live.set(w.spec.id, w);
          added.push(w);
        }
        save();
        for (const w of added) run(w);
        changed();
        if (added.length) deps.log('info', 'watch added', { count: added.length });
        return added.map(viewOf);
      },
      'watches:remove': async ({ id }) => {
        const w = find(id);
        await stop(w);
        live.delete(id);
        save();
        rmSync(indexFile(id), { force: true });
        changed();
      },
      'watches:pause': async ({ id }) => {
        const w = find(id);
        w.spec = { ...w.spec, paused: true };
        save();
        await stop(w);
        changed();
      },
      'watches:resume': async ({ id }) => {
        const w = find(id);
        w.spec = { ...w.spec, paused: false };
        save();
        run(w);
        changed();
      },
    },
    views,
    onQuiet: (listener) => quiet.event(listener),
    start() {
      started = true;
      for (const w of live.values()) run(w);
      changed();
    },
    async close() {
      started = false;
      clock.clearTimeout(emitTimer);
      for (const w of live.values()) await stop(w);
      quiet.clear();
    },
  };
}
