// Polls extraction runs until each is settled: backoff that restarts on every change, patience with the network, Ctrl-C.
import { documentParseState, type ExtractionResult } from '../../shared/api';
import { isRunSettled, runStatusOf, type RunStatus } from '../../shared/result-table';
import { ApiError } from '../core/api/api-error';
import type { RaydocsClient } from '../core/api/client';
import type { CliIo } from './io';

/** How far the run's documents got parsing, while it waits for them (`parsing_pending`). */
export interface ParseCount {
  parsed: number;
  failed: number;
  total: number;
}

export interface WatchedRun {
  sessionId: string;
  /** The run's last answer; null until the run is known (a run the server starts by itself, not seen yet). */
  result: ExtractionResult | null;
  status: RunStatus;
  /** How far its documents got parsing, last seen while the run waited for them (`parsing_pending`); only counted
   *  when one run is watched: one list call per poll is cheap for one session, not for fifty. */
  parse: ParseCount | null;
  /** Waiting for a run the server starts by itself: give up waiting at this time and start one. */
  startBy: number | null;
  /** We started this run because the server's own never showed up. */
  startedForLack: boolean;
}

export type WaitOutcome = { kind: 'settled' } | { kind: 'offline'; message: string } | { kind: 'interrupted' };

export interface WaitOptions {
  io: CliIo;
  client: RaydocsClient;
  offlineTimeoutSeconds: number;
  onProgress: (runs: readonly WatchedRun[], note: string | null) => void;
  /** First wait between polls; it grows by half each quiet poll up to capMs, and starts over when a run moves. */
  baseMs?: number;
  capMs?: number;
}

/** A run already started (we asked for it): polled from its first answer. */
export function watchStarted(result: ExtractionResult): WatchedRun {
  return { sessionId: result.extraction_session_id ?? '', result, status: runStatusOf(result.status), parse: null, startBy: null, startedForLack: false };
}

/** A session whose run the server starts by itself (auto_extract): found in its list of runs, or started at `startBy`. */
export function watchAutoRun(sessionId: string, startBy: number): WatchedRun {
  return { sessionId, result: null, status: 'created', parse: null, startBy, startedForLack: false };
}

/** The newest run: by created_at, else the last listed. */
export function newestRun(results: readonly ExtractionResult[]): ExtractionResult | null {
  let best: ExtractionResult | null = null;
  for (const r of results) {
    if (!best) best = r;
    else {
      const a = Date.parse(r.created_at ?? '');
      const b = Date.parse(best.created_at ?? '');
      if (Number.isNaN(a) || Number.isNaN(b) || a >= b) best = r;
    }
  }
  return best;
}

async function countParsed(client: RaydocsClient, run: ExtractionResult, sessionId: string): Promise<ParseCount> {
  const docs = await client.listSessionDocuments(sessionId);
  // The run is a snapshot of the session's documents when it started (§10.1): count those when it names them.
  const ids = new Set(run.document_refs.map((r) => r.documentId));
  const own = ids.size > 0 ? docs.filter((d) => ids.has(d.id)) : docs;
  const count: ParseCount = { parsed: 0, failed: 0, total: own.length };
  for (const d of own) {
    const s = documentParseState(d, run.config_hash);
    if (s === 'ready') count.parsed++;
    else if (s === 'failed') count.failed++;
  }
  return count;
}

/** One poll of one run; true when something a person would see changed. */
async function pollOne(client: RaydocsClient, w: WatchedRun, countDocuments: boolean): Promise<boolean> {
  const before = `${w.result?.id ?? ''}|${w.status}|${w.parse ? `${w.parse.parsed}/${w.parse.failed}/${w.parse.total}` : ''}`;
  if (!w.result) {
    const found = newestRun(await client.listResults(w.sessionId));
    if (found) w.result = found;
    else if (w.startBy !== null && Date.now() >= w.startBy) {
      w.result = await client.runExtraction(w.sessionId);
      w.startedForLack = true;
    } else return false;
  }
  // List answers carry summary fields only (§10.2): the full result (data, audit_data) comes from the run itself.
  w.result = await client.getResult(w.result.id);
  w.status = runStatusOf(w.result.status);
  // Counted while the run waits for its documents, and once more when it failed: the failure then says how many
  // could not be parsed.
  if (countDocuments && (w.status === 'parsing_pending' || w.status === 'failed')) w.parse = await countParsed(client, w.result, w.sessionId);
  const after = `${w.result.id}|${w.status}|${w.parse ? `${w.parse.parsed}/${w.parse.failed}/${w.parse.total}` : ''}`;
  return before !== after;
}

export function isWatchSettled(w: WatchedRun): boolean {
  return w.result !== null && isRunSettled(w.status);
}

/**
 * Polls until every run is settled (completed, failed, or a state the CLI cannot read), the network stays away past
 * the offline timeout, or the user interrupts. A run's answer that is not retryable (401, 404) is thrown.
 */
export async function waitForRuns(runs: WatchedRun[], opts: WaitOptions): Promise<WaitOutcome> {
  const base = opts.baseMs ?? 500;
  const cap = opts.capMs ?? 5000;
  const countDocuments = runs.length === 1;
  let delay = base;
  let offlineSince: number | null = null;
  let interrupted = false;
  let wake: (() => void) | null = null;
  const stop = opts.io.onInterrupt(() => {
    interrupted = true;
    wake?.();
  });
  try {
    for (;;) {
      let changed = false;
      let note: string | null = null;
      try {
        for (const w of runs) if (!isWatchSettled(w)) changed = (await pollOne(opts.client, w, countDocuments)) || changed;
        offlineSince = null;
      } catch (err) {
        if (!(err instanceof ApiError) || !err.retryable) throw err;
        offlineSince ??= Date.now();
        if (Date.now() - offlineSince > opts.offlineTimeoutSeconds * 1000) return { kind: 'offline', message: err.message };
        note = `waiting for the API (${err.message})`;
        delay = Math.max(delay, err.retryAfterMs ?? 0);
      }
      opts.onProgress(runs, note);
      if (runs.every(isWatchSettled)) return { kind: 'settled' };
      if (interrupted) return { kind: 'interrupted' };
      delay = changed ? base : Math.min(cap, Math.round(delay * 1.5));
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
      if (interrupted) return { kind: 'interrupted' };
    }
  } finally {
    stop();
  }
}
