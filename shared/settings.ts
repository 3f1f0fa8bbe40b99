// User settings: the shape, defaults and the validator for partial updates from the renderer.
import { z } from 'zod';

export const settingsSchema = z.object({
  concurrency: z.number().int().min(1).max(16),
  /** Upload bandwidth limit in bytes per second; 0 means unlimited. */
  bandwidthLimitBps: z.number().int().min(0).max(10_000_000_000),
  notifications: z.boolean(),
  /** Name documents after their files in Raydocs (one more API call per file; needs documents-write). */
  keepFileNames: z.boolean(),
  launchAtLogin: z.boolean(),
  apiBaseUrl: z.string().url().max(2048),
  /** The session new drops go to when the app starts. */
  defaultSessionId: z.guid().nullable(),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  concurrency: 4,
  bandwidthLimitBps: 0,
  notifications: true,
  keepFileNames: true,
  launchAtLogin: false,
  apiBaseUrl: 'https://api.raydocs.com',
  defaultSessionId: null,
};

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
