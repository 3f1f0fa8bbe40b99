// Excel export of one result (§10.2) and the batch export of sessions (§7.8, route disputed: see the variant below).
import { z } from 'zod';
import { resultFor, validate, type Ctx, type Reply } from './context';
import { HttpError } from './http-util';
import { resultContent } from './result-content';
import { batchSessions } from './routes-catalog';
import type { Route } from './router';
import type { ResultRec, SessionRec } from './state';
import { resultWorkbook, sessionsWorkbook, XLSX_TYPE } from './xlsx';

/**
 * Only a completed run has anything to export. The docs say nothing about the others; we answer 422 (the status the
 * docs use for "documents not ready", §11) with words naming the state, rather than an empty workbook.
 */
async function exportResult(ctx: Ctx): Promise<Reply> {
  const r = resultFor(ctx, ctx.params.resultId);
  if (r.status === 'failed') throw new HttpError(422, 'The extraction failed: there is nothing to export.');
  if (r.status !== 'completed') throw new HttpError(422, `The extraction is not completed yet (status: ${r.status}).`);
  return { status: 200, file: { bytes: await resultWorkbook(ctx.env.world, r), contentType: XLSX_TYPE, filename: 'extraction_result.xlsx' } };
}

/** The newest completed run of each session: what a batch export writes (a session with none gets `data: null`). */
function latestCompleted(ctx: Ctx, s: SessionRec): ResultRec | null {
  const done = ctx.env.world.sessionResults(s.id).filter((r) => r.status === 'completed');
  return done[done.length - 1] ?? null;
}

const csvCell = (v: unknown): string => {
  const t = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

async function exportSessions(ctx: Ctx, format: 'json' | 'csv' | 'excel'): Promise<Reply> {
  const picked = batchSessions(ctx, ctx.body).map((session) => ({ session, result: latestCompleted(ctx, session) }));
  const world = ctx.env.world;
  if (format === 'excel') {
    return { status: 200, file: { bytes: await sessionsWorkbook(world, picked), contentType: XLSX_TYPE, filename: 'sessions_export.xlsx' } };
  }
  if (format === 'json') {
    const body = picked.map(({ session, result }) => ({
      session_id: session.id,
      session_name: session.name,
      data: result ? (resultContent(world, result)?.data ?? {}) : null,
    }));
    return { status: 200, body };
  }
  const lines = [['session_id', 'session_name', 'group', 'field', 'value'].join(',')];
  for (const { session, result } of picked) {
    const data = result ? (resultContent(world, result)?.data ?? {}) : {};
    for (const [group, fields] of Object.entries(data)) {
      for (const [field, value] of Object.entries(fields)) lines.push([session.id, session.name, group, field, value].map(csvCell).join(','));
    }
  }
  const text = `${lines.join('\r\n')}\r\n`;
  return { status: 200, file: { bytes: Buffer.from(text, 'utf8'), contentType: 'text/csv; charset=UTF-8', filename: 'sessions_export.csv' } };
}

const formatBody = z.object({ format: z.enum(['json', 'csv', 'excel']).optional() });

/** A route that the reading being played does not have answers as Laravel does for an unknown route. */
function absent(ctx: Ctx): never {
  throw new HttpError(404, `The route ${ctx.url.pathname.slice(1)} could not be found.`);
}

export const exportRoutes: Route[] = [
  { method: 'GET', pattern: '/extractions/results/:resultId/export/excel', ability: 'sessions-read', handle: exportResult },
  {
    // The OpenAPI route (§7.8, §12): `format` in the body, json by default. Gone under `prose-batch-export`.
    method: 'POST',
    pattern: '/extractions/templates/:templateId/sessions/batch/export',
    ability: 'sessions-read',
    handle: (ctx) => (ctx.env.variants.has('prose-batch-export') ? absent(ctx) : exportSessions(ctx, validate(formatBody, ctx.body).format ?? 'json')),
  },
  {
    // The prose's route (§12): Excel only, played only by `prose-batch-export`.
    method: 'POST',
    pattern: '/extractions/templates/:templateId/sessions/batch/export/excel',
    ability: 'sessions-read',
    handle: (ctx) => (ctx.env.variants.has('prose-batch-export') ? exportSessions(ctx, 'excel') : absent(ctx)),
  },
];
