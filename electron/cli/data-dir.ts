// Where the CLI keeps its per-user state (the upload journal): RAYDOCS_DATA_DIR, else the platform's data dir.
import { join } from 'node:path';

export const APP_DIR_NAME = 'raydocs-uploader';

/** The CLI's own data dir; the desktop app keeps a separate journal so the two never write one file at once. */
export function cliDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, homedir: string): string {
  if (env.RAYDOCS_DATA_DIR) return env.RAYDOCS_DATA_DIR;
  switch (platform) {
    case 'darwin':
      return join(homedir, 'Library', 'Application Support', APP_DIR_NAME, 'cli');
    case 'win32':
      return join(env.LOCALAPPDATA ?? join(homedir, 'AppData', 'Local'), APP_DIR_NAME, 'cli');
    default:
      return join(env.XDG_DATA_HOME || join(homedir, '.local', 'share'), APP_DIR_NAME, 'cli');
  }
}

/**
 * One journal per API origin, so a queue meant for the emulator never resumes against production; a named profile
 * has journals of its own (its token may see other sessions), under profiles/<name>/.
 */
export function journalDirFor(dataDir: string, apiBaseUrl: string, profile: string | null = null): string {
  const origin = new URL(apiBaseUrl).origin;
  const safe = origin.replace(/^https?:\/\//, '').replace(/[^A-Za-z0-9.-]+/g, '_');
  return profile === null ? join(dataDir, 'journals', safe) : join(dataDir, 'profiles', profile, 'journals', safe);
}
