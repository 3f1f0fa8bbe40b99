// What a user installs: `npm pack`, the tarball installed into an empty prefix as `npm install -g` does (runtime
// dependencies only, from the registry), and the installed `raydocs-upload` pushing two files into the emulator.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuildProblem } from '../../../scripts/build-cli';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, makePdfs, ROOT } from '../cli/helpers';

const run = promisify(execFile);
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('the packed CLI, installed on its own', () => {
  let work = '';
  let prefix = '';
  let bin = '';
  let emu: RunningEmulator;
  let installSeconds = 0;
  let packedFiles: string[] = [];

  beforeAll(async () => {
    const problem = cliBuildProblem(ROOT);
    if (problem) throw new Error(problem);
    work = await mkdtemp(join(tmpdir(), 'raydocs-pack-install-'));
    prefix = join(work, 'prefix');
    const packed = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, env: cleanEnv() });
    const { filename, files } = (JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>)[0]!;
    packedFiles = files.map((f) => f.path).sort();
    const started = performance.now();
    // keytar's build (node-gyp) is the only install script among the runtime dependencies, and skipping it is what a
    // machine without a prebuilt keytar or a compiler gets: the CLI must still work on RAYDOCS_TOKEN. It also saves
    // most of the time; npm's own cache keeps the downloads short.
    await run('npm', ['install', '-g', '--prefix', prefix, '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', join(work, filename)], {
      cwd: work,
      env: cleanEnv(),
    });
    installSeconds = (performance.now() - started) / 1000;
    bin = join(prefix, 'bin', 'raydocs-upload');
    emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } });
  }, 240_000);

  afterAll(async () => {
    await emu?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('ships only the bundle and package.json, and installs no development package', async () => {
    const pkg = join(prefix, 'lib', 'node_modules', 'raydocs-desktop-uploader');
    // npm always packs package.json's `main`, the desktop app's entry, once a build made it; the CLI never loads it.
    expect(packedFiles.filter((f) => f !== 'out/main/index.js')).toEqual(['README.md', 'out/cli/raydocs-upload.mjs', 'package.json']);
    for (const dev of ['tsx', 'esbuild', 'electron', 'electron-vite', 'vitest']) expect(existsSync(join(pkg, 'node_modules', dev)), dev).toBe(false);
    console.log(`pack-install: npm install -g of the tarball took ${installSeconds.toFixed(1)} s`);
  });

  it('prints its version from the installed bin', async () => {
    const { stdout } = await run(bin, ['--version'], { cwd: work, env: cleanEnv() });
    expect(stdout).toBe(`${version}\n`);
  });

  it('pushes two files into a session with RAYDOCS_TOKEN, and the emulator stores both', async () => {
    const hashes = await makePdfs(join(work, 'docs'), 2);
    const env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: join(work, 'data') });
    const templateId = emu.seed.workspaces[0]!.templates[0]!.id;
    const created = await run(bin, ['sessions', 'new', '--template', templateId, '--name', 'installed', '--json'], { cwd: work, env });
    const sessionId = (JSON.parse(created.stdout) as { id: string }).id;
    const pushed = await run(bin, ['push', sessionId, 'docs', '--json'], { cwd: work, env });
    const report = JSON.parse(pushed.stdout) as { exitCode: number; counts: Record<string, number> };
    expect(report.exitCode).toBe(0);
    expect(report.counts.uploaded).toBe(2);
    const stored = emu.inspect().attachments.filter((a) => a.sessionId === sessionId);
    expect(stored.map((a) => a.sha256).sort()).toEqual([...hashes.values()].sort());
  });

  it('without a token, says that the keychain module is missing and names RAYDOCS_TOKEN', async () => {
    const env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_DATA_DIR: join(work, 'data') });
    const failed = await run(bin, ['whoami'], { cwd: work, env }).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(5);
    expect(failed?.stderr).toMatch(/keytar native module could not be loaded/);
    expect(failed?.stderr).toContain('RAYDOCS_TOKEN');
  });
});
