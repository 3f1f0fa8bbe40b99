// A run as the window sees it (one extraction result, followed by main until it settles), and the export answers.
import { z } from 'zod';
import type { RunStatus } from './result-table';

export type { RunStatus };

export interface RunView {
  resultId: string;
  sessionId: string;
  /** The session's name as this app knows it (the file's name for a one-per-file session); null when unknown. */
  sessionName: string | null;
  workspaceId: number | null;
  status: RunStatus;
  /** The result's title once the server gives one. */
  title: string | null;
  /** The documents the run covers (its document refs). */
  documentCount: number;
  /** When the run started (the server's created_at, else when this app first saw it), ms since the epoch. */
  startedAt: number;
  /** When it settled (completed, failed or unreadable): the server's completed_at, else when this app saw it; null while in motion. */
  settledAt: number | null;
  /** The server's words on a failed run, when it gives any. */
  failure: string | null;
}

const RUN_STATUSES = ['created', 'parsing_pending', 'processing', 'completed', 'failed', 'unknown'] as const satisfies readonly RunStatus[];

/** The exact shape main sends (strict: the renderer's answer checks hold main to it). */
export const runViewSchema = z.strictObject({
  resultId: z.string().min(1),
  sessionId: z.string().min(1),
  sessionName: z.string().nullable(),
  workspaceId: z.number().int().positive().nullable(),
  status: z.enum(RUN_STATUSES),
  title: z.string().nullable(),
  documentCount: z.number().int().min(0),
  startedAt: z.number(),
  settledAt: z.number().nullable(),
  failure: z.string().nullable(),
}) satisfies z.ZodType<RunView>;

export type SaveExcelResult = { saved: false } | { saved: true; path: string; bytes: number };

export const saveExcelResultSchema = z.discriminatedUnion('saved', [
  z.strictObject({ saved: z.literal(false) }),
  z.strictObject({ saved: z.literal(true), path: z.string().min(1), bytes: z.number().int().min(0) }),
]) satisfies z.ZodType<SaveExcelResult>;

/**
 * `combined`: one spreadsheet from the server's batch export (`path` is that file); otherwise one file per session
 * in the folder the person picked (`path` is the folder, `files` how many were written).
 */
export type SaveAllResult =
  | { saved: false }
  | {
      saved: true;
      path: string;
      files: number;
      combined: boolean;
      /** Sessions left out of a per-session save, each with the reason (no completed run, or the export failed). */
      skipped?: SkippedSession[];
    };

export interface SkippedSession {
  name: string;
  reason: string;
}

export const saveAllResultSchema = z.discriminatedUnion('saved', [
  z.strictObject({ saved: z.literal(false) }),
  z.strictObject({
    saved: z.literal(true),
    path: z.string().min(1),
    files: z.number().int().min(0),
    combined: z.boolean(),
    skipped: z.array(z.strictObject({ name: z.string(), reason: z.string() })).optional(),
  }),
]) satisfies z.ZodType<SaveAllResult>;

export const runsChangedSchema = z.strictObject({ runs: z.array(runViewSchema) });
