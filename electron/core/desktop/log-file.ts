// The desktop app's log: one line per event in <userData>/logs/main.log, every line passed through the redactor.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, context?: Record<string, unknown>): void;
  close(): Promise<void>;
}

export const LOG_DIR = 'logs';
export const LOG_FILE = 'main.log';

export function createFileLogger(userDataDir: string, redact: (s: string) => string): Logger {
  const dir = join(userDataDir, LOG_DIR);
  mkdirSync(dir, { recursive: true });
  const stream: WriteStream = createWriteStream(join(dir, LOG_FILE), { flags: 'a', mode: 0o600 });
  return {
    log(level, message, context) {
      const line = JSON.stringify({ at: new Date().toISOString(), level, message, ...(context ? { context } : {}) });
      stream.write(`${redact(line)}\n`);
    },
    close: () => new Promise((resolve) => stream.end(() => resolve())),
  };
}
