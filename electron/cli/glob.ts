// Glob patterns for --include/--exclude: *, ?, [..], {a,b} and ** (any depth), matched against "/"-separated paths.

/** One glob as a regular expression over a whole path ("/" separators). */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let i = 0;
  let braces = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // "**/" matches any number of folders (also none); a trailing "**" anything below.
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 3 : 2;
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
    i++;
  }
  return new RegExp(`^${re}${')'.repeat(braces)}$`);
}

/**
 * A matcher for several globs. A glob without "/" is matched against the file name alone (as `*.pdf` is meant); one
 * with "/" against the path relative to the folder given on the command line.
 */
export function globMatcher(globs: string[]): (relPath: string) => boolean {
  const compiled = globs.map((g) => ({ onName: !g.includes('/'), re: globToRegExp(g.replace(/^\.\//, '')) }));
  return (relPath) => {
    const name = relPath.slice(relPath.lastIndexOf('/') + 1);
    return compiled.some((c) => c.re.test(c.onName ? name : relPath));
  };
}
