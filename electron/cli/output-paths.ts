// Where each session's result goes with --one-session-per-file: a folder, or a pattern with {name}, named after the file.
import { basename, extname, join, resolve } from 'node:path';
import { UsageError } from './errors';

/** `--out results/` (a folder: results/<name>.json) or `--out 'results/{name}.extraction.json'` (a pattern). */
export type PerFileOutput = { kind: 'folder'; dir: string } | { kind: 'pattern'; pattern: string };

const PLACEHOLDER = '{name}';

/** Read before anything is uploaded, so a wrong value costs nothing. */
export function perFileOutput(value: string, option: 'out' | 'xlsx', cwd: string): PerFileOutput {
  if (value.includes(PLACEHOLDER)) return { kind: 'pattern', pattern: resolve(cwd, value) };
  // `--out r.json` would make a folder named r.json: almost surely meant as one file, which cannot hold several sessions.
  if (/\.(json|xlsx)$/i.test(value)) {
    throw new UsageError(
      `--${option} ${value}: with --one-session-per-file each session gets its own file, so give a folder (e.g. --${option} results/) or a pattern with {name} (e.g. --${option} 'results/{name}.${option === 'out' ? 'json' : 'xlsx'}').`,
    );
  }
  return { kind: 'folder', dir: resolve(cwd, value) };
}

/** Characters Windows refuses in a name, and controls: a file name from one OS must make a file on another. */
const UNSAFE_NAME = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;

/** The file's name without its extension, safe as a file name; `document` when nothing is left. */
export function outputStem(fileName: string): string {
  const base = basename(fileName);
  const stem = (extname(base) ? base.slice(0, -extname(base).length) : base).replace(UNSAFE_NAME, '_').replace(/[. ]+$/, '');
  return stem === '' ? 'document' : stem;
}

/**
 * One stem per file, unique ignoring case (case-insensitive disks): `a.pdf` and `a.png` become `a` and `a-2`, given in
 * the order of their paths so the same files get the same names on every run.
 */
export function uniqueStems(paths: readonly string[]): Map<string, string> {
  const taken = new Set<string>();
  const stems = new Map<string, string>();
  for (const p of [...new Set(paths)].sort()) {
    const stem = outputStem(p);
    let name = stem;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${stem}-${i}`;
    taken.add(name.toLowerCase());
    stems.set(p, name);
  }
  return stems;
}

export function perFilePath(spec: PerFileOutput, stem: string, ext: 'json' | 'xlsx'): string {
  return spec.kind === 'pattern' ? spec.pattern.split(PLACEHOLDER).join(stem) : join(spec.dir, `${stem}.${ext}`);
}
