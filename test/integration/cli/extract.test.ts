// Runs and results through the real bin against the emulator: push --extract (one session and one per file), extract, results, failures.
import ExcelJS from 'exceljs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resultCells } from '../../../shared/result-table';
import { RaydocsClient } from '../../../electron/core/api/client';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, makePdfs, runCli, spawnCli } from './helpers';

/** The Invoices template's fields, as the API describes them (schema_json.groups). */
type Groups = Record<string, string[]>;

interface RunJson {
  resultId: string;
  sessionId: string;
  status: string;
  title: string | null;
  documents: number;
  failure: string | null;
  fields: Array<{ group: string; field: string; value: string; page: number | null }>;
  files: { out: string | null; xlsx: string | null };
}

async function workbookRows(path: string, sheet: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const out: unknown[][] = [];
  book.getWorksheet(sheet)?.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

const fieldPairs = (groups: Groups): string[] => Object.entries(groups).flatMap(([g, fs]) => fs.map((f) => `${g}.${f}`));

describe('raydocs-upload extract, results and push --extract', () => {
  let emu: RunningEmulator;
  let work: string;
  let client: RaydocsClient;
  let env: NodeJS.ProcessEnv;
  let templateId: string;
  let groups: Groups;

  beforeAll(async () => {
    // 30 ms a step: a run goes created/parsing_pending → processing → completed in well under a second.
    emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } });
    work = await mkdtemp(join(tmpdir(), 'raydocs-cli-extract-'));
    client = new RaydocsClient({ baseUrl: emu.url, token: emu.token });
    templateId = emu.seed.workspaces[0]!.templates[0]!.id;
    const schema = (await client.getTemplate(templateId)).schema_json as { groups: Record<string, { fields: Record<string, unknown> }> };
    groups = Object.fromEntries(Object.entries(schema.groups).map(([g, v]) => [g, Object.keys(v.fields)]));
    expect(fieldPairs(groups).length).toBeGreaterThan(2);
    env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: join(work, 'data'), RAYDOCS_RATE_LIMIT: 'off' });
  });
  afterAll(async () => {
    await emu?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });
  afterEach(() => {
    emu.setFaults({});
    emu.setVariants([]);
  });

  const newSession = async (name: string) => (await client.createSession({ extraction_template_id: templateId, name })).id;
  const sessionWithDocs = async (name: string, n: number): Promise<string> => {
    const dir = join(work, name);
    await makePdfs(dir, n, name);
    const sid = await newSession(name);
    const r = await runCli(['push', sid, dir], { env });
    expect(r.code, r.stderr).toBe(0);
    return sid;
  };

  it('push <sid> <dir> --extract --out r.json --xlsx r.xlsx: exit 0, the fields on screen, both files hold them', async () => {
    const dir = join(work, 'one');
    await makePdfs(dir, 3, 'one');
    const sid = await newSession('one');
    const r = await runCli(['push', sid, dir, '--extract', '--out', 'out/r.json', '--xlsx', 'out/r.xlsx'], { env, cwd: work });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/uploaded\s+3\n/);

    const json = JSON.parse(await readFile(join(work, 'out', 'r.json'), 'utf8')) as { id: string; status: string; extraction_session_id: string; data: Record<string, Record<string, unknown>> };
    expect(json).toMatchObject({ status: 'completed', extraction_session_id: sid });
    expect(Object.entries(json.data).flatMap(([g, fs]) => Object.keys(fs).map((f) => `${g}.${f}`))).toEqual(fieldPairs(groups));
    // The file is the server's result, whole.
    expect(json).toEqual(JSON.parse(JSON.stringify(await client.getResult(json.id))));

    const data = await workbookRows(join(work, 'out', 'r.xlsx'), 'Data');
    expect(data.slice(1).map(([g, f]) => `${String(g)}.${String(f)}`)).toEqual(fieldPairs(groups));
    expect(data.slice(1).map((row) => String(row[2]))).toEqual(resultCells(await client.getResult(json.id)).map((c) => c.value));

    // The table: one row per field with its value and its page; the progress named the states on their own lines.
    for (const c of resultCells(await client.getResult(json.id))) expect(r.stdout).toMatch(new RegExp(`${c.group}\\s+${c.field}\\s+${c.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+${c.page}\\n`));
    expect(r.stderr).toMatch(/Started extraction run [0-9a-f-]{36} on session/);
    expect(r.stderr).toMatch(/^run (created|parsing_pending|processing)/m);
    expect(r.stderr).toMatch(/^run completed/m);
    expect(r.stderr).not.toMatch(/\x1b\[/);
    expect(r.stdout).toMatch(/Saved .*r\.json/);
    // Written whole: nothing but the two files in the folder.
    expect((await readdir(join(work, 'out'))).sort()).toEqual(['r.json', 'r.xlsx']);
    expect(await client.listResults(sid)).toHaveLength(1);
  });

  it('--one-session-per-file --extract: one output per file, named after it, from the run auto_extract started (no second run)', async () => {
    const dir = join(work, 'per-file');
    await makePdfs(dir, 3, 'pf');
    const r = await runCli(['push', '--one-session-per-file', '--template', templateId, dir, '--extract', '--out', 'pf-out/', '--xlsx', 'pf-out/{name}.xlsx', '--json'], { env, cwd: work });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { exitCode: number; perFileSessions: Array<{ name: string; sessionId: string }>; extraction: { runs: Array<RunJson & { name: string }> } };
    expect(report.exitCode).toBe(0);
    expect(report.perFileSessions).toHaveLength(3);
    expect((await readdir(join(work, 'pf-out'))).sort()).toEqual(['pf-000.json', 'pf-000.xlsx', 'pf-001.json', 'pf-001.xlsx', 'pf-002.json', 'pf-002.xlsx']);
    for (const s of report.perFileSessions) {
      const stem = s.name.replace(/\.pdf$/, '');
      const saved = JSON.parse(await readFile(join(work, 'pf-out', `${stem}.json`), 'utf8')) as { extraction_session_id: string; status: string };
      expect(saved).toMatchObject({ extraction_session_id: s.sessionId, status: 'completed' });
      expect((await workbookRows(join(work, 'pf-out', `${stem}.xlsx`), 'Data')).length).toBe(fieldPairs(groups).length + 1);
      // auto_extract started the run: the CLI found it and started none of its own.
      expect(await client.listResults(s.sessionId)).toHaveLength(1);
      const run = report.extraction.runs.find((x) => x.name === s.name)!;
      expect(run).toMatchObject({ sessionId: s.sessionId, status: 'completed', files: { out: join(work, 'pf-out', `${stem}.json`), xlsx: join(work, 'pf-out', `${stem}.xlsx`) } });
    }

    // --no-auto-extract: the CLI starts each session's run itself, once.
    const dir2 = join(work, 'per-file-manual');
    await makePdfs(dir2, 2, 'manual');
    const m = await runCli(['push', '--one-session-per-file', '--no-auto-extract', '--template', templateId, dir2, '--extract', '--out', 'manual-out'], { env, cwd: work });
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toMatch(/manual-000\.pdf\s+completed/);
    expect((await readdir(join(work, 'manual-out'))).sort()).toEqual(['manual-000.json', 'manual-001.json']);
    for (const f of ['manual-000.json', 'manual-001.json']) {
      const saved = JSON.parse(await readFile(join(work, 'manual-out', f), 'utf8')) as { extraction_session_id: string };
      expect(await client.listResults(saved.extraction_session_id)).toHaveLength(1);
    }
  }, 60_000);

  it('a run that fails exits 6 and says so in the server’s words; no file is written and an old one is left alone', async () => {
    const sid = await sessionWithDocs('failing', 1);
    await writeFile(join(work, 'keep.json'), 'old');
    emu.setVariants(['run-failure-reason']);
    emu.setFaults({ runFailRate: 1 });
    const r = await runCli(['extract', sid, '--out', 'keep.json', '--xlsx', 'fail.xlsx'], { env, cwd: work });
    expect(r.code, r.stderr).toBe(6);
    const [run] = await client.listResults(sid);
    const words = (await client.getResult(run!.id)).failure_reason;
    expect(words).toBeTruthy();
    expect(r.stderr).toContain(`Extraction run ${run!.id} failed: ${words}`);
    expect(r.stderr).toContain('No file was written.');
    expect(r.stdout).toMatch(/Status\s+failed/);
    expect(await readFile(join(work, 'keep.json'), 'utf8')).toBe('old');
    expect((await readdir(work)).filter((f) => f === 'fail.xlsx' || f.includes('.part'))).toEqual([]);

    // Without the variant there are no words: it still says the run failed, and --json carries the code.
    emu.setVariants([]);
    const j = await runCli(['extract', sid, '--wait', '--json'], { env });
    expect(j.code).toBe(6);
    const out = JSON.parse(j.stdout) as RunJson & { exitCode: number; message: string };
    expect(out).toMatchObject({ status: 'failed', exitCode: 6, failure: null });
    expect(out.message).toMatch(/failed: Raydocs gave no reason/);
  });

  it('results lists the session’s runs; results show prints one as the server holds it; --json parses', async () => {
    const sid = await sessionWithDocs('listed', 2);
    const first = await runCli(['extract', sid, '--wait'], { env });
    expect(first.code, first.stderr).toBe(0);
    const second = await runCli(['extract', sid], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Status\s+(created|parsing_pending)/); // started, not waited for
    const runs = await client.listResults(sid);
    expect(runs).toHaveLength(2);

    const list = await runCli(['results', sid, '--json'], { env });
    expect(list.code, list.stderr).toBe(0);
    const listed = JSON.parse(list.stdout) as { sessionId: string; results: Array<{ id: string; status: string; documents: number }> };
    expect(listed.results.map((x) => x.id).sort()).toEqual(runs.map((x) => x.id).sort());
    expect(listed.results.every((x) => x.documents === 2)).toBe(true);
    const table = await runCli(['results', sid], { env });
    for (const x of runs) expect(table.stdout).toContain(x.id);
    expect(table.stdout).toMatch(/RESULT\s+STATUS\s+TITLE\s+DOCS\s+CREATED\s+COMPLETED/);

    const done = runs.find((x) => x.status === 'completed') ?? runs[0]!;
    const show = await runCli(['results', 'show', done.id, '--wait'], { env });
    expect(show.code, show.stderr).toBe(0);
    const full = await client.getResult(done.id);
    expect(show.stdout).toContain(`Title      ${full.title}`);
    for (const c of resultCells(full)) expect(show.stdout).toMatch(new RegExp(`${c.group}\\s+${c.field}\\s+`));
    const showJson = JSON.parse((await runCli(['results', 'show', done.id, '--json'], { env })).stdout) as RunJson & { result: unknown };
    expect(showJson.fields).toEqual(resultCells(full));
    expect(showJson.result).toEqual(JSON.parse(JSON.stringify(full)));
  }, 90_000);

  it('refuses an --out that is a folder before uploading; a push with a refused file runs no extraction', async () => {
    const sid = await newSession('guarded');
    const dir = join(work, 'guarded');
    await makePdfs(dir, 1, 'guarded');
    await mkdir(join(work, 'a-folder'), { recursive: true });
    const uploadsBefore = emu.inspect().uploads;
    const bad = await runCli(['push', sid, dir, '--extract', '--out', 'a-folder'], { env, cwd: work });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--out .*a-folder is a folder/);
    expect(emu.inspect().uploads).toBe(uploadsBefore);
    const perFile = await runCli(['push', '--one-session-per-file', '--template', templateId, dir, '--extract', '--out', 'r.json'], { env, cwd: work });
    expect(perFile.code).toBe(2);
    expect(perFile.stderr).toMatch(/each session gets its own file/);

    await writeFile(join(dir, 'empty.pdf'), '');
    const r = await runCli(['push', sid, dir, '--extract', '--out', 'never.json'], { env, cwd: work });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No extraction was run: not every file was stored/);
    expect(await client.listResults(sid)).toHaveLength(0);
    await expect(readFile(join(work, 'never.json'))).rejects.toThrow();
  });

  it('files stored but the run refused: --json still prints one object, and the exit code is the refusal’s', async () => {
    const dir = join(work, 'refused-run');
    await makePdfs(dir, 1, 'rr');
    const sid = await newSession('refused-run');
    emu.setFaults({ routes: [`/extractions/sessions/${sid}/results`], errorRate: 1, errorStatuses: [403] });
    const r = await runCli(['push', sid, dir, '--extract', '--json'], { env });
    expect(r.code, r.stderr).toBe(3);
    const report = JSON.parse(r.stdout) as { exitCode: number; counts: { uploaded: number }; extraction: { skipped: string; runs: unknown[] } };
    expect(report).toMatchObject({ exitCode: 3, counts: { uploaded: 1 }, extraction: { runs: [] } });
    expect(report.extraction.skipped).toMatch(/403 on POST/);
    expect(r.stderr).toMatch(/Every file is stored, but the extraction did not go through: .*raydocs-upload extract /);
  });

  it('Ctrl-C while waiting exits 130; the run goes on and the message names the command that saves it', async () => {
    const sid = await sessionWithDocs('interrupted', 1);
    emu.setParsing({ stepMs: 60_000 }); // a run takes its step time when it starts: this one stays in motion
    try {
      const { child, done } = spawnCli(['extract', sid, '--out', 'later dir/r.json'], { env, cwd: work });
      let seen = '';
      await new Promise<void>((resolve) => child.stderr!.on('data', (d: Buffer) => ((seen += String(d)), /^run /m.test(seen) && resolve())));
      child.kill('SIGINT');
      const r = await done;
      expect(r.code, r.stderr).toBe(130);
      const [run] = await client.listResults(sid);
      expect(r.stderr).toContain(`Interrupted while waiting for the run. It goes on in Raydocs: \`raydocs-upload results show ${run!.id} --out '${join(work, 'later dir', 'r.json')}'\``);
      expect(run!.status).not.toBe('failed');
      await expect(readdir(join(work, 'later dir'))).rejects.toThrow(); // nothing written, not even the folder
    } finally {
      emu.setParsing({ stepMs: 30 });
    }
  });

  it('server text reaches the terminal without its control characters; --json keeps it', async () => {
    const dir = join(work, 'esc');
    await mkdir(dir, { recursive: true });
    await makePdfs(dir, 1, 'esc');
    const [name] = await readdir(dir);
    const evil = 'bad\x1b[2J\u202ename.pdf';
    await writeFile(join(dir, evil), await readFile(join(dir, name!)));
    await rm(join(dir, name!));
    const sid = await newSession('esc');
    const r = await runCli(['push', sid, dir, '--extract'], { env });
    expect(r.code, r.stderr).toBe(0);
    const [run] = await client.listResults(sid);
    const full = await client.getResult(run!.id);
    expect(full.title).toContain('\x1b[2J'); // the server's title carries the file name as it was
    expect(r.stdout + r.stderr).not.toMatch(/[\x1b\u202e]/);
    expect(r.stdout).toContain('bad?[2J?name.pdf');
    const j = await runCli(['results', 'show', run!.id, '--json'], { env });
    expect((JSON.parse(j.stdout) as RunJson).title).toBe(full.title);
  });
});
