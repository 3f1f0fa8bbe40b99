// `npm start` on a fresh machine: the launcher fetches Electron's binary through Electron's own installer from a mirror
// (here a local one serving a stand-in zip and its SHASUMS256.txt), then electron-vite spawns that binary on the built
// app. When the binary cannot be fetched, one sentence and no stack trace.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureElectron, failureReason, installedElectron } from '../../../scripts/electron-binary';
import { launch } from '../../../scripts/launch';

const root = resolve(import.meta.dirname, '../../..');
const version = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const work = mkdtempSync(join(tmpdir(), 'raydocs-electron-fetch-'));
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;

/** A zip (stored, no compression) with Unix modes: what Electron's release zip is to install.js. */
function storedZip(entries: Array<{ name: string; body: Buffer; mode: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, body, mode } of entries) {
    const fileName = Buffer.from(name);
    const crc = crc32(body);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(body.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made on Unix: the external attributes carry the file mode
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(body.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, body);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** A copy of the electron npm package (its deps linked), so installing it leaves the project's node_modules alone. */
function electronPackageCopy(name: string): string {
  const modules = join(work, name, 'node_modules');
  const dir = join(modules, 'electron');
  mkdirSync(dir, { recursive: true });
  for (const f of ['package.json', 'index.js', 'install.js', 'cli.js', 'checksums.json']) copyFileSync(join(root, 'node_modules/electron', f), join(dir, f));
  for (const scope of ['@electron', '@electron-internal']) symlinkSync(join(root, 'node_modules', scope), join(modules, scope));
  return dir;
}

const standIn = '#!/bin/sh\nprintf "%s\\n" "$PWD" "$@" > "$STANDIN_RECORD"\nexit 0\n';
const zip = storedZip([
  { name: 'electron', body: Buffer.from(standIn), mode: 0o755 },
  { name: 'version', body: Buffer.from(version), mode: 0o644 },
]);
const requests: string[] = [];
let server: Server;
let mirror: string;

function fetchEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: mirror, electron_use_remote_checksums: '1', electron_config_cache: join(work, 'cache'), ...extra };
  delete env['ELECTRON_EXEC_PATH'];
  delete env['ELECTRON_OVERRIDE_DIST_PATH'];
  return env;
}

beforeAll(async () => {
  if (!existsSync(join(root, 'out/main/index.js'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
  const sums = `${createHash('sha256').update(zip).digest('hex')} *${zipName}\n`;
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/v${version}/${zipName}`) res.writeHead(200, { 'content-type': 'application/zip' }).end(zip);
    else if (req.url === `/v${version}/SHASUMS256.txt`) res.writeHead(200, { 'content-type': 'text/plain' }).end(sums);
    else res.writeHead(404).end('not here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}, 120_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  rmSync(work, { recursive: true, force: true });
});

describe('Electron binary for npm start', () => {
  it('fetches the zip and its remote checksums from ELECTRON_MIRROR, installs it, and reuses it afterwards', async () => {
    const dir = electronPackageCopy('fresh');
    expect(installedElectron(dir)).toBeNull();
    const notes: string[] = [];
    const first = await ensureElectron({ electronDir: dir, env: fetchEnv(), command: 'npm start', note: (l) => notes.push(l) });
    expect(first).toEqual({ ok: true, execPath: join(dir, 'dist', 'electron'), fetched: true });
    expect(notes).toEqual([`Fetching Electron ${version} (once; later starts reuse it)…`]);
    expect(requests).toContain(`/v${version}/${zipName}`);
    expect(requests).toContain(`/v${version}/SHASUMS256.txt`);
    expect(readFileSync(join(dir, 'path.txt'), 'utf8')).toBe('electron');
    const again = await ensureElectron({ electronDir: dir, env: fetchEnv(), command: 'npm start', note: (l) => notes.push(l) });
    expect(again).toEqual({ ok: true, execPath: join(dir, 'dist', 'electron'), fetched: false });
    expect(notes).toHaveLength(1);
  }, 120_000);

  it('npm start’s launcher then spawns the fetched binary on the built app', async () => {
    const dir = electronPackageCopy('launch');
    const record = join(work, 'standin-args.txt');
    const out: string[] = [];
    // preview --skipBuild runs what `npm start` runs (fetch, then electron-vite with ELECTRON_EXEC_PATH) without rebuilding out/.
    const code = await launch({ mode: 'preview', args: ['--skipBuild'], electronDir: dir, env: fetchEnv({ STANDIN_RECORD: record }), stdio: 'pipe', say: (l) => out.push(l) });
    expect(out.join('\n')).not.toMatch(/could not/);
    expect(code).toBe(0);
    const [cwd, ...args] = readFileSync(record, 'utf8').trim().split('\n');
    expect(cwd).toBe(root);
    expect(args[0]).toBe('.');
    // "." is the project, whose main is the built bundle the packaged app ships.
    expect((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string }).main).toBe('out/main/index.js');
    expect(existsSync(join(root, 'out/main/index.js'))).toBe(true);
  }, 120_000);

  it('says in one sentence, without a stack trace, that Electron could not be fetched', async () => {
    const dir = electronPackageCopy('offline');
    const said: string[] = [];
    // A mirror that has no such release (a 404), as a machine without the internet gets no zip either.
    const code = await launch({ mode: 'dev', electronDir: dir, env: fetchEnv({ ELECTRON_MIRROR: `${mirror}nothing/` }), stdio: 'pipe', say: (l) => said.push(l) });
    expect(code).toBe(1);
    const last = said.at(-1)!;
    expect(said).toHaveLength(2);
    expect(last).toMatch(new RegExp(`^Electron ${version.replace(/\./g, '\\.')} could not be downloaded \\(.*404.*\\): npm start needs it once`));
    expect(last).toContain('ELECTRON_MIRROR');
    expect(last).not.toMatch(/\n|\s+at\s+\S+ \(/);
    expect(installedElectron(dir)).toBeNull();
  }, 120_000);

  it('keeps only the line that names the error, printable', () => {
    const stack = 'HTTPError: Response code 404 (Not Found) for http://x/\x1b[2J\n    at Request.<anonymous> (/a/b.js:1:2)\n    at emit (node:events:1:1)';
    expect(failureReason(stack)).toBe('HTTPError: Response code 404 (Not Found) for http://x/?[2J');
    expect(failureReason('')).toBe('');
  });
});
