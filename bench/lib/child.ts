// Runs a benchmark worker (a TypeScript script under bench/workers/) in its own Node process, so its peak RSS
// and CPU are its own; the worker reports one JSON result line on stdout.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULT_PREFIX = '@@bench-result ';
export const benchRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(benchRoot, '..');

export class WorkerError extends Error {
  readonly worker: string;
  readonly exitCode: number | null;
  readonly stderr: string;
  constructor(worker: string, exitCode: number | null, stderr: string, reason: string) {
    super(`worker ${worker} ${reason} (exit ${exitCode}): ${stderr.trim().split('\n').slice(-8).join('\n')}`);
    this.name = 'WorkerError';
    this.worker = worker;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

export interface WorkerRun<T> {
  result: T;
  /** Wall time of the whole child, start-up included: for information only, workers time their own work. */
  wallMs: number;
}

const bundles = new Map<string, Promise<string>>();
const bundleDir = path.join(benchRoot, 'results', '.bundles', String(process.pid));

/** Deletes this process's worker bundles. */
export function cleanupBundles(): void {
  rmSync(bundleDir, { recursive: true, force: true });
}

/**
 * Bundles a worker to one plain-JS file (dependencies stay in node_modules), the way electron-vite bundles the
 * main process, so a run can measure the engine without the TypeScript loader's own memory.
 */
function bundledWorker(name: string): Promise<string> {
  let file = bundles.get(name);
  if (!file) {
    // Inside the repo so the bundle's bare imports resolve from node_modules; per process so parallel runs never clash.
    const outfile = path.join(bundleDir, `${name}.mjs`);
    file = import('esbuild').then(async ({ build }) => {
      await build({
        entryPoints: [path.join(benchRoot, 'workers', `${name}.ts`)],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        logLevel: 'error',
      });
      return outfile;
    });
    bundles.set(name, file);
  }
  return file;
}

/**
 * Spawns `node --import tsx bench/workers/<name>.ts` (or, with `bundled`, plain `node` on its bundle) with `input`
 * as JSON and resolves with its reported result.
 */
export async function runWorker<T>(
  name: string,
  input: unknown,
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv; bundled?: boolean } = {},
): Promise<WorkerRun<T>> {
  const args = opts.bundled ? [await bundledWorker(name)] : ['--import', 'tsx', path.join(benchRoot, 'workers', `${name}.ts`)];
  const started = performance.now();
  // Through a file: 10,000 paths are too long for an environment variable.
  const inputDir = mkdtempSync(path.join(os.tmpdir(), 'raydocs-bench-input-'));
  const inputFile = path.join(inputDir, 'input.json');
  writeFileSync(inputFile, JSON.stringify(input));
  return new Promise<WorkerRun<T>>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, ...opts.env, BENCH_INPUT_FILE: inputFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
      if (process.env.BENCH_VERBOSE) process.stderr.write(d);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        reject(new WorkerError(name, code, stderr, signal ? `killed by ${signal}` : line ? 'failed' : 'reported no result'));
        return;
      }
      resolve({ result: JSON.parse(line.slice(RESULT_PREFIX.length)) as T, wallMs: performance.now() - started });
    });
  }).finally(() => rmSync(inputDir, { recursive: true, force: true }));
}

/** Runs a plain command and resolves with its wall time; stdout is returned for commands like sha256sum. */
export function timeCommand(cmd: string, args: string[], opts: { timeoutMs?: number } = {}): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`${cmd} exited ${code}: ${stderr.trim()}`));
      else resolve({ ms, stdout });
    });
  });
}
