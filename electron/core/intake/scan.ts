// Walks dropped files and folders into candidate files, skipping junk, never following a symlink loop or a link out of a dropped folder.
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
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

export interface ScanResult {
  files: Candidate[];
  skipped: number;
  /** The junk and hidden paths counted in `skipped` (the CLI names them with -v). */
  skippedPaths: string[];
  /** Symbolic links inside a dropped folder that lead out of it (an "invoice pack" linking to ~/Documents): not followed. */
  linksOutside: number;
  refused: Refusal[];
}

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

export interface ScanOptions {
  /** Follow links inside a dropped folder even when they lead out of it (the CLI's --follow-symlinks). */
  followLinksOutside?: boolean;
}

/**
 * Recursively collects regular files under `paths`. Directories are identified by dev:ino so loops end. A dropped
 * path is taken as given (the person chose it), but inside a dropped folder a link is followed only when its target
 * is inside that same folder.
 */
export async function scanPaths(paths: string[], opts: ScanOptions = {}): Promise<ScanResult> {
  const out: ScanResult = { files: [], skipped: 0, skippedPaths: [], linksOutside: 0, refused: [] };
  const seenDirs = new Set<string>();

  /** `root`: the real path of the dropped folder this entry is in; null for a dropped path itself. */
  const visit = async (path: string, root: string | null): Promise<void> => {
    const topLevel = root === null;
    const name = basename(path);
    if (!topLevel && isJunkName(name)) {
      out.skipped++;
      out.skippedPaths.push(path);
      return;
    }
    let st;
    try {
      const l = await lstat(path);
      if (l.isSymbolicLink() && root !== null && !opts.followLinksOutside && !(await staysInside(path, root))) {
        out.linksOutside++;
        return;
      }
      st = l.isSymbolicLink() ? await stat(path) : l;
    } catch (err) {
      out.refused.push({ path, ...unreadableWords(err) });
      return;
    }
    if (st.isDirectory()) {
      const id = `${st.dev}:${st.ino}`;
      if (seenDirs.has(id)) return; // a loop or a second route to the same folder
      seenDirs.add(id);
      let entries: string[];
      try {
        entries = await readdir(path);
      } catch (err) {
        out.refused.push({ path, ...unreadableWords(err) });
        return;
      }
      entries.sort((a, b) => a.localeCompare(b));
      const inside = root ?? (await realpath(path).catch(() => path));
      for (const entry of entries) await visit(join(path, entry), inside);
      return;
    }
    if (topLevel && isJunkName(name)) {
      out.skipped++;
      out.skippedPaths.push(path);
      return;
    }
    if (!st.isFile()) {
      out.refused.push(refusal(path, 'not-regular', NOT_REGULAR));
      return;
    }
    let real = path;
    try {
      real = await realpath(path);
    } catch {
      // keep the given path as identity
    }
    out.files.push({ path, realPath: real, size: st.size, mtimeMs: st.mtimeMs });
  };

  for (const p of paths) await visit(p, null);
  return out;
}
