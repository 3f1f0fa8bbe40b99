// Where settings live: the interface the app service needs, and a plain-JSON implementation for Node (tests, e2e).
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_SETTINGS, settingsSchema, type Settings, type SettingsPatch } from '../../../shared/settings';
import { readJsonFile, writeJsonFile } from './json-file';

export interface SettingsStore {
  get(): Settings;
  /** Applies a validated patch and returns the whole new settings. */
  set(patch: SettingsPatch): Settings;
  /** Fields whose saved value failed validation when loaded and fell back to the default (start-up says so). */
  rejected(): ReadonlyArray<keyof Settings>;
}

export const SETTINGS_FILE = 'settings.json';

/** Fills gaps and drops values that no longer validate, field by field, so one bad value never resets the rest. */
export function sanitizeSettings(raw: unknown): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS };
  if (typeof raw !== 'object' || raw === null) return out;
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const field = settingsSchema.shape[key].safeParse(record[key]);
    if (field.success) (out as Record<string, unknown>)[key] = field.data;
  }
  return out;
}

/** Fields present in `raw` whose value no longer validates: sanitizeSettings replaced them with their defaults. */
export function rejectedFields(raw: unknown): Array<keyof Settings> {
  if (typeof raw !== 'object' || raw === null) return [];
  const record = raw as Record<string, unknown>;
  return (Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]).filter((key) => key in record && !settingsSchema.shape[key].safeParse(record[key]).success);
}

/** `overrides` (e.g. RAYDOCS_API_URL) apply to this run only: they are never written to the file. */
export function createJsonSettingsStore(userDataDir: string, overrides: Partial<Settings> = {}): SettingsStore {
  const file = join(userDataDir, SETTINGS_FILE);
  const raw = readJsonFile(file, z.record(z.string(), z.unknown()));
  const rejected = rejectedFields(raw);
  let saved = sanitizeSettings(raw);
  const current = (): Settings => ({ ...saved, ...overrides });
  return {
    get: current,
    rejected: () => rejected,
    set(patch) {
      saved = settingsSchema.parse({ ...saved, ...patch });
      writeJsonFile(file, saved);
      return current();
    },
  };
}

export function createMemorySettingsStore(initial: Partial<Settings> = {}): SettingsStore {
  let current = sanitizeSettings(initial);
  const rejected = rejectedFields(initial);
  return {
    get: () => ({ ...current }),
    rejected: () => rejected,
    set(patch) {
      current = settingsSchema.parse({ ...current, ...patch });
      return { ...current };
    },
  };
}
