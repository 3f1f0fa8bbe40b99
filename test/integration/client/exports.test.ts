// Contract: Excel exports stream to disk through `<dest>.part`; an error (status, body, cut, abort) leaves no file;
// the batch export finds whichever route the server has, and says 404 when it has neither.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { resultCells } from '../../../shared/result-table';
import { isTerminalResultStatus, type ExtractionResult } from '../../../shared/api';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { apiFailure, pdfBytes, poll, uploadKey } from './helpers';

let emu: RunningEmulator;
let client: RaydocsClient;
let templateId: string;
let dir: string;
let done: ExtractionResult;

async function completedRun(): Promise<ExtractionResult> {
  const session = await client.createSession({ extraction_template_id: templateId });
  await client.uploadSessionDocuments(session.id, [await uploadKey(client, pdfBytes())]);
  const run = await client.runExtraction(session.id);
  return poll(() => client.getResult(run.id), (r) => isTerminalResultStatus(r.status));
}

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 20 }, variants: [] });
  client = new RaydocsClient({ baseUrl: emu.url, token: emu.token, timeoutMs: 5000 });
  templateId = emu.seed.workspaces[0]!.templates[0]!.id;
  dir = await mkdtemp(join(tmpdir(), 'client-exports-'));
  done = await completedRun();
  expect(done.status).toBe('completed');
});

afterEach(() => {
  emu.setFaults([]);
  emu.setVariants([]);
});

afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

/** Only the files asked for are in the folder: no `.part` left behind. */
async function filesIn(): Promise<string[]> {
  return (await readdir(dir)).sort();
}

async function sheetRows(path: string, name: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const out: unknown[][] = [];
  book.getWorksheet(name)?.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('exportResultExcel', () => {
  it('streams the workbook to disk; it holds every field of the result table', async () => {
    const dest = join(dir, 'result.xlsx');
    const saved = await client.exportResultExcel(done.id, dest);
    expect(saved).toEqual({ bytes: (await stat(dest)).size, filename: 'extraction_result.xlsx' });
    expect(await filesIn()).toEqual(['result.xlsx']);
    const data = await sheetRows(dest, 'Data');
    const cells = resultCells(done);
    expect(cells).toHaveLength(5);
    for (const c of cells) expect(data.map((r) => r.map(String))).toContainEqual([c.group, c.field, c.value]);
    const audit = await sheetRows(dest, 'Audit');
    for (const c of cells) expect(audit.find((r) => r[0] === c.group && r[1] === c.field)?.[2]).toBe(c.page);
    await rm(dest);
  });

  it('a run not completed is an ApiError with the server words; no file, no .part, an old file untouched', async () => {
    const session = await client.createSession({ extraction_template_id: templateId });
    await client.uploadSessionDocuments(session.id, [await uploadKey(client, pdfBytes())]);
    const run = await client.runExtraction(session.id);
    const dest = join(dir, 'keep.xlsx');
    await writeFile(dest, 'an older export');
    const err = await apiFailure(client.exportResultExcel(run.id, dest));
    expect(err).toMatchObject({ status: 422, code: 'validation', request: { method: 'GET', path: `/extractions/results/${run.id}/export/excel` } });
    expect(err.serverMessage).toMatch(/not completed yet/);
    expect(await readFile(dest, 'utf8')).toBe('an older export');
    expect(await filesIn()).toEqual(['keep.xlsx']);
    await rm(dest);
  });

  it('a transfer cut mid-body is a network error and leaves no .part', async () => {
    emu.setFaults({ resetMidBodyRate: 1, resetAfterBytes: 200, routes: ['/extractions/results/'] });
    const err = await apiFailure(client.exportResultExcel(done.id, join(dir, 'cut.xlsx')));
    expect(err.code).toBe('network');
    expect(await filesIn()).toEqual([]);
  });

  it('an HTML gateway page (502) is an ApiError, not a file', async () => {
    emu.setFaults({ errorRate: 1, errorStatuses: [502], routes: ['/extractions/results/'] });
    const err = await apiFailure(client.exportResultExcel(done.id, join(dir, 'gw.xlsx')));
    expect(err).toMatchObject({ status: 502, code: 'server' });
    expect(await filesIn()).toEqual([]);
  });

  it('a caller abort while waiting for the answer is `aborted`, with no file', async () => {
    emu.setFaults({ latencyMs: 400, routes: ['/extractions/results/'] });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = await apiFailure(client.exportResultExcel(done.id, join(dir, 'abort.xlsx'), ac.signal));
    expect(err.code).toBe('aborted');
    expect(await filesIn()).toEqual([]);
  });
});

describe('exportSessionsExcel', () => {
  it('uses the OpenAPI route (format in the body) when the server has it', async () => {
    const before = emu.inspect().requests.length;
    const dest = join(dir, 'batch.xlsx');
    const saved = await client.exportSessionsExcel(templateId, [done.extraction_session_id!], dest);
    expect(saved.filename).toBe('sessions_export.xlsx');
    const calls = emu.inspect().requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(calls).toEqual([`POST /extractions/templates/${templateId}/sessions/batch/export 200`]);
    const data = await sheetRows(dest, 'Data');
    expect(data.slice(1).map((r) => r[1])).toEqual(Array(5).fill(done.extraction_session_id));
    await rm(dest);
  });

  it('falls back to the prose route …/export/excel on a 404 (variant prose-batch-export)', async () => {
    emu.setVariants(['prose-batch-export']);
    const before = emu.inspect().requests.length;
    const dest = join(dir, 'prose.xlsx');
    await client.exportSessionsExcel(templateId, [done.extraction_session_id!], dest);
    const calls = emu.inspect().requests.slice(before).map((r) => `${r.path.split('/sessions/')[1]} ${r.status}`);
    expect(calls).toEqual(['batch/export 404', 'batch/export/excel 200']);
    expect((await sheetRows(dest, 'Data')).length).toBe(6);
    expect(await filesIn()).toEqual(['prose.xlsx']);
    await rm(dest);
  });

  it('a refused body (an unknown session) is the server 422, not a fallback', async () => {
    const err = await apiFailure(client.exportSessionsExcel(templateId, ['00000000-0000-4000-8000-000000000000'], join(dir, 'x.xlsx')));
    expect(err).toMatchObject({ status: 422, code: 'validation' });
    expect(await filesIn()).toEqual([]);
  });
});

describe('against servers the emulator does not play', () => {
  let server: Server;
  let answer: (req: IncomingMessage, res: ServerResponse) => void;
  const seen: string[] = [];
  let other: RaydocsClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      answer(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    other = new RaydocsClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: 'tok', timeoutMs: 800 });
  });
  afterEach(() => {
    seen.length = 0;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  };

  it('neither batch route (404, then 405) → ApiError 404 not-found, so the caller exports one per session', async () => {
    answer = (req, res) => (req.url!.endsWith('/excel') ? send(res, 405, 'application/json', '{"message":"Method Not Allowed"}') : send(res, 404, 'application/json', '{"message":"Not Found"}'));
    const err = await apiFailure(other.exportSessionsExcel('t1', ['s1'], join(dir, 'none.xlsx')));
    expect(err).toMatchObject({ status: 404, code: 'not-found' });
    expect(seen).toEqual(['POST /extractions/templates/t1/sessions/batch/export', 'POST /extractions/templates/t1/sessions/batch/export/excel']);
    expect(await filesIn()).toEqual([]);
  });

  it('a 200 whose body is an HTML page or JSON is invalid-response, not a file', async () => {
    for (const [type, body] of [['text/html', '<html><body>Sign in</body></html>'], ['application/json', '{"message":"queued"}']] as const) {
      answer = (_req, res) => send(res, 200, type, body);
      const err = await apiFailure(other.exportResultExcel('r1', join(dir, 'html.xlsx')));
      expect(err.code).toBe('invalid-response');
      expect(err.detail).toContain(`not an xlsx file (${type})`);
      expect(await filesIn()).toEqual([]);
    }
  });

  it('a body that stops arriving is a timeout (silence between chunks), with no .part left', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '100000' });
      res.write(Buffer.concat([Buffer.from('PK'), Buffer.alloc(1000)])); // then nothing
    };
    const err = await apiFailure(other.exportResultExcel('r1', join(dir, 'slow.xlsx')));
    expect(err.code).toBe('timeout');
    expect(existsSync(join(dir, 'slow.xlsx.part'))).toBe(false);
    expect(await filesIn()).toEqual([]);
  });

  it('a filename from Content-Disposition is reduced to a bare name (filename* wins)', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-disposition': `attachment; filename="x.xlsx"; filename*=UTF-8''..%2F..%2Fr%C3%A9sultat.xlsx` });
      res.end(Buffer.from('PK\u0003\u0004rest'));
    };
    const saved = await other.exportResultExcel('r1', join(dir, 'named.xlsx'));
    expect(saved).toEqual({ bytes: 8, filename: 'résultat.xlsx' });
    await rm(join(dir, 'named.xlsx'));
  });
});
