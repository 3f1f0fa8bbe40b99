// Walks dropped files and folders into candidate files, skipping junk, never following a symlink loop or a link out of a dropped folder.
import { basename, join, sep } from 'node:path';
import type { Refusal } from '../../../shared/queue';
import { asError, listFolder, lookPaths, type Listed, type Looked, type StatLite } from './fs-worker';
import { isJunkName } from './junk';
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

/** Dropped paths looked up per message (the CLI gives each of thousands of files as a path of its own). */
const DROPPED_PER_LOOK = 1024;
/** Subfolders listed ahead of the one being walked, so the walk seldom waits for a listing. */
const LISTINGS_AHEAD = 4;

function isWithin(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** What a looked-up entry is once links are followed (or why not). */
type Entry = { kind: 'outside' } | { kind: 'error'; err: NodeJS.ErrnoException } | { kind: 'found'; st: StatLite; real: string };

/** `root`: the real path of the dropped folder the entry is in (null: a dropped path); `parentReal`: its folder's. */
function resolveEntry(path: string, looked: Looked, root: string | null, parentReal: string | null, followOutside: boolean): Entry {
  if ('err' in looked) return { kind: 'error', err: asError(looked.err) };
  const { l, st, stErr, real } = looked;
  if (l.kind !== 'link') {
    // Inside a folder whose real path is known, a name that is no link resolves to that path + the name.
    return { kind: 'found', st: l, real: parentReal !== null ? join(parentReal, basename(path)) : (real ?? path) };
  }
  // A link that leads nowhere has no real path: its stat then says why.
  if (root !== null && !followOutside && real != null && !isWithin(real, root)) return { kind: 'outside' };
  if (!st) return { kind: 'error', err: asError(stErr ?? { message: 'the link could not be followed' }) };
  return { kind: 'found', st, real: real ?? path };
}

/**
 * Hands each regular file under `paths` to `onFile`, in sorted walk order (it may return a promise: the walk waits
 * for it). Directories are identified by dev:ino so loops end. A dropped path is taken as given (the person chose
 * it), but inside a dropped folder a link is followed only when its target is inside that same folder.
 */
// Past 60 lines on purpose: the walk's shared state (the tally, the folders seen, the listings asked ahead) and its
// two mutually recursive steps (walkFolder, use) live in one scope; each step is under 40 lines.
export async function walkPaths(paths: string[], onFile: (c: Candidate) => void | Promise<void>, opts: WalkOptions = {}): Promise<ScanTally> {
  const out: ScanTally = { skipped: 0, skippedPaths: [], linksOutside: 0, refused: [] };
  const seenDirs = new Set<string>();
  const stopped = opts.stopped ?? (() => false);
  const followOutside = !!opts.followLinksOutside;
  const listings = new Map<string, Promise<Listed>>();
  const listing = (dir: string): Promise<Listed> => {
    const p = listings.get(dir) ?? listFolder(dir);
    listings.delete(dir);
    return p;
  };

  /** A call made ahead may never be awaited (the walk stopped): its failure must not go unhandled. */
  const ahead = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => undefined);
    return p;
  };

  const skip = (path: string): void => {
    out.skipped++;
    out.skippedPaths.push(path);
  };

  const walkFolder = async (path: string, st: StatLite, real: string, root: string): Promise<void> => {
    const id = `${st.dev}:${st.ino}`;
    if (seenDirs.has(id)) return; // a loop or a second route to the same folder
    seenDirs.add(id);
    const listed = await listing(path);
    if ('err' in listed) {
      out.refused.push({ path, ...unreadableWords(asError(listed.err)) });
      return;
    }
    const entries = listed.names.map((name, i) => {
      const at = join(path, name);
      const e = resolveEntry(at, listed.looks[i] as Looked, root, real, followOutside);
      return { name, path: at, e, folder: !isJunkName(name) && e.kind === 'found' && e.st.kind === 'dir' };
    });
    const folders = entries.filter((x) => x.folder).map((x) => x.path);
    let passed = 0;
    let asked = 0;
    for (const x of entries) {
      if (stopped()) return;
      if (x.folder) passed++;
      // Keep the next few subfolders' listings on their way while this one's entries are handed on.
      for (; asked < folders.length && asked < passed + LISTINGS_AHEAD; asked++) {
        const f = folders[asked] as string;
        if (!listings.has(f)) listings.set(f, ahead(listFolder(f)));
      }
      if (isJunkName(x.name)) skip(x.path);
      else await use(x.path, x.e, root);
    }
  };

  const use = async (path: string, e: Entry, root: string | null): Promise<void> => {
    switch (e.kind) {
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
    if (st.kind === 'dir') return walkFolder(path, st, real, root ?? real);
    if (root === null && isJunkName(basename(path))) return skip(path);
    if (st.kind !== 'file') {
      out.refused.push(refusal(path, 'not-regular', NOT_REGULAR));
      return;
    }
    await onFile({ path, realPath: real, size: st.size, mtimeMs: st.mtimeMs });
  };

  let next = paths.length > 0 ? lookPaths(paths.slice(0, DROPPED_PER_LOOK)) : null;
  for (let at = 0; next; at += DROPPED_PER_LOOK) {
    const looked = await next;
    const after = at + DROPPED_PER_LOOK;
    next = after < paths.length ? ahead(lookPaths(paths.slice(after, after + DROPPED_PER_LOOK))) : null;
    for (let i = 0; i < looked.length; i++) {
      if (stopped()) return out;
      const path = paths[at + i] as string;
      await use(path, resolveEntry(path, looked[i] as Looked, null, null, followOutside), null);
    }
  }
  return out;
}

/** The whole walk at once: every candidate file, then what was skipped or refused. */
export async function scanPaths(paths: string[], opts: ScanOptions = {}): Promise<ScanResult> {
  const files: Candidate[] = [];
  const tally = await walkPaths(paths, (c) => void files.push(c), opts);
  return { files, ...tally };
}
