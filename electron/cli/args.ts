// Command-line parsing (node:util parseArgs): one option table, then per-command checks of what is allowed.
import { parseArgs } from 'node:util';
import { UsageError } from './errors';

const OPTIONS = {
  'api-url': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
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
} as const;

type OptionName = keyof typeof OPTIONS;
const GLOBAL: OptionName[] = ['api-url', 'json', 'help', 'version'];

export type Command =
  | { name: 'help'; topic: string | null }
  | { name: 'version' }
  | { name: 'login'; tokenStdin: boolean }
  | { name: 'logout' }
  | { name: 'whoami' }
  | { name: 'templates'; workspaceId: number | null }
  | { name: 'sessions-new'; templateId: string; sessionName: string | null }
  | { name: 'sessions-show'; sessionId: string }
  | {
      name: 'push';
      target: { kind: 'session'; sessionId: string } | { kind: 'session-per-file'; templateId: string; autoExtract: boolean };
      paths: string[];
      concurrency: number | null;
      wait: boolean;
      offlineTimeoutSeconds: number;
      /** --extract: run an extraction once every file is stored, wait for it and write the files asked for. */
      extract: ResultFiles | null;
    }
  | { name: 'resume'; concurrency: number | null; offlineTimeoutSeconds: number }
  | { name: 'status'; sessionId: string }
  | ({ name: 'extract'; sessionId: string; wait: boolean; offlineTimeoutSeconds: number } & ResultFiles)
  | { name: 'results-list'; sessionId: string }
  | ({ name: 'results-show'; resultId: string; wait: boolean; offlineTimeoutSeconds: number } & ResultFiles);

/** Where a result goes: --out (its JSON) and --xlsx (the server's Excel export), as typed (resolved against the cwd later). */
export interface ResultFiles {
  out: string | null;
  xlsx: string | null;
}

export interface ParsedArgs {
  command: Command;
  apiUrl: string | null;
  json: boolean;
}

const ALLOWED: Record<string, OptionName[]> = {
  login: ['token-stdin'],
  logout: [],
  whoami: [],
  templates: ['workspace'],
  'sessions new': ['template', 'name'],
  'sessions show': [],
  push: ['concurrency', 'one-session-per-file', 'template', 'no-auto-extract', 'wait', 'offline-timeout', 'extract', 'out', 'xlsx'],
  resume: ['concurrency', 'offline-timeout'],
  status: [],
  extract: ['wait', 'out', 'xlsx', 'offline-timeout'],
  results: [],
  'results show': ['wait', 'out', 'xlsx', 'offline-timeout'],
};

export const DEFAULT_OFFLINE_TIMEOUT_SECONDS = 300;

function offlineTimeout(value: string | undefined): number {
  return value === undefined ? DEFAULT_OFFLINE_TIMEOUT_SECONDS : positiveInt(value, 'offline-timeout', 7 * 24 * 3600);
}

function concurrency(value: string | undefined): number | null {
  return value === undefined ? null : positiveInt(value, 'concurrency', 16);
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

export function parseCliArgs(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const apiUrl = values['api-url'] ?? null;
  const json = values.json === true;
  const base = { apiUrl, json };

  if (values.version) return { ...base, command: { name: 'version' } };
  const [first, ...rest] = positionals;
  if (values.help || first === undefined || first === 'help') {
    const topic = first === 'help' ? (rest[0] ?? null) : (first ?? null);
    return { ...base, command: { name: 'help', topic } };
  }

  let key: string = first;
  let args = rest;
  if (first === 'sessions') {
    const sub = rest[0];
    if (sub !== 'new' && sub !== 'show') throw new UsageError(`"sessions" needs a subcommand: new or show${sub ? ` (got "${sub}")` : ''}`);
    key = `sessions ${sub}`;
    args = rest.slice(1);
  } else if (first === 'results') {
    // `results <session>` lists; `results show <result>` prints one (a session id is never the word "show").
    const show = rest[0] === 'show';
    key = show ? 'results show' : 'results';
    args = show ? rest.slice(1) : rest;
  }
  const allowed = ALLOWED[key];
  if (!allowed) throw new UsageError(`Unknown command "${first}". Run raydocs-upload --help.`);
  for (const opt of Object.keys(values) as OptionName[]) {
    if (values[opt] !== undefined && !GLOBAL.includes(opt) && !allowed.includes(opt)) {
      throw new UsageError(`Option --${opt} does not apply to "${key}".`);
    }
  }

  const files = (): ResultFiles => ({ out: nonEmpty(values.out, 'out'), xlsx: nonEmpty(values.xlsx, 'xlsx') });
  const noExtra = (n: number) => {
    if (args.length > n) throw new UsageError(`Unexpected argument "${args[n]}" for "${key}".`);
  };
  const need = (what: string): string => {
    const v = args[0];
    if (!v) throw new UsageError(`"${key}" needs ${what}.`);
    return v;
  };

  switch (key) {
    case 'login':
      noExtra(0);
      return { ...base, command: { name: 'login', tokenStdin: values['token-stdin'] === true } };
    case 'logout':
      noExtra(0);
      return { ...base, command: { name: 'logout' } };
    case 'whoami':
      noExtra(0);
      return { ...base, command: { name: 'whoami' } };
    case 'templates':
      noExtra(0);
      return {
        ...base,
        command: { name: 'templates', workspaceId: values.workspace === undefined ? null : positiveInt(values.workspace, 'workspace', Number.MAX_SAFE_INTEGER) },
      };
    case 'sessions new': {
      noExtra(0);
      if (!values.template) throw new UsageError('"sessions new" needs --template <template id>.');
      return { ...base, command: { name: 'sessions-new', templateId: values.template, sessionName: values.name ?? null } };
    }
    case 'sessions show': {
      const sessionId = need('a session id');
      noExtra(1);
      return { ...base, command: { name: 'sessions-show', sessionId } };
    }
    case 'status': {
      const sessionId = need('a session id');
      noExtra(1);
      return { ...base, command: { name: 'status', sessionId } };
    }
    case 'push': {
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
        target = { kind: 'session', sessionId: need('a session id and at least one path') };
        paths = args.slice(1);
      }
      if (paths.length === 0) throw new UsageError('"push" needs at least one file or folder.');
      const extract = values.extract === true ? files() : null;
      if (!extract && (values.out !== undefined || values.xlsx !== undefined)) throw new UsageError('--out and --xlsx apply to push only with --extract.');
      return {
        ...base,
        command: {
          name: 'push',
          target,
          paths,
          concurrency: concurrency(values.concurrency),
          wait: values.wait === true,
          offlineTimeoutSeconds: offlineTimeout(values['offline-timeout']),
          extract,
        },
      };
    }
    case 'extract': {
      const sessionId = need('a session id');
      noExtra(1);
      const f = files();
      // Files can only be written once the run is over, so asking for one waits.
      return { ...base, command: { name: 'extract', sessionId, ...f, wait: values.wait === true || f.out !== null || f.xlsx !== null, offlineTimeoutSeconds: offlineTimeout(values['offline-timeout']) } };
    }
    case 'results': {
      const sessionId = need('a session id (or "show <result id>")');
      noExtra(1);
      return { ...base, command: { name: 'results-list', sessionId } };
    }
    case 'results show': {
      const resultId = need('a result id');
      noExtra(1);
      const f = files();
      return { ...base, command: { name: 'results-show', resultId, ...f, wait: values.wait === true || f.out !== null || f.xlsx !== null, offlineTimeoutSeconds: offlineTimeout(values['offline-timeout']) } };
    }
    case 'resume':
      noExtra(0);
      return { ...base, command: { name: 'resume', concurrency: concurrency(values.concurrency), offlineTimeoutSeconds: offlineTimeout(values['offline-timeout']) } };
    default:
      throw new UsageError(`Unknown command "${key}".`);
  }
}
