// Saving results as Excel where the person chooses: one result, or several sessions as one workbook or one file each.
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ExtractionResult, Session } from '../../../shared/api';
import { runStatusOf } from '../../../shared/result-table';
import type { SaveAllResult, SaveExcelResult } from '../../../shared/runs';
import { isApiError } from '../api/api-error';
import type { SavedExport } from '../api/xlsx-export';
import { describeApiError } from '../api/describe-api-error';
import { AppError } from '../desktop/app-error';
import { mapLimit } from '../map-limit';
import { readableTitle } from './run-view';

/** What main's native dialog is asked for: a file to write (proposing a name) or a folder to write into. */
export type SaveTarget = { kind: 'file'; title: string; defaultName: string } | { kind: 'folder'; title: string };

export interface ExportClient {
  getResult(id: string): Promise<ExtractionResult>;
  listResults(sessionId: string): Promise<ExtractionResult[]>;
  getSession(id: string): Promise<Session>;
  exportResultExcel(resultId: string, destPath: string): Promise<SavedExport>;
  exportSessionsExcel(templateId: string, sessionIds: string[], destPath: string): Promise<SavedExport>;
}

/** What this app already knows about a session (from its queue and recents), so exports ask the server less. */
export interface SessionHint {
  name: string | null;
  templateId: string | null;
  templateName: string | null;
}

export interface ExportDeps {
  client: ExportClient;
  chooseSaveTarget(target: SaveTarget): Promise<string | null>;
  hint(sessionId: string): SessionHint;
  /** Where a batch workbook waits before the person says where it goes. */
  scratchDir: string;
}

const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/** A file name from a title or a session's name: no separators, control or reserved characters; ends in .xlsx. */
export function excelFileName(name: string | null, fallback: string): string {
  let base = (name ?? '')
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (base.toLowerCase().endsWith('.xlsx')) base = base.slice(0, -5).trim();
  if (base === '') base = fallback;
  if (RESERVED.test(base)) base = `_${base}`;
  return `${base.slice(0, 120)}.xlsx`;
}

/** The names in a folder, lowercased: macOS and Windows folders ignore case, so `A.xlsx` would overwrite `a.xlsx`. */
export function namesIn(dir: string): Set<string> {
  return new Set(readdirSync(dir).map((n) => n.toLowerCase()));
}

/** `name.xlsx`, else `name (2).xlsx`, … : never a name in `taken` (the folder's files and those written so far). */
export function freeName(fileName: string, taken: Set<string>): string {
  const ext = extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? fileName : `${stem} (${i})${ext}`;
    if (!taken.has(candidate.toLowerCase())) {
      taken.add(candidate.toLowerCase());
      return candidate;
    }
  }
}

/** A save dialog may hand back a name without the extension (Linux does): the workbook still ends in .xlsx. */
function withXlsx(path: string): string {
  return extname(path).toLowerCase() === '.xlsx' ? path : `${path}.xlsx`;
}

function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    // Another disk: copy, then drop the scratch copy.
    copyFileSync(from, to);
    rmSync(from, { force: true });
  }
}

function newestCompleted(results: readonly ExtractionResult[]): ExtractionResult | null {
  const done = results.filter((r) => runStatusOf(r.status) === 'completed');
  const time = (r: ExtractionResult) => Date.parse(r.completed_at ?? r.created_at ?? '') || 0;
  return done.sort((a, b) => time(b) - time(a))[0] ?? null;
}

export async function saveResultExcel(deps: ExportDeps, resultId: string, sessionName: string | null): Promise<SaveExcelResult> {
  const result = await deps.client.getResult(resultId);
  const status = runStatusOf(result.status);
  if (status === 'failed') throw new AppError('validation', 'This run failed: it has no data to save as Excel.');
  if (status !== 'completed') throw new AppError('validation', 'This run has not finished yet: save it as Excel once it is completed.');
  const name = excelFileName(readableTitle(result.title) ?? sessionName, 'extraction_result');
  const chosen = await deps.chooseSaveTarget({ kind: 'file', title: 'Save the result as Excel', defaultName: name });
  if (chosen === null) return { saved: false };
  const path = withXlsx(chosen);
  const saved = await deps.client.exportResultExcel(resultId, path);
  return { saved: true, path, bytes: saved.bytes };
}

interface SessionFacts {
  id: string;
  name: string | null;
  templateId: string | null;
  templateName: string | null;
}

async function sessionFacts(deps: ExportDeps, ids: readonly string[]): Promise<SessionFacts[]> {
  return mapLimit([...ids], 4, async (id) => {
    const hint = deps.hint(id);
    if (hint.name !== null && hint.templateId !== null) return { id, ...hint };
    const session = await deps.client.getSession(id);
    return { id, name: hint.name ?? session.name, templateId: hint.templateId ?? session.extraction_template_id ?? null, templateName: hint.templateName };
  });
}

/** The server's batch export into scratch; null when it has none (404), so the caller writes one file per session. */
async function tryBatch(deps: ExportDeps, templateId: string, ids: string[]): Promise<string | null> {
  mkdirSync(deps.scratchDir, { recursive: true });
  const scratch = join(deps.scratchDir, `${randomUUID()}.xlsx`);
  try {
    await deps.client.exportSessionsExcel(templateId, ids, scratch);
    return scratch;
  } catch (err) {
    rmSync(scratch, { force: true });
    if (isApiError(err) && err.status === 404) return null;
    throw err;
  }
}

/**
 * One workbook when the sessions share a template and the server has the batch export (made first, so the person
 * is asked once: where the file goes); else one workbook per session, each its newest completed run, in a folder.
 */
export async function saveAllExcel(deps: ExportDeps, sessionIds: readonly string[]): Promise<SaveAllResult> {
  const ids = [...new Set(sessionIds)];
  const facts = await sessionFacts(deps, ids);
  const templates = new Set(facts.map((f) => f.templateId));
  const templateId = templates.size === 1 ? [...templates][0] : null;
  if (templateId) {
    const scratch = await tryBatch(deps, templateId, ids);
    if (scratch) {
      const defaultName = excelFileName(facts[0]?.templateName ?? null, 'Extraction results');
      const chosen = await deps.chooseSaveTarget({ kind: 'file', title: 'Save all results as one spreadsheet', defaultName });
      if (chosen === null) {
        rmSync(scratch, { force: true });
        return { saved: false };
      }
      const path = withXlsx(chosen);
      moveFile(scratch, path);
      return { saved: true, path, files: 1, combined: true };
    }
  }
  return savePerSession(deps, facts);
}

async function savePerSession(deps: ExportDeps, facts: SessionFacts[]): Promise<SaveAllResult> {
  const found = await mapLimit(facts, 4, async (f) => ({ f, result: newestCompleted(await deps.client.listResults(f.id)) }));
  const ready = found.filter((x): x is { f: SessionFacts; result: ExtractionResult } => x.result !== null);
  const skipped = found.filter((x) => x.result === null).map((x) => ({ name: x.f.name ?? x.f.id, reason: 'no completed run' }));
  if (ready.length === 0) throw new AppError('validation', `None of these sessions has a completed run to save (${skipped.map((s) => s.name).join(', ')}).`);
  const folder = await deps.chooseSaveTarget({ kind: 'folder', title: 'Choose a folder for one spreadsheet per session' });
  if (folder === null) return { saved: false };
  const taken = namesIn(folder);
  let files = 0;
  for (const { f, result } of ready) {
    const name = freeName(excelFileName(f.name, `session-${f.id.slice(0, 8)}`), taken);
    try {
      await deps.client.exportResultExcel(result.id, join(folder, name));
      files++;
    } catch (err) {
      // One session's failure does not cost the others their files; the answer names it.
      skipped.push({ name: f.name ?? f.id, reason: describeApiError(err) });
    }
  }
  return { saved: true, path: folder, files, combined: false, ...(skipped.length ? { skipped } : {}) };
}
