// Runs the CLI's main() in this process with a captured io and, when asked, a fake keychain: fast, and lets a test
// sign in where no Secret Service exists. The bin itself is covered by the spawning tests.
import { Readable } from 'node:stream';
import { main } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/io';
import type { KeytarLike } from '../../../electron/core/secret-store';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A keychain held in a Map, keyed by service and account, as keytar is. */
export function fakeKeytar(): KeytarLike & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const key = (s: string, a: string) => `${s}\n${a}`;
  return {
    entries,
    getPassword: (s, a) => Promise.resolve(entries.get(key(s, a)) ?? null),
    setPassword: (s, a, p) => {
      entries.set(key(s, a), p);
      return Promise.resolve();
    },
    deletePassword: (s, a) => Promise.resolve(entries.delete(key(s, a))),
  };
}

export async function runInProcess(
  argv: string[],
  opts: { env: NodeJS.ProcessEnv; cwd: string; input?: string; keytar?: KeytarLike | (() => Promise<KeytarLike>); stderrIsTTY?: boolean; columns?: number },
): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const stdin = Readable.from(opts.input === undefined ? [] : [opts.input]) as CliIo['stdin'];
  const io: CliIo = {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c), isTTY: opts.stderrIsTTY ?? false, columns: opts.columns ?? 100 },
    stdin,
    env: opts.env,
    cwd: opts.cwd,
    platform: 'linux',
    homedir: opts.cwd,
    onInterrupt: () => () => {},
  };
  const k = opts.keytar;
  const keytar = k === undefined ? undefined : typeof k === 'function' ? k : () => Promise.resolve(k);
  const code = await main(argv, io, keytar ? { keytar } : {});
  return { code, stdout, stderr };
}
