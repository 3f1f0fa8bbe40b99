// `npm start` (electron-vite dev) and the preview run: fetch Electron's binary first if it is missing, then start
// electron-vite with it. When the binary cannot be fetched the user reads one sentence, not a stack trace.
import { spawn, type StdioOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureElectron } from './electron-binary';

export type LaunchMode = 'dev' | 'preview';

export interface LaunchOptions {
  mode: LaunchMode;
  /** More electron-vite arguments (e.g. --skipBuild). */
  args?: string[];
  root?: string;
  electronDir?: string;
  env?: NodeJS.ProcessEnv;
  stdio?: StdioOptions;
  /** Named in the failure sentence. */
  command?: string;
  say?: (line: string) => void;
}

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');

function electronViteBin(root: string): string {
  const pkgFile = createRequire(join(root, 'package.json')).resolve('electron-vite/package.json');
  const bin = (JSON.parse(readFileSync(pkgFile, 'utf8')) as { bin: Record<string, string> | string }).bin;
  return join(dirname(pkgFile), typeof bin === 'string' ? bin : bin['electron-vite']!);
}

/** Resolves with electron-vite's exit code, or 1 (after the sentence) when Electron is missing and cannot be fetched. */
export async function launch(opts: LaunchOptions): Promise<number> {
  const root = opts.root ?? PROJECT_ROOT;
  const env = { ...(opts.env ?? process.env) };
  const say = opts.say ?? ((l: string) => process.stderr.write(`${l}\n`));
  const binary = await ensureElectron({ command: opts.command ?? `npm ${opts.mode === 'dev' ? 'start' : 'run preview'}`, env, note: say, ...(opts.electronDir ? { electronDir: opts.electronDir } : {}) });
  if (!binary.ok) {
    say(binary.message);
    return 1;
  }
  // electron-vite takes this path instead of reading node_modules/electron/path.txt itself.
  env['ELECTRON_EXEC_PATH'] = binary.execPath;
  const child = spawn(process.execPath, [electronViteBin(root), opts.mode, ...(opts.args ?? [])], { cwd: root, env, stdio: opts.stdio ?? 'inherit' });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  try {
    return await new Promise<number>((done) => {
      child.once('error', (err) => {
        say(`Could not start electron-vite: ${err.message}`);
        done(1);
      });
      child.once('exit', (code, signal) => done(code ?? (signal ? 130 : 1)));
    });
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [mode = 'dev', ...rest] = process.argv.slice(2);
  if (mode !== 'dev' && mode !== 'preview') {
    process.stderr.write(`Usage: tsx scripts/launch.ts dev|preview [electron-vite options]; "${mode}" is neither.\n`);
    process.exit(2);
  }
  launch({ mode, args: rest }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`The app could not start: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
