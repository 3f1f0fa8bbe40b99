// Named profiles (--profile, RAYDOCS_PROFILE): each keeps its own API URL here and its own keychain entry and journal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonFile } from '../core/desktop/json-file';
import { z } from 'zod';
import { UsageError } from './errors';

export const PROFILES_FILE = 'profiles.json';
/** The name that means "no profile": today's behaviour, the desktop app's keychain entry. */
export const DEFAULT_PROFILE = 'default';

const fileSchema = z.object({ version: z.literal(1), profiles: z.record(z.string(), z.object({ apiUrl: z.string() })) });
type ProfilesFile = z.infer<typeof fileSchema>;

/** The profile asked for (flag, then RAYDOCS_PROFILE), or null for the default profile. */
export function profileName(flag: string | null, env: NodeJS.ProcessEnv): string | null {
  const raw = (flag ?? env.RAYDOCS_PROFILE ?? '').trim();
  if (raw === '' || raw === DEFAULT_PROFILE) return null;
  // The name goes into a keychain account and a folder name: letters, digits, dot, dash, underscore only.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(raw)) {
    throw new UsageError(`A profile name is a letter or digit, then letters, digits, ".", "-" or "_" (at most 64 in all), got "${raw.slice(0, 64)}".`);
  }
  return raw;
}

function read(file: string): ProfilesFile {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // missing or unreadable: no profile has an API URL yet
  }
  return { version: 1, profiles: {} };
}

/** The API URL a profile was signed in with (login --profile), or null. */
export function profileApiUrl(dataDir: string, profile: string): string | null {
  return read(join(dataDir, PROFILES_FILE)).profiles[profile]?.apiUrl ?? null;
}

/** Remembers a profile's API URL; written to a temporary file and renamed over the old one. */
export function saveProfileApiUrl(dataDir: string, profile: string, apiUrl: string): void {
  const file = join(dataDir, PROFILES_FILE);
  const data = read(file);
  data.profiles[profile] = { apiUrl };
  writeJsonFile(file, data);
}
