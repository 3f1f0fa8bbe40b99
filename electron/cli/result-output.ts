// A result on the terminal (header and fields table), in --json, and on disk: the JSON and the server's Excel, each written whole or not at all.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ExtractionResult } from '../../shared/api';
import { resultCells, runFailureText, runStatusOf, type ResultCell } from '../../shared/result-table';
import { ApiError } from '../core/api/api-error';
import type { RaydocsClient } from '../core/api/client';
import { CliError } from './errors';
import { EXIT } from './exit-codes';
import { formatBytes, formatTable } from './format';
import { printable } from './terminal-text';

/** Absolute paths the result goes to; null when not asked. */
export interface ResultDestinations {
  out: string | null;
  xlsx: string | null;
}

export interface SavedFiles {
  out: { path: string; bytes: number } | null;
  xlsx: { path: string; bytes: number } | null;
}

export const NOTHING_SAVED: SavedFiles = { out: null, xlsx: null };

/** A value on one line: a table row must not break across lines (the full text is in --out and --json). */
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The fields table: group, field, value, source page. Every cell is made printable by formatTable. */
export function formatFields(cells: readonly ResultCell[]): string {
  if (cells.length === 0) return '(no fields extracted)\n';
  return formatTable(
    cells.map((c) => [c.group, c.field, oneLine(c.value), c.page === null ? '' : String(c.page)]),
    ['GROUP', 'FIELD', 'VALUE', 'PAGE'],
  );
}

/** The lines above the table: which run, its state, its title, how many documents, when. */
export function formatResultHeader(r: ExtractionResult): string {
  const row = (label: string, value: string | null): string => `${label.padEnd(11)}${printable(value ?? '-')}\n`;
  const failure = runFailureText(r);
  return (
    row('Result', r.id) +
    row('Session', r.extraction_session_id) +
    row('Status', r.status) +
    (failure ? row('Reason', oneLine(failure)) : '') +
    row('Title', r.title) +
    row('Documents', r.document_refs.length > 0 ? String(r.document_refs.length) : null) +
    row('Created', r.created_at) +
    row('Completed', r.completed_at)
  );
}

export function formatSaved(saved: SavedFiles): string {
  let out = '';
  if (saved.out) out += printable(`Saved ${saved.out.path} (${formatBytes(saved.out.bytes)})`) + '\n';
  if (saved.xlsx) out += printable(`Saved ${saved.xlsx.path} (${formatBytes(saved.xlsx.bytes)})`) + '\n';
  return out;
}

/** One run in --json: the same shape for extract, results show and push --extract. */
export function runJson(r: ExtractionResult, saved: SavedFiles) {
  return {
    resultId: r.id,
    sessionId: r.extraction_session_id,
    status: r.status,
    title: r.title,
    documents: r.document_refs.length,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    failure: runFailureText(r),
    fields: resultCells(r),
    files: { out: saved.out?.path ?? null, xlsx: saved.xlsx?.path ?? null },
  };
}

/** Why a run is not a success, in words: the server's when it gave any. */
export function failureSentence(r: ExtractionResult, parseFailed: number | null): string {
  const status = runStatusOf(r.status);
  const words = runFailureText(r);
  const what = status === 'failed' ? 'failed' : `ended as "${r.status ?? ''}", not completed`;
  const parse = parseFailed ? ` ${parseFailed} of its documents could not be parsed.` : '';
  return `Extraction run ${r.id} ${what}: ${words ? oneLine(words) : 'Raydocs gave no reason'}.${parse}`;
}

/** A destination that is an existing folder cannot take one file: said before anything is uploaded or started. */
export async function checkFileDestination(path: string, option: string): Promise<void> {
  const st = await stat(path).catch(() => null);
  if (st?.isDirectory()) throw new CliError(`--${option} ${path} is a folder; give a file name (e.g. ${join(path, option === 'out' ? 'result.json' : 'result.xlsx')}).`, EXIT.usage);
}

/** Written next to the destination and renamed over it: a reader sees the old file or the whole new one, never a part. */
export async function writeFileAtomic(dest: string, text: string): Promise<number> {
  await mkdir(dirname(dest), { recursive: true });
  const tmp = join(dirname(dest), `.${basename(dest)}.${randomBytes(4).toString('hex')}.part`);
  const bytes = Buffer.byteLength(text);
  try {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, dest);
    return bytes;
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

function writeError(path: string, err: unknown): CliError {
  const e = err as NodeJS.ErrnoException;
  const why = e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code === 'ENOSPC' ? 'the disk is full' : e.code === 'EISDIR' ? 'it is a folder' : e.message;
  return new CliError(`Could not write ${path}: ${why}.`, EXIT.failed, 'write-failed');
}

/**
 * The full result as JSON (--out) and the server's Excel export (--xlsx, streamed by the client to a `.part` file and
 * renamed). An existing file is replaced, as `cp` and `aws s3 cp` do. Only a completed run is saved.
 */
export async function saveResult(client: RaydocsClient, r: ExtractionResult, dest: ResultDestinations, signal?: AbortSignal): Promise<SavedFiles> {
  const saved: SavedFiles = { out: null, xlsx: null };
  if (dest.out) {
    try {
      saved.out = { path: dest.out, bytes: await writeFileAtomic(dest.out, JSON.stringify(r, null, 2) + '\n') };
    } catch (err) {
      throw writeError(dest.out, err);
    }
  }
  if (dest.xlsx) {
    try {
      await mkdir(dirname(dest.xlsx), { recursive: true });
    } catch (err) {
      throw writeError(dest.xlsx, err);
    }
    try {
      const { bytes } = await client.exportResultExcel(r.id, dest.xlsx, signal);
      saved.xlsx = { path: dest.xlsx, bytes };
    } catch (err) {
      // The server's refusal is described like any API error; a disk problem names the file.
      throw err instanceof ApiError ? err : writeError(dest.xlsx, err);
    }
  }
  return saved;
}
