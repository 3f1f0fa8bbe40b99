// Which files a push or check takes from the paths given: the intake's walk, then --include/--exclude/--max-size and
// --files-from. The engine then queues exactly these files (each given as a path of its own).
import { createReadStream } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { Refusal } from '../../shared/queue';
import { scanPaths } from '../core/intake/scan';
import type { FileFilter } from './args';
import { CliError } from './errors';
import { EXIT } from './exit-codes';
import { formatBytes } from './format';
import { globMatcher } from './glob';

export type FilterCode = 'excluded' | 'not-included' | 'over-max-size';

export interface FilteredFile {
  path: string;
  code: FilterCode;
  reason: string;
}

export interface Selection {
  /** The files to queue, in walk order. */
  files: string[];
  /** Left out by a filter: listed, never refused. */
  filtered: FilteredFile[];
  /** Junk and hidden files skipped (named with -v). */
  hidden: string[];
  linksOutside: number;
  /** Paths that could not be read while walking. */
  refused: Refusal[];
}

/**
 * Paths from --files-from (a file, or "-" for stdin), relative to the cwd. One a line, trimmed, blank lines and "#"
 * comments ignored; or, when the input holds a NUL, NUL-separated and taken as they are (`find -print0`: any name,
 * newlines and edge spaces included).
 */
export async function readFilesFrom(source: string, stdin: Readable, cwd: string): Promise<string[]> {
  const input = source === '-' ? stdin : createReadStream(resolve(cwd, source));
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  } catch (err) {
    throw new CliError(`Cannot read --files-from ${source}: ${(err as Error).message}`, EXIT.usage);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const names = text.includes('\0')
    ? text.split('\0').filter((p) => p !== '')
    : text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((t) => t !== '' && !t.startsWith('#'));
  return names.map((p) => resolve(cwd, p));
}

/** The path as the filters see it: relative to the folder given, "/"-separated; a file given alone is its name. */
function relativeTo(root: string, path: string): string {
  const rel = path === root ? basename(path) : relative(root, path);
  return rel.split(sep).join('/');
}

export async function selectFiles(paths: string[], filter: FileFilter): Promise<Selection> {
  const include = filter.include.length > 0 ? globMatcher(filter.include) : null;
  const exclude = filter.exclude.length > 0 ? globMatcher(filter.exclude) : null;
  const out: Selection = { files: [], filtered: [], hidden: [], linksOutside: 0, refused: [] };
  for (const root of paths) {
    const scan = await scanPaths([root], { followLinksOutside: filter.followSymlinks });
    out.hidden.push(...scan.skippedPaths);
    out.linksOutside += scan.linksOutside;
    out.refused.push(...scan.refused);
    for (const c of scan.files) {
      const rel = relativeTo(root, c.path);
      if (exclude?.(rel)) out.filtered.push({ path: c.path, code: 'excluded', reason: 'matches --exclude' });
      else if (include && !include(rel)) out.filtered.push({ path: c.path, code: 'not-included', reason: 'matches no --include' });
      else if (filter.maxSizeBytes !== null && c.size > filter.maxSizeBytes) {
        out.filtered.push({ path: c.path, code: 'over-max-size', reason: `${formatBytes(c.size)}, over --max-size ${formatBytes(filter.maxSizeBytes)}` });
      } else out.files.push(c.path);
    }
  }
  return out;
}
