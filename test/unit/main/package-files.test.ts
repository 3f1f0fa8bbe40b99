// What the installers would ship: electron-builder really packs the app (its `dir` target, with a stand-in Electron
// since the real binary cannot be fetched here), and the asar holds only the built out/ and the runtime dependencies.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'raydocs-pack-'));

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Node's own lookup: the nearest node_modules/<name> from `from` upwards, as the packed app will resolve it. */
function locate(name: string, from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
  }
}

/** Every installed package the app's `dependencies` need at run time, as paths relative to the project (node_modules/…). */
function runtimeClosure(): Set<string> {
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    const m = manifest(dir);
    const optional = new Set(Object.keys(m.optionalDependencies ?? {}));
    for (const name of new Set([...Object.keys(m.dependencies ?? {}), ...optional])) {
      const found = locate(name, dir);
      if (!found) {
        if (optional.has(name)) continue;
        throw new Error(`${name}, needed by ${m.name}, is not installed`);
      }
      const rel = relative(root, found).split(sep).join('/');
      if (seen.has(rel)) continue;
      seen.add(rel);
      visit(found);
    }
  };
  visit(root);
  return seen;
}

/** node_modules/a/node_modules/@s/b/lib/x.js → the packages on its path: node_modules/a, node_modules/a/node_modules/@s/b. */
function packageOf(file: string): string | null {
  const parts = file.replace(/^\//, '').split('/');
  let pkg: string | null = null;
  for (let i = 0; i < parts.length - 1; i++) {
    if (parts[i] !== 'node_modules') continue;
    const take = parts[i + 1]!.startsWith('@') ? 2 : 1;
    // A bare scope folder (node_modules/@esbuild) is no package of its own.
    if (i + take >= parts.length) break;
    pkg = parts.slice(0, i + 1 + take).join('/');
    i += take;
  }
  return pkg;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

let asarFiles: string[];
let unpacked: string[];
let resourcesDir: string;

beforeAll(() => {
  if (!existsSync(join(root, 'out/main/index.js'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
  // A stand-in Electron: electron-builder copies it and renames the executable; the app's files are packed for real.
  const dist = join(work, 'electron-dist');
  mkdirSync(join(dist, 'resources'), { recursive: true });
  writeFileSync(join(dist, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'version'), `v${manifest(join(root, 'node_modules/electron')).version}`);
  // Only what cannot run here is overridden: the native rebuild and the fuses need the real Electron binary.
  const overrides = { electronDist: dist, npmRebuild: false, electronFuses: null, directories: { output: join(work, 'pack') } };
  const script = `require('electron-builder').build({ projectDir: ${JSON.stringify(root)}, targets: require('electron-builder').Platform.LINUX.createTarget('dir'), publish: 'never', config: ${JSON.stringify(overrides)} }).catch((e) => { console.error(e); process.exit(1); });`;
  execFileSync(process.execPath, ['-e', script], { cwd: root, stdio: 'pipe', env: { ...process.env, CI: 'true' } });
  resourcesDir = join(work, 'pack/linux-unpacked/resources');
  const asar = require('@electron/asar') as { listPackage(archive: string, options: { isPack: boolean }): string[] };
  const archive = join(resourcesDir, 'app.asar');
  // Folders and files alike (a folder names its package too); unpacked files are listed here as well.
  asarFiles = asar.listPackage(archive, { isPack: false });
  unpacked = existsSync(`${archive}.unpacked`) ? filesUnder(`${archive}.unpacked`) : [];
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packaged app (electron-builder.yml files and asarUnpack)', () => {
  it('holds the built out/ and package.json, and no sources, tests, docs, maps or the emulator', () => {
    const own = asarFiles.filter((f) => !f.startsWith('/node_modules/') && f !== '/node_modules');
    expect(own).toContain('/out/main/index.js');
    expect(own).toContain('/out/preload/index.cjs');
    expect(own).toContain('/out/renderer/index.html');
    expect(own).toContain('/package.json');
    for (const f of own) expect(f, f).toMatch(/^\/(out(\/.*)?|package\.json)$/);
    // The CLI ships as its own npm package (test/integration/package), not inside the app.
    expect(own.filter((f) => f.startsWith('/out/cli'))).toEqual([]);
    expect(asarFiles.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(asarFiles.filter((f) => /\.(ts|vue)$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('/node_modules/'))).toEqual([]);
  });

  it('ships exactly the runtime dependencies: every one of them, and nothing that only development needs', () => {
    const closure = runtimeClosure();
    const shipped = new Set(asarFiles.map(packageOf).filter((p): p is string => p !== null));
    const extra = [...shipped].filter((p) => !closure.has(p));
    expect(extra, 'packages outside package.json dependencies').toEqual([]);
    const missing = [...closure].filter((p) => !shipped.has(p));
    expect(missing, 'runtime dependencies left out').toEqual([]);
    for (const dev of Object.keys(manifest(root).devDependencies ?? {})) {
      if (![...closure].some((p) => p.endsWith(`node_modules/${dev}`))) expect(shipped.has(`node_modules/${dev}`), dev).toBe(false);
    }
    expect(shipped.has('node_modules/electron-updater')).toBe(true);
    expect(shipped.has('node_modules/electron')).toBe(false);
  });

  it('keeps native modules outside the asar (asarUnpack), and unpacks nothing else of ours', () => {
    expect(unpacked).toContain('node_modules/keytar/build/Release/keytar.node');
    for (const f of unpacked) expect(f, f).toMatch(/^node_modules\//);
    const closure = runtimeClosure();
    for (const f of unpacked) expect(closure.has(packageOf(`/${f}`)!), f).toBe(true);
  });

  it('carries the update feed from electron-builder.yml (app-update.yml) and the tray icons', () => {
    const feed = readFileSync(join(resourcesDir, 'app-update.yml'), 'utf8');
    expect(feed).toMatch(/^provider: generic$/m);
    expect(feed).toMatch(/^url: https:\/\/downloads\.raydocs\.com\/uploader$/m);
    expect(readdirSync(join(resourcesDir, 'resources')).sort()).toContain('tray-idle@2x.png');
  });
});
