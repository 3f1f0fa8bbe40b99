// The electron-store adapter behind SettingsStore: sanitizes what it reads, validates what it writes, keeps overrides out of the file.
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const files = vi.hoisted(() => ({ settings: {} as Record<string, unknown>, options: [] as unknown[] }));
vi.mock('electron-store', () => ({
  default: class {
    constructor(options: unknown) {
      files.options.push(options);
    }
    get store() {
      return files.settings;
    }
    set store(v: Record<string, unknown>) {
      files.settings = v;
    }
  },
}));

const { createElectronSettingsStore } = await import('../../../electron/main/settings-store');

describe('electron-store settings', () => {
  it('reads defaults, keeps valid fields of a damaged file, and persists validated patches', () => {
    files.settings = { concurrency: 'many', notifications: false, unknown: 1 };
    const s = createElectronSettingsStore({ apiBaseUrl: 'http://127.0.0.1:8787' });
    // Owner-only on disk (electron-store's default is 0666 less the umask).
    expect(files.options).toEqual([{ name: 'settings', configFileMode: 0o600 }]);
    expect(s.rejected()).toEqual(['concurrency']);
    expect(s.get()).toEqual({ ...DEFAULT_SETTINGS, notifications: false, apiBaseUrl: 'http://127.0.0.1:8787' });
    expect(s.set({ concurrency: 8 })).toMatchObject({ concurrency: 8, apiBaseUrl: 'http://127.0.0.1:8787' });
    // The override (RAYDOCS_API_URL) is for this run: the file keeps the user's own value.
    expect(files.settings).toEqual({ ...DEFAULT_SETTINGS, notifications: false, concurrency: 8 });
    expect(() => s.set({ bandwidthLimitBps: -1 })).toThrow();
    expect(files.settings['bandwidthLimitBps']).toBe(0);
  });
});
