// Turns the page's queue:add argument (dropped File objects) into the wire's paths, so the page can never name a path itself.

/** What the preload sends main for queue:add. `target` is passed through untouched: main validates it. */
export interface ResolvedDrop {
  paths: string[];
  unresolved: string[];
  target: unknown;
}

const MAX_NAME = 1024;

function nameOf(file: unknown): string {
  const name = (file as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name.slice(0, MAX_NAME) : '(not a file)';
}

/**
 * `pathOf` is Electron's webUtils.getPathForFile: a File the page made itself (or anything that is not a File)
 * has no path and lands in `unresolved`. Only `files` and `target` are read; any other key (`paths`…) is ignored.
 */
export function resolveDrop(args: unknown, pathOf: (file: File) => string): ResolvedDrop {
  const record = (typeof args === 'object' && args !== null ? args : {}) as { files?: unknown; target?: unknown };
  const files: unknown[] = Array.isArray(record.files) ? record.files : [];
  const out: ResolvedDrop = { paths: [], unresolved: [], target: record.target };
  for (const file of files) {
    let path = '';
    try {
      path = pathOf(file as File);
    } catch {
      path = '';
    }
    if (typeof path === 'string' && path !== '') out.paths.push(path);
    else out.unresolved.push(nameOf(file));
  }
  return out;
}
