// Gets a token from the user without echoing it: piped stdin, or a hidden prompt on a terminal.
import { CliError } from './errors';
import { EXIT } from './exit-codes';
import type { CliIo } from './io';

const MAX_TOKEN_BYTES = 16 * 1024;

/** The first non-empty line of stdin. Bounded: a token is short, so a huge pipe is a mistake. */
export async function readTokenFromStdin(stdin: CliIo['stdin']): Promise<string> {
  let buf = '';
  for await (const chunk of stdin) {
    buf += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (buf.length > MAX_TOKEN_BYTES) throw new CliError('The token on stdin is too long.', EXIT.usage);
  }
  const line = buf.split(/\r?\n/).find((l) => l.trim() !== '');
  if (!line) throw new CliError('No token on stdin.', EXIT.usage);
  return line.trim();
}

/** Raw-mode prompt: nothing typed is echoed; Ctrl-C aborts. */
export function promptHidden(io: CliIo, question: string): Promise<string> {
  const { stdin, stderr } = io;
  if (!stdin.isTTY || !stdin.setRawMode) return readTokenFromStdin(stdin);
  stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (err: Error | null) => {
      stdin.setRawMode?.(false);
      stdin.off('data', onData);
      stdin.pause();
      stderr.write('\n');
      if (err) reject(err);
      else resolve(value.trim());
    };
    const onData = (data: Buffer | string) => {
      for (const ch of typeof data === 'string' ? data : data.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(value.trim() ? null : new CliError('No token given.', EXIT.usage));
        if (ch === '\u0003') return done(new CliError('Cancelled.', EXIT.usage));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
