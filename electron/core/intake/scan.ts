// Walks dropped files and folders into candidate files, skipping junk and never following a symlink loop.
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isJunkName } from './junk';
import { unreadableReason } from './sniff';

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
  refused: Array<{ path: string; reason: string }>;
}

/** Recursively collects regular files under `paths`. Directories are identified by dev:ino so loops end. */
export async function scanPaths(paths: string[]): Promise<ScanResult> {
  const out: ScanResult = { files: [], skipped: 0, refused: [] };
  const seenDirs = new Set<string>();

  const visit = async (path: string, topLevel: boolean): Promise<void> => {
    const name = basename(path);
    if (!topLevel && isJunkName(name)) {
      out.skipped++;
      return;
    }
    let st;
    try {
      const l = await lstat(path);
      st = l.isSymbolicLink() ? await stat(path) : l;
    } catch (err) {
      out.refused.push({ path, reason: unreadableReason(err) });
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
        out.refused.push({ path, reason: unreadableReason(err) });
        return;
      }
      entries.sort((a, b) => a.localeCompare(b));
      for (const entry of entries) await visit(join(path, entry), false);
      return;
    }
    if (topLevel && isJunkName(name)) {
      out.skipped++;
      return;
    }
    if (!st.isFile()) {
      out.refused.push({ path, reason: 'unreadable: not a regular file' });
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

  for (const p of paths) await visit(p, true);
  return out;
}
