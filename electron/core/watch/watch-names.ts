// Names a watched folder never takes: files still being written under a temporary name, lock files, hidden and OS clutter.
import { basename } from 'node:path';
import { isJunkName } from '../intake/junk';

/** Browsers, scanners and editors write under these and rename when done; the final name is the one taken. */
const PARTIAL_SUFFIXES = ['.part', '.partial', '.crdownload', '.download', '.tmp', '.temp', '.swp', '.filepart'];

/** The folder a watch moves stored files into (`--after move`); it is never watched itself. */
export const UPLOADED_FOLDER = 'Uploaded';

export function isPartialName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('.~lock') || lower.startsWith('~$')) return true;
  return PARTIAL_SUFFIXES.some((s) => lower.endsWith(s));
}

/** True for a path the watch ignores: a partial or temporary file, or junk (hidden files, .DS_Store, Thumbs.db). */
export function isIgnoredPath(path: string): boolean {
  const name = basename(path);
  return isPartialName(name) || isJunkName(name);
}
