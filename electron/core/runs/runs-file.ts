// The runs main follows, kept in the data folder so a run still in flight when the app quits is polled again at the next start.
import { join } from 'node:path';
import { z } from 'zod';
import { runViewSchema } from '../../../shared/runs';
import { readJsonFile, writeJsonFile } from '../desktop/json-file';

export const RUNS_FILE = 'runs.json';

/** One followed run: its view (the shape main sends), plus what the app must remember about it. */
// Not strict like the IPC view: a field a later version adds must not make this one drop every remembered run.
export const trackedRunSchema = z.object({
  ...runViewSchema.shape,
  /** When this app first saw it (its start when the server gives none). */
  firstSeenAt: z.number(),
  /** Settling is announced (a notification) once; a restart between settling and announcing still announces. */
  notify: z.boolean(),
  announced: z.boolean(),
});
export type TrackedRun = z.infer<typeof trackedRunSchema>;

/** A session made with auto_extract whose run is still to be found (its file is stored; the server starts the run). */
export const pendingDiscoverySchema = z.object({
  sessionId: z.string().min(1),
  sessionName: z.string().nullable(),
  workspaceId: z.number().int().positive().nullable(),
  since: z.number(),
  attempts: z.number().int().min(0),
});
export type PendingDiscovery = z.infer<typeof pendingDiscoverySchema>;

const runsFileSchema = z.object({
  version: z.literal(1),
  runs: z.array(trackedRunSchema),
  pending: z.array(pendingDiscoverySchema).default([]),
  /** Sessions already looked into, so a restart that sees their stored files again does not follow their runs twice. */
  discovered: z.array(z.string()).default([]),
});
export type RunsFileContent = z.infer<typeof runsFileSchema>;

/** Enough to cover a very large one-per-file batch; older ids fall off first. */
export const DISCOVERED_LIMIT = 5_000;

export interface RunsFile {
  load(): RunsFileContent;
  save(content: RunsFileContent): void;
}

export function createRunsFile(userDataDir: string): RunsFile {
  const file = join(userDataDir, RUNS_FILE);
  return {
    // A missing or unreadable file means nothing to resume: the app starts, and the runs are still on the server.
    load: () => readJsonFile(file, runsFileSchema) ?? { version: 1, runs: [], pending: [], discovered: [] },
    save: (content) => writeJsonFile(file, { ...content, discovered: content.discovered.slice(-DISCOVERED_LIMIT) }),
  };
}
