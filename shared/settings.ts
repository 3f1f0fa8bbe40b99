// User settings: the shape, defaults and the validator for partial updates from the renderer.
import { z } from 'zod';
import { BaseUrlError, normalizeBaseUrl } from './base-url';

/** The ranges the settings screen states in its messages and the schema enforces: one place for both. */
export const SETTING_LIMITS = {
  concurrency: { min: 1, max: 16 },
  bandwidthLimitBps: { min: 0, max: 10_000_000_000 },
} as const;

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const settingsSchema = z.object({
  concurrency: z.number().int().min(SETTING_LIMITS.concurrency.min).max(SETTING_LIMITS.concurrency.max),
  /** Upload bandwidth limit in bytes per second; 0 means unlimited. */
  bandwidthLimitBps: z.number().int().min(SETTING_LIMITS.bandwidthLimitBps.min).max(SETTING_LIMITS.bandwidthLimitBps.max),
  notifications: z.boolean(),
  /** Name documents after their files in Raydocs (one more API call per file; needs documents-write). */
  keepFileNames: z.boolean(),
  launchAtLogin: z.boolean(),
  /** The client's own rule (https, or http to this machine only; no credentials or query): a bad value never reaches it. */
  apiBaseUrl: z
    .string()
    .max(2048)
    .superRefine((value, ctx) => {
      try {
        normalizeBaseUrl(value);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: err instanceof BaseUrlError ? err.message : 'not a valid API address' });
      }
    }),
  /** The session new drops go to when the app starts. */
  defaultSessionId: z.guid().nullable(),
  /** Main sets Electron's nativeTheme.themeSource from it, which the page's prefers-color-scheme follows. */
  theme: z.enum(THEMES),
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
  theme: 'system',
};

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
