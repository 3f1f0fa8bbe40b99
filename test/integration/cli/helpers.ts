// Helpers for driving the real `raydocs-upload` bin (the built out/cli file, as installed) as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { cliBuildProblem, CLI_OUT } from '../../../scripts/build-cli';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const BIN = join(ROOT, CLI_OUT);

// Checked once per test file, before any child runs: a missing or stale build fails every test with the fix in words,
// never with the behaviour of yesterday's sources.
const buildProblem = cliBuildProblem(ROOT);
if (buildProblem) throw new Error(buildProblem);

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The parent's environment minus anything Raydocs, so a developer's own token or data dir never leaks into a test. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('RAYDOCS_')) env[k] = v;
  return { ...env, ...extra };
}

/** An environment with no session bus: the keychain is unreachable. */
export function envWithoutBus(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = cleanEnv();
  // XDG_RUNTIME_DIR too: libdbus finds a systemd user bus at $XDG_RUNTIME_DIR/bus without the address variable.
  for (const k of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'XDG_RUNTIME_DIR']) delete env[k];
  return { ...env, ...extra };
}

export function spawnCli(args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; input?: string }): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin!.end(opts.input ?? '');
  const done = new Promise<CliResult>((resolveDone, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolveDone({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; input?: string }): Promise<CliResult> {
  return spawnCli(args, opts).done;
}

/** `n` small, distinct PDFs (by content); returns their sha256 by file name. */
export async function makePdfs(dir: string, n: number, prefix = 'doc'): Promise<Map<string, string>> {
  await mkdir(dir, { recursive: true });
  const hashes = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const name = `${prefix}-${String(i).padStart(3, '0')}.pdf`;
    const body = Buffer.concat([Buffer.from(`%PDF-1.4\n% ${name}\n`), randomBytes(512 + ((i * 997) % 4096)), Buffer.from('\n%%EOF\n')]);
    await writeFile(join(dir, name), body);
    hashes.set(name, createHash('sha256').update(body).digest('hex'));
  }
  return hashes;
}

/** Every file under `dir` whose bytes contain `needle`. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const e of entries) {
    if (e.isDirectory()) continue;
    const p = join(e.parentPath, e.name);
    const bytes = await readFile(p).catch(() => null);
    if (bytes?.includes(needle)) hits.push(p);
  }
  return hits;
}

