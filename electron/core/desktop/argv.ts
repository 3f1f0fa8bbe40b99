// Picks the file paths out of a launch command line ("open with", a second launch with files), dropping Electron's own arguments.
import { isAbsolute, resolve } from 'node:path';

/**
 * argv[0] is the executable; in development (not packaged) argv[1] is the app folder. Flags (`--foo`, `-x`)
 * and URL-like arguments are not files. Relative paths resolve against the launching process's folder.
 */
export function pathsFromArgv(argv: readonly string[], cwd: string, opts: { packaged: boolean }): string[] {
  const skip = opts.packaged ? 1 : 2;
  return argv
    .slice(skip)
    .filter((a) => a.length > 0 && !a.startsWith('-') && !/^[a-z][a-z0-9+.-]+:\/\//i.test(a))
    .map((a) => (isAbsolute(a) ? a : resolve(cwd, a)));
}

/** What a second launch sends through `requestSingleInstanceLock(additionalData)`: its own list, in its own order. */
export interface HandOver {
  files: string[];
}

export function handOverFor(argv: readonly string[], cwd: string, opts: { packaged: boolean }): HandOver {
  return { files: pathsFromArgv(argv, cwd, opts) };
}

/**
 * Chromium may reorder or extend a second instance's argv, so its own list (additionalData) wins; argv is the
 * fallback for an older build or another user's launch. additionalData crosses a process boundary: check it.
 */
export function handedOverPaths(additionalData: unknown, argv: readonly string[], cwd: string, opts: { packaged: boolean }): string[] {
  const files = (additionalData as { files?: unknown } | null)?.files;
  if (Array.isArray(files) && files.every((f) => typeof f === 'string' && isAbsolute(f))) return files as string[];
  return pathsFromArgv(argv, cwd, opts);
}
