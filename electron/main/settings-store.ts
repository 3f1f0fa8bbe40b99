// Settings in the user-data folder through electron-store (atomic writes, one JSON file), behind core's SettingsStore interface.
import Store from 'electron-store';
import { settingsSchema, type Settings } from '../../shared/settings';
import { rejectedFields, sanitizeSettings, type SettingsStore } from '../core/desktop/settings-store';

export function createElectronSettingsStore(overrides: Partial<Settings> = {}): SettingsStore {
  // Owner-only: the file names the API server and the default session.
  const store = new Store<Record<string, unknown>>({ name: 'settings', configFileMode: 0o600 });
  // A hand-edited or older file never breaks start-up: invalid fields fall back to their defaults.
  const rejected = rejectedFields(store.store);
  let saved = sanitizeSettings(store.store);
  const current = (): Settings => ({ ...saved, ...overrides });
  return {
    get: current,
    rejected: () => rejected,
    set(patch) {
      saved = settingsSchema.parse({ ...saved, ...patch });
      store.store = { ...saved };
      return current();
    },
  };
}
