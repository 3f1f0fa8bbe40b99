// As a user runs it from a shell: `npm run emulator`, eval its two lines, then `npx raydocs-upload push <session> <dir>`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, makePdfs, ROOT } from './helpers';

/** Starts `npm run emulator` in its own process group and resolves with its first two stdout lines. */
function startEmulatorCli(): Promise<{ child: ChildProcess; lines: string }> {
  const child = spawn('npm', ['run', '-s', 'emulator', '--', '--port', '0', '--step-ms', '50', '--rate-limit', 'off'], {
    cwd: ROOT,
    env: cleanEnv(),
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`emulator did not print its two lines: ${lines.join('\n')}`)), 20_000);
    rl.on('line', (line) => {
      lines.push(line);
      if (lines.length === 2) {
        clearTimeout(timer);
        resolve({ child, lines: lines.join('\n') });
      }
    });
    child.on('exit', (code) => reject(new Error(`emulator exited early (${code})`)));
  });
}

function sh(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('raydocs-upload from a shell', () => {
  let emulator: { child: ChildProcess; lines: string };
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'raydocs-cli-shell-'));
    emulator = await startEmulatorCli();
  });
  afterAll(async () => {
    // npm → sh → tsx → node: end the whole group we started.
    if (emulator?.child.pid) {
      try {
        process.kill(-emulator.child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('pushes a folder with npx raydocs-upload after eval-ing the emulator lines', { timeout: 60_000 }, async () => {
    const docs = join(work, 'docs');
    await makePdfs(docs, 4, 'invoice');
    await writeFile(join(docs, 'notes.txt'), 'not a document');

    const script = `
      set -e
      eval "$EMULATOR_LINES"
      export RAYDOCS_API_URL RAYDOCS_TOKEN
      TEMPLATE=$(npx --no raydocs-upload templates --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).templates[0].id))')
      SESSION=$(npx --no raydocs-upload sessions new --template "$TEMPLATE" --name "From a shell" --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).id))')
      set +e
      npx --no raydocs-upload push "$SESSION" "$DOCS"
      echo "exit=$?"
      npx --no raydocs-upload status "$SESSION"
    `;
    const r = await sh(script, cleanEnv({ EMULATOR_LINES: emulator.lines, DOCS: docs, RAYDOCS_DATA_DIR: join(work, 'data') }));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Session .* "From a shell"/);
    expect(r.stdout).toMatch(/uploaded\s+4\n/);
    expect(r.stdout).toMatch(/refused\s+1\n/);
    expect(r.stdout).toMatch(/notes\.txt\s+Raydocs does not take this kind of file: .* \(\.txt; accepted: \.pdf/);
    expect(r.stdout).toContain('exit=1'); // a refusal makes the push exit 1
    expect(r.stdout).toMatch(/4 documents: /);
    const token = /RAYDOCS_TOKEN=(\S+)/.exec(emulator.lines)?.[1] ?? 'missing';
    expect(r.stdout + r.stderr).not.toContain(token);
  });
});
