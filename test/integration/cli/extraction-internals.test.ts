// The extraction commands' small decisions: output names per file, the progress line, whole-or-nothing writes, and the waiter.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractionResult } from '../../../shared/api';
import { EXIT } from '../../../electron/cli/exit-codes';
import { shellQuote, worstExit } from '../../../electron/cli/extraction';
import type { CliIo } from '../../../electron/cli/io';
import { outputStem, perFileOutput, perFilePath, uniqueStems } from '../../../electron/cli/output-paths';
import { failureSentence, formatFields, writeFileAtomic } from '../../../electron/cli/result-output';
import { createRunProgress, runProgressLine } from '../../../electron/cli/run-progress';
import { newestRun, waitForRuns, watchAutoRun, watchStarted, type WatchedRun } from '../../../electron/cli/run-wait';
import { UsageError } from '../../../electron/cli/errors';
import { RaydocsClient } from '../../../electron/core/api/client';
import { startEmulator, type RunningEmulator } from '../../emulator';

const result = (over: Partial<ExtractionResult>): ExtractionResult =>
  ({ id: 'r1', extraction_session_id: 's1', status: 'created', config_hash: null, document_refs: [], title: null, data: null, audit_data: null, created_at: null, updated_at: null, completed_at: null, message: null, error: null, error_message: null, failure_reason: null, ...over }) as ExtractionResult;

const watched = (status: WatchedRun['status'], over: Partial<WatchedRun> = {}): WatchedRun => ({ ...watchStarted(result({ status })), ...over });

describe('output names with --one-session-per-file', () => {
  it('names each output after its file, safe on every OS, unique ignoring case, the same on every run', () => {
    expect(outputStem('/in/invoice-001.pdf')).toBe('invoice-001');
    expect(outputStem('/in/a:b?.pdf')).toBe('a_b_');
    expect(outputStem('/in/.pdf')).toBe('.pdf'); // a dot file has no extension: it keeps its name
    expect(outputStem('/in/trailing. .pdf')).toBe('trailing');
    const stems = uniqueStems(['/b/x.pdf', '/a/X.png', '/a/y.pdf', '/a/x.pdf']);
    expect(Object.fromEntries(stems)).toEqual({ '/a/X.png': 'X', '/a/x.pdf': 'x-2', '/a/y.pdf': 'y', '/b/x.pdf': 'x-3' });
    expect(Object.fromEntries(uniqueStems(['/a/x.pdf', '/b/x.pdf', '/a/X.png', '/a/y.pdf']))).toEqual(Object.fromEntries(stems));
  });

  it('takes a folder or a {name} pattern, and refuses a single file name', () => {
    expect(perFileOutput('out', 'out', '/w')).toEqual({ kind: 'folder', dir: '/w/out' });
    expect(perFilePath(perFileOutput('out/', 'out', '/w'), 'inv', 'json')).toBe('/w/out/inv.json');
    expect(perFilePath(perFileOutput('x/{name}-{name}.xlsx', 'xlsx', '/w'), 'inv', 'xlsx')).toBe('/w/x/inv-inv.xlsx');
    expect(() => perFileOutput('r.json', 'out', '/w')).toThrow(UsageError);
    expect(() => perFileOutput('r.XLSX', 'xlsx', '/w')).toThrow(/a folder .* or a pattern with \{name\}/);
  });
});

describe('the progress line', () => {
  it('names the state, the documents parsed while the run waits for them, and the time', () => {
    expect(runProgressLine([watched('parsing_pending', { parse: { parsed: 3, failed: 1, total: 5 } })], 12, null)).toBe('run parsing_pending (3/5 documents parsed, 1 could not be parsed) · 12s');
    expect(runProgressLine([watched('processing')], 61, 'waiting for the API (network error)')).toBe('run processing · 1m01s · waiting for the API (network error)');
    const many = [watched('completed'), watched('processing'), watched('processing'), watchAutoRun('s2', 0)];
    expect(runProgressLine(many, 3, null)).toBe('4 runs: 1 not started yet · 2 processing · 1 completed · 3s');
  });

  it('rewrites one line on a terminal; in a log, one line per state and at most one every interval otherwise', () => {
    const tty: string[] = [];
    const t = createRunProgress({ write: (s: string) => tty.push(s), isTTY: true, columns: 40 }, 'tty');
    t.update([watched('created')], null);
    t.update([watched('processing')], null);
    t.finish();
    expect(tty.slice(0, 2).every((s) => s.startsWith('\r\x1b[2K') && !s.includes('\n'))).toBe(true);
    expect(tty[2]).toBe('\n');

    let now = 0;
    const plain: string[] = [];
    const p = createRunProgress({ write: (s: string) => plain.push(s) }, 'plain', { now: () => now, plainIntervalMs: 5000 });
    const pending = (parsed: number) => [watched('parsing_pending', { parse: { parsed, failed: 0, total: 9 } })];
    p.update(pending(0), null);
    now = 1000;
    p.update(pending(1), null); // only the count moved, within the interval: held back
    now = 6000;
    p.update(pending(2), null); // the interval passed and the count moved: shown
    now = 12_000;
    p.update(pending(2), null); // nothing but the clock moved: not news
    now = 12_100;
    p.update([watched('completed')], null); // a new state: shown at once
    expect(plain.map((s) => s.replace(/ · [^·]*\n$/, ''))).toEqual(['run parsing_pending (0/9 documents parsed)', 'run parsing_pending (2/9 documents parsed)', 'run completed']);
  });

  it('prints fields on one line each, with their page', () => {
    expect(formatFields([{ group: 'invoice', field: 'total', value: '12\n34', page: 2, reasoning: null }])).toBe('GROUP    FIELD  VALUE  PAGE\n-------  -----  -----  ----\ninvoice  total  12 34  2\n');
    expect(formatFields([])).toMatch(/no fields/);
  });
});

describe('whole-or-nothing files and exit codes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'raydocs-cli-atomic-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces a file whole, makes missing folders, and leaves nothing behind when it cannot write', async () => {
    await writeFile(join(dir, 'r.json'), 'old');
    expect(await writeFileAtomic(join(dir, 'r.json'), '{"new":true}')).toBe(12);
    expect(await readFile(join(dir, 'r.json'), 'utf8')).toBe('{"new":true}');
    await writeFileAtomic(join(dir, 'deep', 'er', 'r.json'), 'x');
    expect(await readFile(join(dir, 'deep', 'er', 'r.json'), 'utf8')).toBe('x');
    // The destination is a folder: the rename fails, and the temporary file goes with it.
    await expect(writeFileAtomic(join(dir, 'deep'), 'y')).rejects.toThrow();
    expect((await readdir(dir)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('an interruption or a lost network outranks a failed run, which outranks a file not written', () => {
    expect(worstExit([EXIT.ok, EXIT.failed, EXIT.extractionFailed])).toBe(EXIT.extractionFailed);
    expect(worstExit([EXIT.extractionFailed, EXIT.interrupted])).toBe(EXIT.interrupted);
    expect(worstExit([EXIT.ok, EXIT.ok])).toBe(EXIT.ok);
    expect(newestRun([result({ id: 'a', created_at: '2026-01-02T00:00:00Z' }), result({ id: 'b', created_at: '2026-01-01T00:00:00Z' })])?.id).toBe('a');
    expect(newestRun([])).toBeNull();
  });

  it('quotes a path for the suggested command only when a shell needs it', () => {
    expect(shellQuote('/tmp/out/r.json')).toBe('/tmp/out/r.json');
    expect(shellQuote("/tmp/Q3 it's/r.json")).toBe(`'/tmp/Q3 it'\\''s/r.json'`);
  });
});

describe('waitForRuns against the emulator', () => {
  let emu: RunningEmulator;
  let client: RaydocsClient;
  let sessionId: string;

  const io = (interrupt?: (fire: () => void) => void): CliIo => ({
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: {},
    cwd: tmpdir(),
    platform: process.platform,
    homedir: tmpdir(),
    onInterrupt(listener) {
      interrupt?.(listener);
      return () => {};
    },
  });

  beforeAll(async () => {
    emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } });
    client = new RaydocsClient({ baseUrl: emu.url, token: emu.token });
    const templateId = emu.seed.workspaces[0]!.templates[0]!.id;
    // A session holding one stored document, made through the API's own three calls.
    const session = await client.createSession({ extraction_template_id: templateId, name: 'waiter' });
    const signed = await client.signedStorageUrl({ content_type: 'application/pdf' });
    const put = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: Buffer.from('%PDF-1.4\n% waiter\n%%EOF\n') });
    expect(put.ok).toBe(true);
    await client.uploadSessionDocuments(session.id, [signed.key]);
    sessionId = session.id;
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('follows a run to completed, counting the documents parsed on the way', async () => {
    const runs = [watchStarted(await client.runExtraction(sessionId))];
    const seen: string[] = [];
    const outcome = await waitForRuns(runs, { io: io(), client, offlineTimeoutSeconds: 30, baseMs: 20, capMs: 50, onProgress: (r) => seen.push(`${r[0]!.status}${r[0]!.status === 'parsing_pending' && r[0]!.parse ? `:${r[0]!.parse.total}` : ''}`) });
    expect(outcome).toEqual({ kind: 'settled' });
    expect(runs[0]!.status).toBe('completed');
    expect(runs[0]!.result?.data).toBeTruthy(); // the full result, not the summary
    expect(seen.at(-1)).toBe('completed');
    if (seen.some((s) => s.startsWith('parsing_pending'))) expect(seen.find((s) => s.startsWith('parsing_pending'))).toBe('parsing_pending:1');
  });

  it('a run whose documents could not be parsed fails, and says how many', async () => {
    const templateId = emu.seed.workspaces[0]!.templates[0]!.id;
    const session = await client.createSession({ extraction_template_id: templateId, name: 'unparsable' });
    const signed = await client.signedStorageUrl({ content_type: 'application/pdf' });
    await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: Buffer.from('%PDF-1.4\n% unparsable\n%%EOF\n') });
    await client.uploadSessionDocuments(session.id, [signed.key]);
    emu.setParsing({ stepMs: 30, failRate: 1 });
    try {
      const runs = [watchStarted(await client.runExtraction(session.id))];
      await waitForRuns(runs, { io: io(), client, offlineTimeoutSeconds: 30, baseMs: 20, capMs: 50, onProgress: () => {} });
      expect(runs[0]!.status).toBe('failed');
      expect(runs[0]!.parse).toEqual({ parsed: 0, failed: 1, total: 1 });
      expect(failureSentence(runs[0]!.result!, runs[0]!.parse!.failed)).toBe(`Extraction run ${runs[0]!.result!.id} failed: Raydocs gave no reason. 1 of its documents could not be parsed.`);
    } finally {
      emu.setParsing({ stepMs: 30, failRate: 0 });
    }
  });

  it('finds the newest run of a session, or starts one when none shows by the deadline', async () => {
    const w = watchAutoRun(sessionId, Date.now());
    const before = (await client.listResults(sessionId)).length;
    await waitForRuns([w], { io: io(), client, offlineTimeoutSeconds: 30, baseMs: 20, capMs: 50, onProgress: () => {} });
    expect(w.startedForLack).toBe(false); // the earlier test's run was there
    expect((await client.listResults(sessionId)).length).toBe(before);
  });

  it('stops on Ctrl-C and when the network stays away past the offline timeout', async () => {
    let fire: (() => void) | null = null;
    emu.setParsing({ stepMs: 60_000 }); // a run takes its step time when it starts
    const run = watchStarted(await client.runExtraction(sessionId));
    const polls = (): number => emu.inspect().requests.filter((r) => r.method === 'GET' && r.path.includes(run.result!.id)).length;
    const before = polls();
    const pending = waitForRuns([run], { io: io((f) => (fire = f)), client, offlineTimeoutSeconds: 30, baseMs: 20, capMs: 50, onProgress: () => {} });
    // Ctrl-C once the wait has really started (its first read of the run), not after a guessed sleep.
    for (let i = 0; polls() === before; i++) {
      if (i > 1000) throw new Error('the wait never read the run');
      await new Promise((r) => setImmediate(r));
    }
    fire!();
    expect(await pending).toEqual({ kind: 'interrupted' });

    emu.outage(5);
    const gone = await waitForRuns([run], { io: io(), client, offlineTimeoutSeconds: 0.3, baseMs: 20, capMs: 50, onProgress: () => {} });
    expect(gone.kind).toBe('offline');
    emu.setParsing({ stepMs: 30 });
  });
});
