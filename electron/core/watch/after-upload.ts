// `--after move`: a stored file goes into the watch's Uploaded/ folder, never over another file (a clash gets a suffix).
import { constants } from 'node:fs';
import { copyFile, link, mkdir, unlink } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { UPLOADED_FOLDER } from './watch-names';

export type AfterUpload = 'leave' | 'move';

const MAX_SUFFIX = 1000;

/** "invoice.pdf", then "invoice (1).pdf", "invoice (2).pdf"… */
export function suffixed(name: string, n: number): string {
  if (n === 0) return name;
  const ext = extname(name);
  return `${name.slice(0, name.length - ext.length)} (${n})${ext}`;
}

/** Places `src` at `dest` only if nothing is there: a hard link where the disk has them, else an exclusive copy. */
async function placeNoClobber(src: string, dest: string): Promise<boolean> {
  try {
    await link(src, dest);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // FAT, exFAT and some network shares have no hard links: COPYFILE_EXCL still never overwrites.
    try {
      await copyFile(src, dest, constants.COPYFILE_EXCL);
      return true;
    } catch (copyErr) {
      if ((copyErr as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw copyErr;
    }
  }
}

/** Moves `path` into `<root>/Uploaded/`, suffixing its name on a clash; returns where it went. */
export async function moveToUploaded(root: string, path: string): Promise<string> {
  const dir = join(root, UPLOADED_FOLDER);
  await mkdir(dir, { recursive: true });
  const name = basename(path);
  for (let n = 0; n < MAX_SUFFIX; n++) {
    const dest = join(dir, suffixed(name, n));
    if (await placeNoClobber(path, dest)) {
      await unlink(path);
      return dest;
    }
  }
  throw new Error(`${name}: ${MAX_SUFFIX} files of that name are already in ${UPLOADED_FOLDER}/`);
}
