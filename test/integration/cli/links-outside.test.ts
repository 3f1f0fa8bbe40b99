// `push` of a folder holding a link to a private folder: the link is skipped and said so, its files never uploaded.
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, makePdfs, runCli } from './helpers';

describe('raydocs-upload push and links out of the folder', () => {
  let emu: RunningEmulator;
  let work: string;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } });
    work = await mkdtemp(join(tmpdir(), 'raydocs-cli-links-'));
  });
  afterAll(async () => {
    await emu?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('uploads the folder\'s own files and reports "1 link outside the folder skipped"', async () => {
    await makePdfs(join(work, 'private'), 2, 'secret');
    const pack = join(work, 'pack');
    await makePdfs(pack, 1, 'invoice');
    await mkdir(pack, { recursive: true });
    await symlink(join(work, 'private'), join(pack, 'more'));
    const env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: join(work, 'data') });
    const sessionId = emu.seed.workspaces[0]!.sessions[0]!.id;
    const r = await runCli(['push', sessionId, pack], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 file queued, 1 link outside the folder skipped.');
    expect(emu.inspect().uploads).toBe(1);
  });
});
