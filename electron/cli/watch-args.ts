// `watch`'s own arguments: the folder, where its files go, how long a file must be still, and what happens after.
import type { AfterUpload } from '../core/watch/after-upload';
import { UsageError } from './errors';

export interface WatchCommand {
  name: 'watch';
  folder: string;
  target: { kind: 'session'; sessionId: string } | { kind: 'session-per-file'; templateId: string; autoExtract: boolean };
  recursive: boolean;
  settleMs: number;
  after: AfterUpload;
  /** Poll instead of OS events (network shares and some mounted drives send none). */
  poll: boolean;
  concurrency: number | null;
}

export interface WatchValues {
  session?: string | undefined;
  template?: string | undefined;
  'one-session-per-file'?: boolean | undefined;
  'auto-extract'?: boolean | undefined;
  recursive?: boolean | undefined;
  settle?: string | undefined;
  after?: string | undefined;
  poll?: boolean | undefined;
}

const MAX_SETTLE_MS = 10 * 60 * 1000;

/** "2s", "500ms", "1m" or a bare number of seconds. */
export function parseDuration(value: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (!m) throw new UsageError(`--${option} must be a duration like 2s, 500ms or 1m, got "${value}"`);
  const n = Number(m[1]);
  const ms = m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
  if (ms < 100 || ms > MAX_SETTLE_MS) throw new UsageError(`--${option} must be between 100ms and 10m, got ${value}`);
  return Math.round(ms);
}

export function watchCommand(args: string[], values: WatchValues, concurrency: number | null): WatchCommand {
  const [folder, ...extra] = args;
  if (!folder) throw new UsageError('"watch" needs a folder: raydocs-upload watch <folder> --session <id>');
  if (extra.length > 0) throw new UsageError(`"watch" takes one folder, got ${args.length} paths`);
  let target: WatchCommand['target'];
  if (values.session && values['one-session-per-file']) throw new UsageError('Use either --session or --one-session-per-file, not both.');
  if (values.session) {
    if (values.template || values['auto-extract']) throw new UsageError('--template and --auto-extract apply to watch only with --one-session-per-file.');
    target = { kind: 'session', sessionId: values.session };
  } else if (values['one-session-per-file']) {
    if (!values.template) throw new UsageError('--one-session-per-file needs --template <template-id>.');
    target = { kind: 'session-per-file', templateId: values.template, autoExtract: values['auto-extract'] === true };
  } else {
    throw new UsageError('"watch" needs where its files go: --session <id>, or --template <id> --one-session-per-file.');
  }
  const after = values.after ?? 'leave';
  if (after !== 'leave' && after !== 'move') throw new UsageError(`--after must be leave or move, got "${after}"`);
  return {
    name: 'watch',
    folder,
    target,
    recursive: values.recursive === true,
    settleMs: values.settle === undefined ? 2000 : parseDuration(values.settle, 'settle'),
    after,
    poll: values.poll === true,
    concurrency,
  };
}
