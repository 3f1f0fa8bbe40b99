// Real .xlsx exports built with exceljs: one result (sheets Data, Audit, Metadata) and several sessions in one book.
import ExcelJS from 'exceljs';
import { iso } from './present';
import { resultContent, type ResultContent } from './result-content';
import type { DocumentRec, ResultRec, SessionRec, World } from './state';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sheet(book: ExcelJS.Workbook, name: string, columns: Array<[header: string, key: string, width: number]>): ExcelJS.Worksheet {
  const ws = book.addWorksheet(name);
  ws.columns = columns.map(([header, key, width]) => ({ header, key, width }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

function docsOf(world: World, r: ResultRec): DocumentRec[] {
  return r.documentIds.map((id) => world.documents.get(id)).filter((d): d is DocumentRec => d !== undefined);
}

function fillRows(c: ResultContent, data: ExcelJS.Worksheet, audit: ExcelJS.Worksheet, lead: Record<string, string>): void {
  for (const [group, fields] of Object.entries(c.data)) {
    for (const [field, value] of Object.entries(fields)) {
      data.addRow({ ...lead, group, field, value });
      const a = c.audit[group]?.[field];
      const src = a?.sources[0];
      const document = c.sourceFile[group]?.[field] ?? '';
      audit.addRow({ ...lead, group, field, page: src?.page ?? null, document, reasoning: a?.reasoning ?? '', source: src?.text ?? '' });
    }
  }
}

const DATA_COLS: Array<[string, string, number]> = [['Group', 'group', 18], ['Field', 'field', 24], ['Value', 'value', 36]];
const AUDIT_COLS: Array<[string, string, number]> = [
  ['Group', 'group', 18],
  ['Field', 'field', 24],
  ['Page', 'page', 8],
  ['Document', 'document', 28],
  ['Reasoning', 'reasoning', 60],
  ['Source text', 'source', 40],
];

/** `GET /extractions/results/{id}/export/excel` (docs/raydocs-api.md §10.2): a completed result only. */
export async function resultWorkbook(world: World, r: ResultRec): Promise<Buffer> {
  const c = resultContent(world, r);
  const book = new ExcelJS.Workbook();
  book.creator = 'Raydocs emulator';
  const data = sheet(book, 'Data', DATA_COLS);
  const audit = sheet(book, 'Audit', AUDIT_COLS);
  if (c) fillRows(c, data, audit, {});
  const meta = sheet(book, 'Metadata', [['Property', 'key', 22], ['Value', 'value', 60]]);
  const session = world.sessions.get(r.sessionId);
  const template = session && world.templates.get(session.templateId);
  const rows: Array<[string, string | number]> = [
    ['Result ID', r.id],
    ['Title', c?.title ?? ''],
    ['Session', session?.name ?? ''],
    ['Session ID', r.sessionId],
    ['Template', template?.name ?? ''],
    ['Status', r.status],
    ['Config hash', r.configHash],
    ['Documents', docsOf(world, r).map((d) => d.filename).join(', ')],
    ['Document count', r.documentIds.length],
    ['Created at', iso(r.createdAt)],
    ['Completed at', r.completedAt === null ? '' : iso(r.completedAt)],
  ];
  for (const [key, value] of rows) meta.addRow({ key, value });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The batch export's workbook (§7.8): one row per field of each session's latest completed run. */
export async function sessionsWorkbook(world: World, sessions: Array<{ session: SessionRec; result: ResultRec | null }>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Raydocs emulator';
  const lead: Array<[string, string, number]> = [['Session', 'session', 24], ['Session ID', 'session_id', 38]];
  const data = sheet(book, 'Data', [...lead, ...DATA_COLS]);
  const audit = sheet(book, 'Audit', [...lead, ...AUDIT_COLS]);
  const meta = sheet(book, 'Metadata', [...lead, ['Result ID', 'result', 38], ['Status', 'status', 14], ['Title', 'title', 50], ['Completed at', 'completed', 28]]);
  for (const { session, result } of sessions) {
    const ids = { session: session.name, session_id: session.id };
    const c = result ? resultContent(world, result) : null;
    if (c) fillRows(c, data, audit, ids);
    meta.addRow({
      ...ids,
      result: result?.id ?? '',
      status: result?.status ?? 'no completed run',
      title: c?.title ?? '',
      completed: result?.completedAt == null ? '' : iso(result.completedAt),
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
