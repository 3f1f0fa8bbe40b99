// `npm run emulator`: the two eval-able lines come first, and curl with them lists the seeded workspaces.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let child: ChildProcess;
let lines: string[] = [];
let stderr = '';
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'emu-cli-test-'));
  // Through the package script (`-s`: npm's own banner would otherwise come first on stdout), in its own
  // process group so the whole npm → tsx → node chain stops with one signal.
  child = spawn('npm', ['run', '-s', 'emulator', '--', '--port', '0', '--data-dir', dataDir, '--rate-limit', '500/60', '--step-ms', '50'], {
    cwd: join(import.meta.dirname, '..', '..'),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${stderr}`)), 25_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      lines = out.split('\n');
      if (lines.length >= 3) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${stderr}`)));
  });
});

afterAll(async () => {
  if (child.pid !== undefined && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run emulator', () => {
  it('prints RAYDOCS_API_URL and RAYDOCS_TOKEN as the first two stdout lines', () => {
    expect(lines[0]).toMatch(/^RAYDOCS_API_URL=http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toMatch(/^RAYDOCS_TOKEN=\S+$/);
  });

  it('serves the seeded workspaces to curl with those two lines eval-ed, each with a template', async () => {
    const script = `eval "$EMU_LINES"; curl -sS -H "Authorization: Bearer $RAYDOCS_TOKEN" "$RAYDOCS_API_URL/workspaces"`;
    const { stdout } = await run('sh', ['-c', script], { env: { ...process.env, EMU_LINES: `${lines[0]}\n${lines[1]}` } });
    const workspaces = (JSON.parse(stdout) as { data: Array<{ id: number; name: string }> }).data;
    expect(workspaces.length).toBeGreaterThanOrEqual(2);
    const base = lines[0]!.split('=')[1]!;
    const token = lines[1]!.slice('RAYDOCS_TOKEN='.length);
    for (const w of workspaces) {
      const res = await fetch(`${base}/workspaces/${w.id}/extractions/templates`, { headers: { Authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { data: unknown[] };
      expect(body.data.length, w.name).toBeGreaterThanOrEqual(1);
    }
  });

  it('streams uploads into --data-dir and logs requests to stderr without the token or signatures', async () => {
    const base = lines[0]!.split('=')[1]!;
    const token = lines[1]!.slice('RAYDOCS_TOKEN='.length);
    const s = (await (
      await fetch(`${base}/vapor/signed-storage-url`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' })
    ).json()) as { url: string; headers: Record<string, string> };
    const file = join(dataDir, 'probe.pdf');
    await writeFile(file, '%PDF-1.4 probe');
    const { stdout } = await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '-T', file, s.url, '-H', `Content-Type: ${s.headers['Content-Type']}`]);
    expect(stdout).toBe('200');
    expect((await readdir(join(dataDir, 's3', 'tmp'))).length).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(stderr).toContain('GET /workspaces 200');
    expect(stderr).toMatch(/PUT \/s3\/raydocs-bucket\/tmp\/[0-9a-f-]+ 200/);
    expect(stderr).not.toContain(token);
    expect(stderr).not.toContain('X-Amz-Signature');
  });
});
