// One `push` per journal at a time: a pid lock file beside the journal, taken over when its owner is dead (kill -9).
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { processAlive } from '../core/api/budget-lock';
import { CliError } from './errors';
import { EXIT } from './exit-codes';

export interface JournalLock {
  release(): Promise<void>;
}

export async function lockJournal(dir: string): Promise<JournalLock> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new CliError(`Cannot create the data dir ${dir}: ${(err as Error).message}. Set RAYDOCS_DATA_DIR to a writable folder.`, EXIT.environment);
  }
  const file = join(dir, 'cli.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(file, 'wx', 0o600);
      await fh.writeFile(String(process.pid));
      await fh.close();
      return { release: () => rm(file, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new CliError(`Cannot write ${file}: ${(err as Error).message}. Set RAYDOCS_DATA_DIR to a writable folder.`, EXIT.environment);
      }
    }
    const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
      throw new CliError(`Another raydocs-upload push (pid ${owner}) is using ${dir}. Wait for it, or set RAYDOCS_DATA_DIR to another folder.`, EXIT.usage, 'busy');
    }
    // Stale lock from a process that died (crash, kill -9): take it over.
    await writeFile(file, String(process.pid), { mode: 0o600 }).catch(() => undefined);
    const now = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (now === process.pid) return { release: () => rm(file, { force: true }) };
  }
  throw new CliError(`Could not lock ${dir}.`, EXIT.environment);
}
