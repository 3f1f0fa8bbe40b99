// The commands people reach for, against the emulator: check (like rclone check), reparse [--failed], sessions list
// (the CLI's and the desktop app's recents), detach, --profile (own keychain entry, API URL and journal), completion.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { KEYCHAIN_SERVICE } from '../../../electron/core/secret-store';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, makePdfs } from './helpers';
import { fakeKeytar, runInProcess } from './in-process';

const run = promisify(execFile);

describe('check, reparse, sessions list, detach, --profile, completion', () => {
  let emu: RunningEmulator;
  let work: string;
  let env: NodeJS.ProcessEnv;
  let client: RaydocsClient;
  let templateId: string;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } });
    work = await mkdtemp(join(tmpdir(), 'raydocs-cli-commands-'));
    env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: join(work, 'data'), RAYDOCS_APP_DATA_DIR: join(work, 'app'), RAYDOCS_RATE_LIMIT: 'off' });
    client = new RaydocsClient({ baseUrl: emu.url, token: emu.token });
    templateId = emu.seed.workspaces[0]!.templates[0]!.id;
  });
  afterAll(async () => {
    await emu?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const cli = (argv: string[], e: NodeJS.ProcessEnv = env, keytar?: ReturnType<typeof fakeKeytar>, input?: string) =>
    runInProcess(argv, { env: e, cwd: work, ...(keytar ? { keytar } : {}), ...(input !== undefined ? { input } : {}) });
  const newSession = async (name: string) => (await client.createSession({ extraction_template_id: templateId, name })).id;

  it('check: exit 0 when every local file is in the session and nothing else is; names what is missing and what is extra', async () => {
    const dir = join(work, 'check');
    await makePdfs(dir, 3, 'chk');
    const sessionId = await newSession('check');
    expect((await cli(['push', sessionId, dir])).code).toBe(0);
    const same = await cli(['check', sessionId, dir]);
    expect(same.code, same.stdout).toBe(0);
    expect(same.stdout).toMatch(/All match: 3 matching, 0 missing/);

    await makePdfs(join(work, 'check-new'), 1, 'new');
    const extraDoc = await cli(['check', sessionId, join(dir, 'chk-000.pdf'), join(dir, 'chk-001.pdf'), join(work, 'check-new')]);
    expect(extraDoc.code).toBe(1);
    expect(extraDoc.stdout).toMatch(/Missing from the session[\s\S]*new-000\.pdf/);
    expect(extraDoc.stdout).toMatch(/Only in the session[\s\S]*chk-002\.pdf/);
    expect(extraDoc.stdout).toMatch(/Differences: 2 matching, 1 missing from the session, 1 only in the session/);

    // A stray notes.txt that push --skip-unsupported left out: missing for check, unless it skips it too.
    await writeFile(join(dir, 'notes.txt'), 'a stray note');
    expect((await cli(['push', sessionId, dir, '--skip-unsupported'])).code).toBe(0);
    const strict = await cli(['check', sessionId, dir]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/Missing from the session[\s\S]*notes\.txt/);
    const skipping = await cli(['check', sessionId, dir, '--skip-unsupported']);
    expect(skipping.code, skipping.stdout).toBe(0);
    expect(skipping.stdout).toMatch(/Skipped, unsupported format[\s\S]*notes\.txt/);
    expect(skipping.stdout).toMatch(/All match: 3 matching, 0 missing from the session, 0 only in the session, 1 skipped as unsupported/);
  });

  it('detach by path (its sha256) and by document id; an unknown one is an error', async () => {
    const dir = join(work, 'detach');
    await makePdfs(dir, 2, 'det');
    const sessionId = await newSession('detach');
    await cli(['push', sessionId, dir]);
    const byPath = await cli(['detach', sessionId, join(dir, 'det-000.pdf')]);
    expect(byPath.code, byPath.stderr).toBe(0);
    expect(byPath.stdout).toMatch(/Detached .* "det-000\.pdf"/);
    const left = await client.listSessionDocuments(sessionId);
    expect(left.map((d) => d.filename)).toEqual(['det-001.pdf']);
    expect((await cli(['detach', sessionId, left[0]!.id])).code).toBe(0);
    expect(await client.listSessionDocuments(sessionId)).toEqual([]);
    const again = await cli(['detach', sessionId, left[0]!.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/holds no document/);
  });

  it('reparse asks for every document once the session has a run, and --failed only for those that failed', async () => {
    const dir = join(work, 'reparse');
    await makePdfs(dir, 3, 'rep');
    const sessionId = await newSession('reparse');
    await cli(['push', sessionId, dir]);
    const before = await cli(['reparse', sessionId]);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/skipped.*raydocs-upload extract/);
    expect(before.stdout).toMatch(/^FILE\s+REPARSE\s+WHY\n/);
    expect(before.stdout).toMatch(/^rep-000\.pdf\s+skipped\s+there is no parse to redo yet/m);
    emu.setParsing({ failNames: ['rep-001.pdf'], stepMs: 30 });
    try {
      await cli(['extract', sessionId, '--wait']);
    } finally {
      emu.setParsing({ failNames: [] });
    }
    const reparses = () => emu.inspect().requests.filter((q) => q.method === 'POST' && q.path.endsWith('/reparse'));
    const n0 = reparses().length;
    const failedOnly = JSON.parse((await cli(['reparse', sessionId, '--failed', '--json'])).stdout) as { documents: Array<{ filename: string; outcome: string }> };
    expect(failedOnly.documents).toEqual([expect.objectContaining({ filename: 'rep-001.pdf', outcome: 'requested' })]);
    expect(reparses().length - n0).toBe(1);
    const all = await cli(['reparse', sessionId]);
    expect(all.code, all.stderr).toBe(0);
    expect(reparses().length - n0).toBe(4);
  });

  it('sessions list: the sessions the CLI created or pushed to, and those the desktop app keeps, newest first; sessions new prints the id', async () => {
    await mkdir(join(work, 'app'), { recursive: true });
    const appSession = { id: 'app-session-1', workspaceId: 1, name: 'From the app', status: null, documentCount: 2, lastUsedAt: 1_000, error: null };
    await writeFile(join(work, 'app', 'recent-sessions.json'), JSON.stringify({ sessions: [appSession], lastTarget: null }));
    const made = JSON.parse((await cli(['sessions', 'new', '--template', templateId, '--name', 'listed', '--json'])).stdout) as { id: string };
    const r = JSON.parse((await cli(['sessions', 'list', '--json'])).stdout) as { sessions: Array<{ id: string; source: string }> };
    expect(r.sessions[0]).toMatchObject({ id: made.id, source: 'cli' });
    expect(r.sessions.at(-1)).toMatchObject({ id: 'app-session-1', source: 'app' });
    const human = await cli(['sessions', 'list']);
    expect(human.stdout).toMatch(/From the app/);

    // Without --json, stdout is the id alone (SESSION=$(raydocs-upload sessions new …)); the sentence goes to stderr.
    const plain = await cli(['sessions', 'new', '--template', templateId, '--name', 'plain']);
    expect(plain.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    expect(plain.stderr).toContain(`Created session ${plain.stdout.trim()} "plain".`);
  });

  it('--profile keeps its own keychain entry, API URL and journal; the default profile is unchanged', async () => {
    const keytar = fakeKeytar();
    const bare = cleanEnv({ RAYDOCS_DATA_DIR: join(work, 'profiles-data'), RAYDOCS_APP_DATA_DIR: join(work, 'no-app'), RAYDOCS_RATE_LIMIT: 'off' });
    const login = await cli(['login', '--profile', 'emu', '--api-url', emu.url, '--token-stdin'], bare, keytar, `${emu.token}\n`);
    expect(login.code, login.stderr).toBe(0);
    expect([...keytar.entries.keys()]).toEqual([`${KEYCHAIN_SERVICE}\nprofile:emu:${new URL(emu.url).origin}`]);
    // No --api-url: the profile remembers its server (RAYDOCS_PROFILE works as the flag does).
    const who = await cli(['whoami', '--json'], { ...bare, RAYDOCS_PROFILE: 'emu' }, keytar);
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({ apiUrl: emu.url, profile: 'emu', tokenSource: 'keychain' });
    // The default profile has no token for this server: the profile's entry is not its entry.
    const plain = await cli(['whoami', '--api-url', emu.url], bare, keytar);
    expect(plain.code).toBe(3);
    expect(plain.stderr).toMatch(/Not signed in/);
    const other = await cli(['whoami', '--profile', 'other', '--api-url', emu.url], bare, keytar);
    expect(other.stderr).toMatch(/profile other.*login --profile other/);
    const bad = await cli(['whoami', '--profile', '../x'], bare, keytar);
    expect(bad.code).toBe(2);
    // Each profile has its own journal folder.
    const dir = join(work, 'profile-push');
    await makePdfs(dir, 1, 'prof');
    const sessionId = await newSession('profile');
    expect((await cli(['push', sessionId, dir, '--profile', 'emu'], bare, keytar)).code).toBe(0);
    const list = JSON.parse((await cli(['sessions', 'list', '--json', '--profile', 'emu'], bare, keytar)).stdout) as { sessions: Array<{ id: string }> };
    expect(list.sessions.map((s) => s.id)).toEqual([sessionId]);
    const defaultList = JSON.parse((await cli(['sessions', 'list', '--json', '--api-url', emu.url], bare, keytar)).stdout) as { sessions: unknown[] };
    expect(defaultList.sessions).toEqual([]);
  });

  it("completion scripts for bash, zsh and fish name the commands and options, and each shell's own parser accepts its script", async () => {
    const bash = await cli(['completion', 'bash']);
    expect(bash.code).toBe(0);
    const file = join(work, 'completion.bash');
    await writeFile(file, bash.stdout);
    await run('bash', ['-n', file]);
    const probe = await run('bash', ['-c', `source ${file}; COMP_WORDS=(raydocs-upload push --dr); COMP_CWORD=2; _raydocs_upload; printf '%s\\n' "\${COMPREPLY[@]}"`]);
    expect(probe.stdout.split('\n')).toContain('--dry-run');
    const commands = await run('bash', ['-c', `source ${file}; COMP_WORDS=(raydocs-upload ''); COMP_CWORD=1; _raydocs_upload; printf '%s\\n' "\${COMPREPLY[@]}"`]);
    for (const c of ['push', 'watch', 'check', 'reparse', 'detach', 'sessions', 'completion']) expect(commands.stdout.split('\n')).toContain(c);
    for (const shell of ['zsh', 'fish']) {
      const r = await cli(['completion', shell]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('sessions');
      expect(r.stdout).toContain('skip-unsupported');
      // Both shells are installed by .ci/run, so their own parsers check the scripts too.
      const script = join(work, `completion.${shell}`);
      await writeFile(script, r.stdout);
      await run(shell, ['-n', script]);
    }
    // fish answers a completion on the command line itself: the live check, as bash's above.
    const fish = await run('fish', ['-c', `source ${join(work, 'completion.fish')}; complete -C 'raydocs-upload push --dr'`]);
    expect(fish.stdout.split('\n')).toContain('--dry-run');
  });
});
