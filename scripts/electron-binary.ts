// Makes sure Electron's binary is on disk before `npm start`, `npm run demo` or the preview run it. Electron 45's npm
// package fetches it only on its first require, and electron-vite reads node_modules/electron/path.txt directly, so
// nothing fetched it: this runs Electron's own install.js (which honours ELECTRON_MIRROR, electron_use_remote_checksums
// and electron_config_cache), then hands electron-vite the path through ELECTRON_EXEC_PATH.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { printable } from '../electron/cli/terminal-text';

export type ElectronBinary = { ok: true; execPath: string; fetched: boolean } | { ok: false; message: string };

export interface EnsureOptions {
  /** The electron npm package's folder (default: the one this project resolves). */
  electronDir?: string;
  env?: NodeJS.ProcessEnv;
  /** The command the user ran, named in the failure sentence. */
  command: string;
  /** Where "Fetching Electron…" goes (stderr by default). */
  note?: (line: string) => void;
}

const STDERR_KEPT = 8 * 1024;

export function defaultElectronDir(): string {
  return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The installed binary, or null: path.txt names it, dist/ holds it, and dist/version is this package's version. */
export function installedElectron(electronDir: string): string | null {
  const version = (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }).version;
  const rel = read(join(electronDir, 'path.txt'));
  if (!rel) return null;
  const execPath = join(electronDir, 'dist', rel);
  if (!existsSync(execPath) || read(join(electronDir, 'dist', 'version'))?.trim().replace(/^v/, '') !== version) return null;
  return execPath;
}

/** The line of install.js's output that says what went wrong, printable on a terminal (no control characters). */
export function failureReason(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => printable(l).trim());
  const line = lines.find((l) => /error/i.test(l) && !/^at\s/.test(l)) ?? lines.find((l) => l !== '' && !/^at\s/.test(l)) ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export async function ensureElectron(opts: EnsureOptions): Promise<ElectronBinary> {
  const env = opts.env ?? process.env;
  const given = env['ELECTRON_EXEC_PATH'];
  if (given && existsSync(given)) return { ok: true, execPath: given, fetched: false };
  const electronDir = opts.electronDir ?? defaultElectronDir();
  const installed = installedElectron(electronDir);
  if (installed) return { ok: true, execPath: installed, fetched: false };

  const version = (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }).version;
  (opts.note ?? ((l) => process.stderr.write(`${l}\n`)))(`Fetching Electron ${version} (once; later starts reuse it)…`);
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      err = (err + chunk).slice(-STDERR_KEPT);
    });
    child.once('error', (e) => resolve({ code: null, stderr: e.message }));
    child.once('close', (c) => resolve({ code: c, stderr: err }));
  });
  const execPath = code === 0 ? installedElectron(electronDir) : null;
  if (execPath) return { ok: true, execPath, fetched: true };
  // Node's fetch says only "fetch failed" when no connection could be made (its cause is not in the stack).
  const reason = failureReason(stderr).replace(/^TypeError: fetch failed$/, 'no connection to the download server');
  return {
    ok: false,
    message:
      `Electron ${version} could not be downloaded${reason ? ` (${reason})` : ''}: ${opts.command} needs it once, ` +
      `so connect to the internet, or set ELECTRON_MIRROR to a mirror you can reach, and run ${opts.command} again.`,
  };
}
