// Completed runs carry realistic data and audit; the Excel export and the batch export (both routes) are real files;
// runFailRate makes runs end failed, with words only under run-failure-reason.
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './index';
import { api, eventually, pdf, upload, type ApiReply } from './test-helpers';
import type { RunningEmulator } from './types';

let emu: RunningEmulator;
let templateId: string;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 20, autoParse: false }, variants: [] });
  templateId = emu.seed.workspaces[0]!.templates[0]!.id; // Invoices: invoice{invoice_number,total,due_date}, supplier{name,vat_id}
});
afterEach(() => {
  emu.setFaults([]);
  emu.setVariants([]);
  emu.setParsing({ failNames: [], stepMs: 20 });
});

/** A clock slow enough that a 25 ms poll sees every state (runs take their step from the settings at start). */
const slowClock = () => emu.setParsing({ stepMs: 250 });
afterAll(() => emu.close());

/** A session holding `n` uploaded PDFs (the last `failing` of them named to fail parsing). */
async function sessionWith(n: number, label: string): Promise<string> {
  const s = await api(emu, 'POST', '/extractions/sessions', { extraction_template_id: templateId, name: label });
  const keys = [];
  for (let i = 0; i < n; i++) keys.push(await upload(emu, pdf(`${label} ${i} ${Math.random()}`)));
  const up = await api(emu, 'POST', `/extractions/sessions/${s.body.id}/documents/upload`, { keys });
  expect(up.status).toBe(200);
  return s.body.id as string;
}

/** Runs an extraction and polls it to its end; returns the final body and every status seen. */
async function runToEnd(sessionId: string): Promise<{ end: ApiReply['body']; seen: string[] }> {
  const run = await api(emu, 'POST', `/extractions/sessions/${sessionId}/results`);
  expect(run.status).toBe(201);
  const seen: string[] = [run.body.status];
  const end = await eventually(async () => {
    const r = await api(emu, 'GET', `/extractions/results/${run.body.id}`);
    if (seen.at(-1) !== r.body.status) seen.push(r.body.status);
    return r.body.status === 'completed' || r.body.status === 'failed' ? r.body : undefined;
  });
  return { end, seen };
}

async function download(method: string, path: string, body?: unknown): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${emu.token}`, Accept: XLSX, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return book;
}

const rows = (ws: ExcelJS.Worksheet | undefined): unknown[][] => {
  const out: unknown[][] = [];
  ws?.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
};

describe('completed results', () => {
  it('carry a value per template field that looks like it, one source per field with a page, and a readable title', async () => {
    const sid = await sessionWith(2, 'realistic');
    slowClock();
    const { end, seen } = await runToEnd(sid);
    expect(seen).toEqual(['parsing_pending', 'processing', 'completed']);
    expect(end.data.invoice.invoice_number).toMatch(/^INV-2026-\d{4}$/);
    expect(typeof end.data.invoice.total).toBe('number');
    expect(end.data.invoice.due_date).toMatch(/^2026-\d{2}-\d{2}$/);
    expect(end.data.supplier.vat_id).toMatch(/^FR\d{11}$/);
    expect(end.data.supplier.name).toMatch(/[A-Za-z]{3}/);
    for (const [group, fields] of Object.entries({ invoice: ['invoice_number', 'total', 'due_date'], supplier: ['name', 'vat_id'] })) {
      for (const f of fields) {
        const a = end.audit_data[group][f];
        expect(a.reasoning).toMatch(/page \d+ of .+\.pdf/);
        expect(a.sources).toHaveLength(1);
        expect(a.sources[0]).toEqual({ chunk_id: expect.any(String), text: expect.stringContaining(String(end.data[group][f])), page: 1 }); // tiny PDFs: one page
      }
    }
    expect(end.title).toContain(end.data.invoice.invoice_number);
    expect(end.title).toMatch(/^Invoice INV-/);
    expect(end.title).not.toMatch(UUID);
    // The same every time it is read; another run draws other values.
    expect((await api(emu, 'GET', `/extractions/results/${end.id}`)).body).toEqual(end);
    const other = (await runToEnd(sid)).end;
    expect(other.data).not.toEqual(end.data);
  });
});

describe('GET /extractions/results/{id}/export/excel', () => {
  it('answers a real xlsx with sheets Data, Audit and Metadata holding the result', async () => {
    const sid = await sessionWith(1, 'excel');
    const { end } = await runToEnd(sid);
    const res = await download('GET', `/extractions/results/${end.id}/export/excel`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="extraction_result.xlsx"');
    expect(res.bytes.subarray(0, 2).toString()).toBe('PK');
    const book = await workbook(res.bytes);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Data', 'Audit', 'Metadata']);
    expect(rows(book.getWorksheet('Data'))).toEqual([
      ['Group', 'Field', 'Value'],
      ['invoice', 'invoice_number', end.data.invoice.invoice_number],
      ['invoice', 'total', end.data.invoice.total],
      ['invoice', 'due_date', end.data.invoice.due_date],
      ['supplier', 'name', end.data.supplier.name],
      ['supplier', 'vat_id', end.data.supplier.vat_id],
    ]);
    const audit = rows(book.getWorksheet('Audit'));
    expect(audit[0]).toEqual(['Group', 'Field', 'Page', 'Document', 'Reasoning', 'Source text']);
    expect(audit[1]).toEqual(['invoice', 'invoice_number', 1, end.document_refs[0].filename, end.audit_data.invoice.invoice_number.reasoning, end.audit_data.invoice.invoice_number.sources[0].text]);
    const meta = Object.fromEntries(rows(book.getWorksheet('Metadata')).map(([k, v]) => [k, v]));
    expect(meta).toMatchObject({ 'Result ID': end.id, Title: end.title, Status: 'completed', 'Document count': 1, Template: 'Invoices' });
  });

  it('a run that has not completed, or failed, is 422 with words; an unknown result is 404', async () => {
    const sid = await sessionWith(1, 'not yet');
    const run = await api(emu, 'POST', `/extractions/sessions/${sid}/results`);
    const early = await api(emu, 'GET', `/extractions/results/${run.body.id}/export/excel`);
    expect(early.status).toBe(422);
    expect(early.body.message).toBe('The extraction is not completed yet (status: parsing_pending).');
    emu.setFaults({ runFailRate: 1 });
    const failed = (await runToEnd(sid)).end;
    const res = await api(emu, 'GET', `/extractions/results/${failed.id}/export/excel`);
    expect(res).toMatchObject({ status: 422, body: { message: 'The extraction failed: there is nothing to export.' } });
    expect((await api(emu, 'GET', '/extractions/results/00000000-0000-4000-8000-000000000000/export/excel')).status).toBe(404);
  });
});

describe('batch export (§7.8)', () => {
  let a: string;
  let b: string;
  let empty: string;
  let aData: Record<string, unknown>;
  beforeAll(async () => {
    a = await sessionWith(1, 'batch a, "quoted"');
    b = await sessionWith(1, 'batch b');
    empty = (await api(emu, 'POST', '/extractions/sessions', { extraction_template_id: templateId, name: 'batch none' })).body.id;
    aData = (await runToEnd(a)).end.data;
    await runToEnd(b);
  });
  const route = `/extractions/templates/{t}/sessions/batch/export`;
  const path = (suffix = '') => route.replace('{t}', templateId) + suffix;

  it('POST …/batch/export: json by default, each session with its latest completed run (null without one)', async () => {
    const res = await api(emu, 'POST', path(), { session_ids: [a, empty] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { session_id: a, session_name: 'batch a, "quoted"', data: aData },
      { session_id: empty, session_name: 'batch none', data: null },
    ]);
  });

  it('format csv: one line per field, quoted as CSV; format excel: one workbook for every session', async () => {
    const csv = await download('POST', path(), { session_ids: [a, b], format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="sessions_export.csv"');
    const lines = csv.bytes.toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('session_id,session_name,group,field,value');
    expect(lines).toHaveLength(1 + 2 * 5);
    expect(lines[1]).toBe(`${a},"batch a, ""quoted""",invoice,invoice_number,${String((aData.invoice as Record<string, unknown>).invoice_number)}`);
    const xlsx = await download('POST', path(), { session_ids: [a, b], format: 'excel' });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe(XLSX);
    const book = await workbook(xlsx.bytes);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Data', 'Audit', 'Metadata']);
    const data = rows(book.getWorksheet('Data'));
    expect(data[0]).toEqual(['Session', 'Session ID', 'Group', 'Field', 'Value']);
    expect(data.slice(1).map((r) => r[1])).toEqual([a, a, a, a, a, b, b, b, b, b]);
  });

  it('refuses a bad format, a session of another template and an empty list with 422', async () => {
    expect((await api(emu, 'POST', path(), { session_ids: [a], format: 'pdf' })).status).toBe(422);
    const foreign = emu.seed.workspaces[1]!.sessions[0]!.id; // a Contracts session
    const res = await api(emu, 'POST', path(), { session_ids: [a, foreign] });
    expect(res.status).toBe(422);
    expect(res.body.errors['session_ids.1']).toBeDefined();
    expect((await api(emu, 'POST', path(), { session_ids: [] })).status).toBe(422);
  });

  it('the prose route …/batch/export/excel is 404 by default; under prose-batch-export it is the only one', async () => {
    expect((await api(emu, 'POST', path('/excel'), { session_ids: [a] })).status).toBe(404);
    emu.setVariants(['prose-batch-export']);
    const gone = await api(emu, 'POST', path(), { session_ids: [a], format: 'excel' });
    expect(gone.status).toBe(404);
    const res = await download('POST', path('/excel'), { session_ids: [a] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sessions_export.xlsx"');
    const data = rows((await workbook(res.bytes)).getWorksheet('Data'));
    expect(data).toHaveLength(1 + 5);
  });
});

describe('runFailRate (fault API)', () => {
  it('runs end failed on the clock, through the documented states, with no words by default', async () => {
    const sid = await sessionWith(1, 'fails');
    const admin = await fetch(`${emu.url}/__admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ runFailRate: 1 }) });
    expect(admin.status).toBe(200);
    expect(await admin.json()).toEqual({ faults: [{ runFailRate: 1 }] });
    slowClock();
    const { end, seen } = await runToEnd(sid);
    expect(seen).toEqual(['parsing_pending', 'processing', 'failed']);
    expect(end).toMatchObject({ status: 'failed', title: null, data: {}, audit_data: {} });
    expect(end.completed_at).toBeTruthy();
    for (const k of ['failure_reason', 'message', 'error', 'error_message']) expect(end).not.toHaveProperty(k);
    // A second run over the same (now parsed) documents: created → processing → failed.
    expect((await runToEnd(sid)).seen).toEqual(['created', 'processing', 'failed']);
  });

  it('is refused outside 0..1; at 0 runs complete again', async () => {
    const bad = await fetch(`${emu.url}/__admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ runFailRate: 2 }) });
    expect(bad.status).toBe(422);
    emu.setFaults({ runFailRate: 0 });
    expect((await runToEnd(await sessionWith(1, 'ok'))).end.status).toBe('completed');
  });

  it('decides per run: about the asked share fails', async () => {
    emu.setFaults({ runFailRate: 0.5 });
    const sid = await sessionWith(1, 'half');
    const ends: string[] = [];
    for (let i = 0; i < 12; i++) ends.push((await runToEnd(sid)).end.status);
    expect(ends.filter((s) => s === 'failed').length).toBeGreaterThan(1);
    expect(ends.filter((s) => s === 'completed').length).toBeGreaterThan(1);
  });

  it('under run-failure-reason a failed run says why: the model, or the documents that could not be parsed', async () => {
    emu.setVariants(['run-failure-reason']);
    emu.setFaults({ runFailRate: 1 });
    const sid = await sessionWith(1, 'words');
    const { end } = await runToEnd(sid);
    expect(end.failure_reason).toBe('The extraction model did not return a usable answer. Run the extraction again.');
    const listed = await api(emu, 'GET', `/extractions/sessions/${sid}/results`);
    expect(listed.body.data[0].failure_reason).toBe(end.failure_reason);

    emu.setFaults([]);
    emu.setParsing({ failNames: ['bad-scan.pdf'] });
    const s2 = (await api(emu, 'POST', '/extractions/sessions', { extraction_template_id: templateId })).body.id;
    const key = await upload(emu, pdf(`bad ${Math.random()}`));
    const doc = await api(emu, 'POST', '/workspaces/1/documents', { key, filename: 'bad-scan.pdf' });
    await api(emu, 'POST', `/extractions/sessions/${s2}/documents/attach`, { document_ids: [doc.body.document.id] });
    const parsed = await runToEnd(s2);
    expect(parsed.end.failure_reason).toBe('1 of 1 document could not be parsed: bad-scan.pdf.');
  });
});
