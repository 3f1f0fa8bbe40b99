// The CLI through the real bin: a server-provided name carrying ESC and BEL reaches the terminal without them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, makePdfs, runCli } from './helpers';

// Sets the terminal title, rings the bell, clears the screen: what a hostile server could put in a session name.
const EVIL = 'Q3 \x1b]0;pwned\x07 \x1b[2J\x1b[31mred\x07';

describe('server-provided names on the terminal', () => {
  let emu: RunningEmulator;
  let work: string;
  let env: NodeJS.ProcessEnv;
  let sessionId: string;
  let templateId: string;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } });
    work = await mkdtemp(join(tmpdir(), 'raydocs-cli-ctl-'));
    const client = new RaydocsClient({ baseUrl: emu.url, token: emu.token });
    templateId = emu.seed.workspaces[0]!.templates[0]!.id;
    sessionId = (await client.createSession({ extraction_template_id: templateId, name: EVIL })).id;
    env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: join(work, 'data') });
  });
  afterAll(async () => {
    await emu?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const clean = (text: string): void => {
    expect(text).not.toMatch(/\x1b/);
    expect(text).not.toMatch(/\x07/);
  };

  it('sessions show, sessions new and push print no ESC or BEL from the name', async () => {
    const shown = await runCli(['sessions', 'show', sessionId], { env });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Q3 ?]0;pwned? ?[2J?[31mred?');
    clean(shown.stdout + shown.stderr);

    const created = await runCli(['sessions', 'new', '--template', templateId, '--name', EVIL], { env });
    expect(created.code).toBe(0);
    clean(created.stdout + created.stderr);

    const dir = join(work, 'files');
    await makePdfs(dir, 2);
    const pushed = await runCli(['push', sessionId, dir], { env });
    expect(pushed.stdout + pushed.stderr).toContain('pwned');
    clean(pushed.stdout + pushed.stderr);
  });
});
