// Walks dropped files and folders into candidate files, skipping junk, never following a symlink loop or a link out of a dropped folder.
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { isJunkName } from './junk';
import type { Refusal } from '../../../shared/queue';
import { NOT_REGULAR, refusal, unreadableWords } from './refusal-words';

export interface Candidate {
  /** The path as found (what the user sees). */
  path: string;
  /** Resolved path: identity for "the same file added twice". */
  realPath: string;
  size: number;
  mtimeMs: number;
}

/** What a walk found besides the files it handed on. */
export interface ScanTally {
  skipped: number;
  /** The junk and hidden paths counted in `skipped` (the CLI names them with -v). */
  skippedPaths: string[];
  /** Symbolic links inside a dropped folder that lead out of it (an "invoice pack" linking to ~/Documents): not followed. */
  linksOutside: number;
  refused: Refusal[];
}

export interface ScanResult extends ScanTally {
  files: Candidate[];
}

export interface ScanOptions {
  /** Follow links inside a dropped folder even when they lead out of it (the CLI's --follow-symlinks). */
  followLinksOutside?: boolean;
}

export interface WalkOptions extends ScanOptions {
  /** Asked between entries: true ends the walk where it is (the files not reached yet are not looked at). */
  stopped?: () => boolean;
}

/**
 * Entries of one folder looked up at once, ahead of the one being handed on: the stats overlap (the thread pool
 * runs them in parallel) while the order files are handed on stays the sorted walk order.
 */
const LOOKUPS_AHEAD = 32;

function isWithin(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Where a link inside a dropped folder leads, or null when it leaves the folder (or leads nowhere: then stat says why). */
async function staysInside(path: string, root: string): Promise<boolean> {
  try {
    return isWithin(await realpath(path), root);
  } catch {
    return true;
  }
}

/** One path looked up: what it is, and its resolved path (identity for dedup, and the folder its entries resolve under). */
type Entry =
  | { kind: 'junk' }
  | { kind: 'outside' }
  | { kind: 'error'; err: unknown }
  | { kind: 'found'; st: Stats; real: string };

/** `root`: the real path of the dropped folder the path is in (null: a dropped path); `parentReal`: its folder's real path when known. */
interface Place {
  path: string;
  root: string | null;
  parentReal: string | null;
}

/** Runs `look` over `items` with up to `ahead` in flight, and `use` on each result in input order. `look` must not reject. */
async function inOrder<T, R>(items: readonly T[], ahead: number, look: (t: T) => Promise<R>, use: (r: R, t: T) => Promise<void>, stopped: () => boolean): Promise<void> {
  const pending: Array<Promise<R>> = [];
  let next = 0;
  for (let i = 0; i < items.length; i++) {
    while (next < items.length && pending.length < ahead) pending.push(look(items[next++] as T));
    const r = await (pending.shift() as Promise<R>);
    if (stopped()) return;
    await use(r, items[i] as T);
  }
}

/**
 * Hands each regular file under `paths` to `onFile`, in sorted walk order (it may return a promise: the walk waits
 * for it). Directories are identified by dev:ino so loops end. A dropped path is taken as given (the person chose
 * it), but inside a dropped folder a link is followed only when its target is inside that same folder.
 */
export async function walkPaths(paths: string[], onFile: (c: Candidate) => void | Promise<void>, opts: WalkOptions = {}): Promise<ScanTally> {
  const out: ScanTally = { skipped: 0, skippedPaths: [], linksOutside: 0, refused: [] };
  const seenDirs = new Set<string>();
  const stopped = opts.stopped ?? (() => false);
  const look = async ({ path, root, parentReal }: Place): Promise<Entry> => {
    if (root !== null && isJunkName(basename(path))) return { kind: 'junk' };
    try {
      const l = await lstat(path);
      const link = l.isSymbolicLink();
      if (link && root !== null && !opts.followLinksOutside && !(await staysInside(path, root))) return { kind: 'outside' };
      const st = link ? await stat(path) : l;
      // Inside a folder whose real path is known, a name that is no link resolves to that path + the name: no realpath per file.
      const real = !link && parentReal !== null ? join(parentReal, basename(path)) : await realpath(path).catch(() => path);
      return { kind: 'found', st, real };
    } catch (err) {
      return { kind: 'error', err };
    }
  };

  const skip = (path: string): void => {
    out.skipped++;
    out.skippedPaths.push(path);
  };

  const walkFolder = async (path: string, st: Stats, real: string, root: string): Promise<void> => {
    const id = `${st.dev}:${st.ino}`;
    if (seenDirs.has(id)) return; // a loop or a second route to the same folder
    seenDirs.add(id);
    let names: string[];
    try {
      names = await readdir(path);
    } catch (err) {
      out.refused.push({ path, ...unreadableWords(err) });
      return;
    }
    names.sort((a, b) => a.localeCompare(b));
    const places = names.map((name): Place => ({ path: join(path, name), root, parentReal: real }));
    await inOrder(places, LOOKUPS_AHEAD, look, (e, p) => use(e, p), stopped);
  };

  const use = async (e: Entry, { path, root }: Place): Promise<void> => {
    switch (e.kind) {
      case 'junk':
        return skip(path);
      case 'outside':
        out.linksOutside++;
        return;
      case 'error':
        out.refused.push({ path, ...unreadableWords(e.err) });
        return;
      case 'found':
        break;
    }
    const { st, real } = e;
    if (st.isDirectory()) return walkFolder(path, st, real, root ?? real);
    if (root === null && isJunkName(basename(path))) return skip(path);
    if (!st.isFile()) {
      out.refused.push(refusal(path, 'not-regular', NOT_REGULAR));
      return;
    }
    await onFile({ path, realPath: real, size: st.size, mtimeMs: st.mtimeMs });
  };

  const dropped = paths.map((path): Place => ({ path, root: null, parentReal: null }));
  await inOrder(dropped, LOOKUPS_AHEAD, look, use, stopped);
  return out;
}

/** The whole walk at once: every candidate file, then what was skipped or refused. */
export async function scanPaths(paths: string[], opts: ScanOptions = {}): Promise<ScanResult> {
  const files: Candidate[] = [];
  const tally = await walkPaths(paths, (c) => void files.push(c), opts);
  return { files, ...tally };
}
