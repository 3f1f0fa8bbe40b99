// `npm run emulator`: the two eval-able lines come first, and curl with them lists the seeded workspaces.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

interface Cli {
  child: ChildProcess;
  lines: string[];
  stderr: () => string;
}

/**
 * Starts `npm run -s emulator -- ARGS` (`-s`: npm's own banner would otherwise come first on stdout), in its own
 * process group so the whole npm → tsx → node chain stops with one signal; resolves once its two lines are out.
 */
async function startCli(args: string[]): Promise<Cli> {
  const child = spawn('npm', ['run', '-s', 'emulator', '--', ...args], { cwd: join(import.meta.dirname, '..', '..'), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  let out = '';
  const lines = await new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      reject(new Error(`emulator did not start: ${err}`));
    }, 25_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const l = out.split('\n');
      if (l.length >= 3) {
        clearTimeout(timer);
        resolve(l);
      }
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${err}`)));
  });
  return { child, lines, stderr: () => err };
}

async function stopCli(cli: Cli | undefined): Promise<void> {
  const child = cli?.child;
  if (child?.pid !== undefined && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}

/** URL and token from the two eval-able lines. */
const creds = (cli: Cli) => ({ base: cli.lines[0]!.split('=')[1]!, token: cli.lines[1]!.slice('RAYDOCS_TOKEN='.length) });

/** Signed URL + PUT + session upload of a small PDF through a CLI emulator; returns the document JSON. */
async function uploadToSeedSession(cli: Cli, text: string): Promise<{ status: string; parsings: Array<{ status: string }> }> {
  const { base, token } = creds(cli);
  const json = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' };
  const seed = (await (await fetch(`${base}/__admin/seed`)).json()) as { workspaces: Array<{ sessions: Array<{ id: string }> }> };
  const s = (await (await fetch(`${base}/vapor/signed-storage-url`, { method: 'POST', headers: json, body: '{}' })).json()) as { key: string; url: string; headers: Record<string, string> };
  expect((await fetch(s.url, { method: 'PUT', headers: s.headers, body: `%PDF-1.4 ${text}` })).status).toBe(200);
  const sid = seed.workspaces[0]!.sessions[0]!.id;
  const up = await fetch(`${base}/extractions/sessions/${sid}/documents/upload`, { method: 'POST', headers: json, body: JSON.stringify({ keys: [s.key] }) });
  expect(up.status).toBe(200);
  return ((await up.json()) as { data: Array<{ status: string; parsings: Array<{ status: string }> }> }).data[0]!;
}

let cli: Cli;
let lines: string[] = [];
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'emu-cli-test-'));
  cli = await startCli(['--port', '0', '--data-dir', dataDir, '--rate-limit', '500/60', '--step-ms', '50', '--log']);
  lines = cli.lines;
});

afterAll(async () => {
  await stopCli(cli);
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

  it('streams uploads into --data-dir and, with --log, logs requests to stderr without the token or signatures', async () => {
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
    const stderr = cli.stderr();
    expect(stderr).toContain('GET /workspaces 200');
    expect(stderr).toMatch(/PUT \/s3\/raydocs-bucket\/tmp\/[0-9a-f-]+ 200/);
    expect(stderr).not.toContain(token);
    expect(stderr).not.toContain('X-Amz-Signature');
  });

  it('stores uploads without parsing them by default (storage-only), and says so on stderr', async () => {
    const doc = await uploadToSeedSession(cli, 'storage only');
    expect(doc.status).toBe('uploaded');
    expect(doc.parsings).toEqual([]);
    expect(cli.stderr()).toContain('storage-only');
  });

  it('--auto-parse starts parsing every new document on its own', async () => {
    let auto: Cli | undefined;
    try {
      auto = await startCli(['--port', '0', '--rate-limit', 'off', '--auto-parse']);
      const doc = await uploadToSeedSession(auto, 'auto parse');
      expect(doc.parsings.map((p) => p.status)).toEqual(['queued']);
      expect(auto.stderr()).toContain('auto-parse');
      // Without --log the requests are not printed (a CLI in the same terminal is not flooded); how to stop it is.
      expect(auto.stderr()).not.toMatch(/ (GET|POST|PUT) \//);
      expect(auto.stderr()).toMatch(/stop it with Ctrl-C, or `kill \d+`/);
    } finally {
      await stopCli(auto);
    }
  });
});
