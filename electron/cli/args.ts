// Command-line parsing (node:util parseArgs): one option table, then per-command checks of what is allowed.
// Past 250 lines for one reason: the table, the command union and their checks must be read together.
import { parseArgs } from 'node:util';
import { UsageError } from './errors';
import { watchCommand, type WatchCommand } from './watch-args';

const OPTIONS = {
  'api-url': { type: 'string' },
  profile: { type: 'string' },
  json: { type: 'boolean' },
  'json-lines': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  'token-stdin': { type: 'boolean' },
  template: { type: 'string' },
  name: { type: 'string' },
  concurrency: { type: 'string' },
  'one-session-per-file': { type: 'boolean' },
  'no-auto-extract': { type: 'boolean' },
  wait: { type: 'boolean' },
  'offline-timeout': { type: 'string' },
  workspace: { type: 'string' },
  extract: { type: 'boolean' },
  out: { type: 'string' },
  xlsx: { type: 'string' },
  'dry-run': { type: 'boolean' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'max-size': { type: 'string' },
  'files-from': { type: 'string' },
  'follow-symlinks': { type: 'boolean' },
  'skip-unsupported': { type: 'boolean' },
  failed: { type: 'boolean' },
  session: { type: 'string' },
  'auto-extract': { type: 'boolean' },
  recursive: { type: 'boolean' },
  settle: { type: 'string' },
  after: { type: 'string' },
  poll: { type: 'boolean' },
} as const;

type OptionName = keyof typeof OPTIONS;
const GLOBAL: OptionName[] = ['api-url', 'profile', 'json', 'quiet', 'verbose', 'help', 'version'];

/** Which files a push (or check) takes from the paths given: globs, a size cap, links out of the folder. */
export interface FileFilter {
  include: string[];
  exclude: string[];
  maxSizeBytes: number | null;
  followSymlinks: boolean;
}

export type Shell = 'bash' | 'zsh' | 'fish';

export type Command =
  | { name: 'help'; topic: string | null }
  | { name: 'version' }
  | { name: 'completion'; shell: Shell }
  | { name: 'login'; tokenStdin: boolean }
  | { name: 'logout' }
  | { name: 'whoami' }
  | { name: 'templates'; workspaceId: number | null }
  | { name: 'sessions-new'; templateId: string; sessionName: string | null }
  | { name: 'sessions-show'; sessionId: string }
  | { name: 'sessions-list' }
  | {
      name: 'push';
      target: { kind: 'session'; sessionId: string } | { kind: 'session-per-file'; templateId: string; autoExtract: boolean };
      paths: string[];
      /** --files-from: a file of paths, one a line, or "-" for stdin; read before the push starts. */
      filesFrom: string | null;
      filter: FileFilter;
      dryRun: boolean;
      skipUnsupported: boolean;
      concurrency: number | null;
      wait: boolean;
      offlineTimeoutSeconds: number;
      /** --extract: run an extraction once every file is stored, wait for it and write the files asked for. */
      extract: ResultFiles | null;
    }
  | { name: 'resume'; concurrency: number | null; offlineTimeoutSeconds: number }
  | WatchCommand
  | { name: 'status'; sessionId: string }
  | { name: 'reparse'; sessionId: string; failedOnly: boolean }
  | { name: 'check'; sessionId: string; paths: string[]; filesFrom: string | null; filter: FileFilter; skipUnsupported: boolean }
  | { name: 'detach'; sessionId: string; what: string }
  | ({ name: 'extract'; sessionId: string; wait: boolean; offlineTimeoutSeconds: number } & ResultFiles)
  | { name: 'results-list'; sessionId: string }
  | ({ name: 'results-show'; resultId: string; wait: boolean; offlineTimeoutSeconds: number } & ResultFiles);

/** Where a result goes: --out (its JSON) and --xlsx (the server's Excel export), as typed (resolved against the cwd later). */
export interface ResultFiles {
  out: string | null;
  xlsx: string | null;
}

export type Verbosity = 'quiet' | 'normal' | 'verbose';

export interface ParsedArgs {
  command: Command;
  apiUrl: string | null;
  profile: string | null;
  json: boolean;
  /** --json-lines (push, resume): one JSON event per line instead of one report. */
  jsonLines: boolean;
  verbosity: Verbosity;
}

const FILTER_OPTIONS: OptionName[] = ['include', 'exclude', 'max-size', 'files-from', 'follow-symlinks'];

export const ALLOWED: Record<string, OptionName[]> = {
  login: ['token-stdin'],
  logout: [],
  whoami: [],
  templates: ['workspace'],
  'sessions new': ['template', 'name'],
  'sessions show': [],
  'sessions list': [],
  push: ['concurrency', 'one-session-per-file', 'template', 'no-auto-extract', 'wait', 'offline-timeout', 'extract', 'out', 'xlsx', 'dry-run', 'skip-unsupported', 'json-lines', ...FILTER_OPTIONS],
  resume: ['concurrency', 'offline-timeout', 'json-lines'],
  status: [],
  reparse: ['failed'],
  check: ['skip-unsupported', ...FILTER_OPTIONS],
  detach: [],
  extract: ['wait', 'out', 'xlsx', 'offline-timeout'],
  results: [],
  'results show': ['wait', 'out', 'xlsx', 'offline-timeout'],
  completion: [],
  watch: ['session', 'template', 'one-session-per-file', 'auto-extract', 'recursive', 'settle', 'after', 'poll', 'concurrency', 'json-lines'],
};

export const DEFAULT_OFFLINE_TIMEOUT_SECONDS = 300;
export const MAX_CONCURRENCY = 16;

function offlineTimeout(value: string | undefined): number {
  return value === undefined ? DEFAULT_OFFLINE_TIMEOUT_SECONDS : positiveInt(value, 'offline-timeout', 7 * 24 * 3600);
}

function concurrency(value: string | undefined): number | null {
  return value === undefined ? null : positiveInt(value, 'concurrency', MAX_CONCURRENCY);
}

function positiveInt(value: string, option: string, max: number): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--${option} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < 1 || n > max) throw new UsageError(`--${option} must be between 1 and ${max}, got ${n}`);
  return n;
}

function nonEmpty(value: string | undefined, option: string): string | null {
  if (value === undefined) return null;
  if (value.trim() === '') throw new UsageError(`--${option} needs a path.`);
  return value;
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** "500k", "10M", "1.5G" (powers of 1024, as rclone reads them) or plain bytes. */
export function parseSize(value: string, option = 'max-size'): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new UsageError(`--${option} must be a size such as 500k, 10M or 2G, got "${value}"`);
  return Math.floor(Number(m[1]) * unit);
}

function shellOf(value: string | undefined): Shell {
  if (value === 'bash' || value === 'zsh' || value === 'fish') return value;
  throw new UsageError(`"completion" needs a shell: bash, zsh or fish${value ? ` (got "${value}")` : ''}.`);
}

/** The command's key in ALLOWED ("sessions new", "results show", …) and its own positionals. */
function commandKey(first: string, rest: string[]): { key: string; args: string[] } {
  if (first === 'sessions') {
    const sub = rest[0];
    if (sub !== 'new' && sub !== 'show' && sub !== 'list') throw new UsageError(`"sessions" needs a subcommand: new, show or list${sub ? ` (got "${sub}")` : ''}.`);
    return { key: `sessions ${sub}`, args: rest.slice(1) };
  }
  if (first === 'results') {
    // `results <session>` lists; `results show <result>` prints one (a session id is never the word "show").
    const show = rest[0] === 'show';
    return { key: show ? 'results show' : 'results', args: show ? rest.slice(1) : rest };
  }
  return { key: first, args: rest };
}

export function parseCliArgs(argv: string[]): ParsedArgs {
  // `npx raydocs-upload -- --version` hands the "--" through: a leading one separates nothing here.
  const given = argv[0] === '--' ? argv.slice(1) : argv;
  let parsed;
  try {
    parsed = parseArgs({ args: given, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    // node's own words end with a hint to use "--" already; ours adds the --help hint once, in main.
    // They may also span lines, which would print as '?' on one: the message is made one line.
    throw new UsageError(err instanceof Error ? err.message.replace(/\s*To specify a positional argument.*$/s, '').replace(/\s*\n\s*/g, ' ') : String(err));
  }
  const { values, positionals } = parsed;
  if (values.quiet && values.verbose) throw new UsageError('-q/--quiet and -v/--verbose cannot be used together.');
  if (values.json && values['json-lines']) throw new UsageError('--json and --json-lines cannot be used together.');
  const base = {
    apiUrl: values['api-url'] ?? null,
    profile: values.profile ?? null,
    json: values.json === true,
    jsonLines: values['json-lines'] === true,
    verbosity: (values.quiet ? 'quiet' : values.verbose ? 'verbose' : 'normal') as Verbosity,
  };

  if (values.version) return { ...base, command: { name: 'version' } };
  const [first, ...rest] = positionals;
  if (values.help || first === undefined || first === 'help') {
    const topic = first === 'help' ? (rest[0] ?? null) : (first ?? null);
    return { ...base, command: { name: 'help', topic } };
  }

  const { key, args } = commandKey(first, rest);
  const allowed = ALLOWED[key];
  if (!allowed) throw new UsageError(`Unknown command "${first}".`);
  for (const opt of Object.keys(values) as OptionName[]) {
    if (values[opt] !== undefined && !GLOBAL.includes(opt) && !allowed.includes(opt)) {
      throw new UsageError(`Option --${opt} does not apply to "${key}".`);
    }
  }
  return { ...base, command: buildCommand(key, args, values) };
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

function filterOf(values: Values): FileFilter {
  return {
    include: values.include ?? [],
    exclude: values.exclude ?? [],
    maxSizeBytes: values['max-size'] === undefined ? null : parseSize(values['max-size']),
    followSymlinks: values['follow-symlinks'] === true,
  };
}

function buildCommand(key: string, args: string[], values: Values): Command {
  const files = (): ResultFiles => ({ out: nonEmpty(values.out, 'out'), xlsx: nonEmpty(values.xlsx, 'xlsx') });
  const noExtra = (n: number) => {
    if (args.length > n) throw new UsageError(`Unexpected argument "${args[n]}" for "${key}".`);
  };
  const need = (what: string, i = 0): string => {
    const v = args[i];
    if (!v) throw new UsageError(`"${key}" needs ${what}.`);
    return v;
  };
  const filesFrom = nonEmpty(values['files-from'], 'files-from');

  switch (key) {
    case 'login':
      noExtra(0);
      return { name: 'login', tokenStdin: values['token-stdin'] === true };
    case 'logout':
      noExtra(0);
      return { name: 'logout' };
    case 'whoami':
      noExtra(0);
      return { name: 'whoami' };
    case 'completion':
      noExtra(1);
      return { name: 'completion', shell: shellOf(args[0]) };
    case 'templates':
      noExtra(0);
      return { name: 'templates', workspaceId: values.workspace === undefined ? null : positiveInt(values.workspace, 'workspace', Number.MAX_SAFE_INTEGER) };
    case 'sessions new':
      noExtra(0);
      if (!values.template) throw new UsageError('"sessions new" needs --template <template id>.');
      return { name: 'sessions-new', templateId: values.template, sessionName: values.name ?? null };
    case 'sessions show': {
      const sessionId = need('a session id');
      noExtra(1);
      return { name: 'sessions-show', sessionId };
    }
    case 'sessions list':
      noExtra(0);
      return { name: 'sessions-list' };
    case 'status': {
      const sessionId = need('a session id');
      noExtra(1);
      return { name: 'status', sessionId };
    }
    case 'reparse': {
      const sessionId = need('a session id');
      noExtra(1);
      return { name: 'reparse', sessionId, failedOnly: values.failed === true };
    }
    case 'check': {
      const sessionId = need('a session id and at least one path');
      if (args.length < 2 && !filesFrom) throw new UsageError('"check" needs at least one file or folder (or --files-from).');
      return { name: 'check', sessionId, paths: args.slice(1), filesFrom, filter: filterOf(values), skipUnsupported: values['skip-unsupported'] === true };
    }
    case 'detach': {
      const sessionId = need('a session id and a document id or file path');
      const what = need('a document id or file path after the session id', 1);
      noExtra(2);
      return { name: 'detach', sessionId, what };
    }
    case 'push':
      return pushCommand(args, values, filesFrom, files);
    case 'watch':
      return watchCommand(args, values, concurrency(values.concurrency));
    case 'extract': {
      const sessionId = need('a session id');
      noExtra(1);
      const f = files();
      // Files can only be written once the run is over, so asking for one waits.
      return { name: 'extract', sessionId, ...f, wait: values.wait === true || f.out !== null || f.xlsx !== null, offlineTimeoutSeconds: offlineTimeout(values['offline-timeout']) };
    }
    case 'results': {
      const sessionId = need('a session id (or "show <result id>")');
      noExtra(1);
      return { name: 'results-list', sessionId };
    }
    case 'results show': {
      const resultId = need('a result id');
      noExtra(1);
      const f = files();
      return { name: 'results-show', resultId, ...f, wait: values.wait === true || f.out !== null || f.xlsx !== null, offlineTimeoutSeconds: offlineTimeout(values['offline-timeout']) };
    }
    case 'resume':
      noExtra(0);
      return { name: 'resume', concurrency: concurrency(values.concurrency), offlineTimeoutSeconds: offlineTimeout(values['offline-timeout']) };
    default:
      throw new UsageError(`Unknown command "${key}".`);
  }
}

function pushCommand(args: string[], values: Values, filesFrom: string | null, files: () => ResultFiles): Extract<Command, { name: 'push' }> {
  const perFile = values['one-session-per-file'] === true;
  let target: Extract<Command, { name: 'push' }>['target'];
  let paths: string[];
  if (perFile) {
    if (!values.template) throw new UsageError('--one-session-per-file needs --template <template id>.');
    target = { kind: 'session-per-file', templateId: values.template, autoExtract: values['no-auto-extract'] !== true };
    paths = args;
  } else {
    if (values.template) throw new UsageError('--template applies to push only with --one-session-per-file.');
    if (values['no-auto-extract']) throw new UsageError('--no-auto-extract applies only with --one-session-per-file.');
    const sessionId = args[0];
    if (!sessionId) throw new UsageError('"push" needs a session id and at least one path.');
    target = { kind: 'session', sessionId };
    paths = args.slice(1);
  }
  if (paths.length === 0 && !filesFrom) throw new UsageError('"push" needs at least one file or folder (or --files-from).');
  const extract = values.extract === true ? files() : null;
  if (!extract && (values.out !== undefined || values.xlsx !== undefined)) throw new UsageError('--out and --xlsx apply to push only with --extract.');
  const dryRun = values['dry-run'] === true;
  if (dryRun && extract) throw new UsageError('--dry-run uploads nothing, so it cannot --extract.');
  return {
    name: 'push',
    target,
    paths,
    filesFrom,
    filter: filterOf(values),
    dryRun,
    skipUnsupported: values['skip-unsupported'] === true,
    concurrency: concurrency(values.concurrency),
    wait: values.wait === true,
    offlineTimeoutSeconds: offlineTimeout(values['offline-timeout']),
    extract,
  };
}
