// The --json contract: every command's output, on success and on failure, validates against its zod schema in
// electron/cli/json-schema.ts (schemaVersion, and {error: {code, message, exitCode}} exactly when it exits non-zero).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { RaydocsClient } from '../../../electron/core/api/client';
import { COMMAND_SCHEMAS, errorOutputSchema, jsonLineSchema } from '../../../electron/cli/json-schema';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, makePdfs, runCli } from './helpers';
import { fakeKeytar, runInProcess } from './in-process';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('--json contract', () => {
  let emu: RunningEmulator;
  let work: string;
  let env: NodeJS.ProcessEnv;
  let client: RaydocsClient;
  let templateId: string;
  let sessionId: string;
  let docsDir: string;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } });
    work = await mkdtemp(join(tmpdir(), 'raydocs-cli-json-'));
    env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: join(work, 'data'), RAYDOCS_APP_DATA_DIR: join(work, 'app'), RAYDOCS_RATE_LIMIT: 'off' });
    client = new RaydocsClient({ baseUrl: emu.url, token: emu.token });
    templateId = emu.seed.workspaces[0]!.templates[0]!.id;
    sessionId = (await client.createSession({ extraction_template_id: templateId, name: 'json' })).id;
    docsDir = join(work, 'docs');
    await makePdfs(docsDir, 3, 'json');
  });
  afterAll(async () => {
    await emu?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const run = (argv: string[], extra: { env?: NodeJS.ProcessEnv; input?: string; keytar?: ReturnType<typeof fakeKeytar> } = {}) =>
    runInProcess([...argv, '--json'], { env: extra.env ?? env, cwd: work, ...(extra.input !== undefined ? { input: extra.input } : {}), ...(extra.keytar ? { keytar: extra.keytar } : {}) });

  /** One JSON document on stdout, valid for the schema, with the exit code it says. */
  function valid(schema: z.ZodType, r: { code: number; stdout: string; stderr: string }): Record<string, unknown> {
    const lines = r.stdout.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    const value = JSON.parse(lines[0]!) as Record<string, unknown>;
    const parsed = schema.safeParse(value);
    expect(parsed.success, `${JSON.stringify(parsed.error?.issues)}\n${r.stdout}`).toBe(true);
    expect(value.schemaVersion).toBe(1);
    if ('exitCode' in value) expect(value.exitCode).toBe(r.code);
    return value;
  }

  /** A failure with no report: the error object alone, its code and exit code. */
  function failure(r: { code: number; stdout: string; stderr: string }, code: string, exitCode: number): void {
    expect(r.code, r.stderr).toBe(exitCode);
    const value = valid(errorOutputSchema, r) as { error: { code: string; exitCode: number; message: string } };
    expect(value.error).toMatchObject({ code, exitCode });
    expect(r.stdout).not.toContain(emu.token);
  }

  it('version, and a usage error (even one the parser cannot read) as an error object', async () => {
    valid(COMMAND_SCHEMAS.version, await run(['--version']));
    failure(await run(['push']), 'usage', 2);
    failure(await run(['frob']), 'usage', 2);
    failure(await run(['whoami', '--api-url', 'https://user:secret@api.example.com']), 'usage', 2);
    const bad = await run(['whoami', '--api-url', 'https://user:secret@api.example.com']);
    expect(bad.stdout + bad.stderr).not.toContain('secret');
  });

  it('login, whoami, logout: success with a keychain, failure without a token or with a refused one', async () => {
    const keytar = fakeKeytar();
    const noToken = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_DATA_DIR: join(work, 'data') });
    const l = valid(COMMAND_SCHEMAS.login, await run(['login', '--token-stdin'], { env: noToken, input: `${emu.token}\n`, keytar }));
    expect(l).toMatchObject({ stored: 'keychain', profile: null });
    expect(valid(COMMAND_SCHEMAS.whoami, await run(['whoami'], { env: noToken, keytar }))).toMatchObject({ tokenSource: 'keychain' });
    expect(valid(COMMAND_SCHEMAS.logout, await run(['logout'], { env: noToken, keytar }))).toMatchObject({ removed: true });
    failure(await run(['whoami'], { env: noToken, keytar }), 'auth', 3);
    const revoked = emu.createToken();
    emu.revokeToken(revoked);
    failure(await run(['login', '--token-stdin'], { env: noToken, input: `${revoked}\n`, keytar }), 'auth', 3);
    const broken = fakeKeytar();
    broken.deletePassword = () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
    failure(await run(['logout'], { env: noToken, keytar: broken }), 'environment', 5);
  });

  it('templates, sessions new/show/list, status', async () => {
    valid(COMMAND_SCHEMAS.templates, await run(['templates']));
    const missingWs = await run(['templates', '--workspace', '999']);
    failure(missingWs, 'not-found', 1);
    const created = valid(COMMAND_SCHEMAS['sessions new'], await run(['sessions', 'new', '--template', templateId, '--name', 'made']));
    failure(await run(['sessions', 'new', '--template', UNKNOWN]), 'validation', 1);
    valid(COMMAND_SCHEMAS['sessions show'], await run(['sessions', 'show', created.id as string]));
    failure(await run(['sessions', 'show', UNKNOWN]), 'not-found', 1);
    const list = valid(COMMAND_SCHEMAS['sessions list'], await run(['sessions', 'list'])) as { sessions: Array<{ id: string }> };
    expect(list.sessions.map((s) => s.id)).toContain(created.id);
    failure(await run(['sessions', 'list', 'extra']), 'usage', 2);
    valid(COMMAND_SCHEMAS.status, await run(['status', sessionId]));
    failure(await run(['status', UNKNOWN]), 'not-found', 1);
  });

  it('push, push --dry-run and resume: reports that carry an error when they exit non-zero', async () => {
    const ok = valid(COMMAND_SCHEMAS.push, await run(['push', sessionId, docsDir]));
    expect(ok).toMatchObject({ exitCode: 0, counts: { uploaded: 3 } });
    expect(ok.error).toBeUndefined();
    const mixed = join(work, 'mixed');
    await makePdfs(mixed, 1, 'mixed');
    await writeFile(join(mixed, 'notes.txt'), 'hello');
    await writeFile(join(mixed, 'empty.pdf'), '');
    const bad = valid(COMMAND_SCHEMAS.push, await run(['push', sessionId, mixed])) as { exitCode: number; error: { code: string }; refused: Array<{ code: string }> };
    expect(bad).toMatchObject({ exitCode: 1, error: { code: 'files-failed' } });
    expect(bad.refused.map((r) => r.code).sort()).toEqual(['empty', 'unsupported-format']);
    valid(COMMAND_SCHEMAS['push --dry-run'], await run(['push', sessionId, docsDir, '--dry-run']));
    expect(valid(COMMAND_SCHEMAS['push --dry-run'], await run(['push', sessionId, mixed, '--dry-run']))).toMatchObject({ exitCode: 1 });
    failure(await run(['push', UNKNOWN, docsDir]), 'not-found', 1);
    valid(COMMAND_SCHEMAS.resume, await run(['resume']));
    // Nothing to resume calls no API: not signed in is the failure resume can always meet.
    failure(await run(['resume'], { env: { ...env, RAYDOCS_TOKEN: '' }, keytar: fakeKeytar() }), 'auth', 3);
  });

  it('push --json-lines: one valid event a line, the summary last', async () => {
    const dir = join(work, 'lines');
    await makePdfs(dir, 2, 'lines');
    await writeFile(join(dir, 'notes.txt'), 'hello');
    const r = await runInProcess(['push', sessionId, dir, '--json-lines'], { env, cwd: work });
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string });
    for (const e of events) expect(jsonLineSchema.safeParse(e).success, JSON.stringify(e)).toBe(true);
    expect(events.map((e) => e.event).sort()).toEqual(['refused', 'stored', 'stored', 'summary']);
    expect(events.at(-1)!.event).toBe('summary');
    expect(r.code).toBe(1);
  });

  it('extract, results, results show', async () => {
    const runJson = valid(COMMAND_SCHEMAS.extract, await run(['extract', sessionId, '--wait'])) as { resultId: string };
    failure(await run(['extract', UNKNOWN]), 'not-found', 1);
    valid(COMMAND_SCHEMAS.results, await run(['results', sessionId]));
    failure(await run(['results', UNKNOWN]), 'not-found', 1);
    valid(COMMAND_SCHEMAS['results show'], await run(['results', 'show', runJson.resultId]));
    failure(await run(['results', 'show', UNKNOWN]), 'not-found', 1);
  });

  it('reparse, check, detach; watch and completion failures', async () => {
    valid(COMMAND_SCHEMAS.reparse, await run(['reparse', sessionId]));
    failure(await run(['reparse', UNKNOWN]), 'not-found', 1);
    const other = (await client.createSession({ extraction_template_id: templateId, name: 'check' })).id;
    await run(['push', other, docsDir]);
    expect(valid(COMMAND_SCHEMAS.check, await run(['check', other, docsDir]))).toMatchObject({ exitCode: 0 });
    const extra = join(work, 'extra');
    await makePdfs(extra, 1, 'extra');
    expect(valid(COMMAND_SCHEMAS.check, await run(['check', other, docsDir, extra]))).toMatchObject({ exitCode: 1, error: { code: 'mismatch' } });
    const detached = valid(COMMAND_SCHEMAS.detach, await run(['detach', other, join(docsDir, 'json-000.pdf')]));
    expect(detached.detached).toHaveLength(1);
    failure(await run(['detach', other, UNKNOWN]), 'not-found', 1);
    // watch's lines on success are watch-json.test's; a watch that cannot start, and completion, fail as objects too.
    failure(await run(['watch', docsDir, '--session', UNKNOWN]), 'not-found', 1);
    failure(await run(['completion', 'tcsh']), 'usage', 2);
  });

  it('the real bin prints the error object on stdout too', async () => {
    const r = await runCli(['status', '--json'], { env });
    expect(r.code).toBe(2);
    expect(errorOutputSchema.safeParse(JSON.parse(r.stdout)).success).toBe(true);
  });
});
