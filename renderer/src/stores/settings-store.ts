// The user's settings as main holds them; every change goes through settings:set and comes back validated.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import { call, errorText, onBridgeEvent } from '../bridge';

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null);
  const error = ref<string | null>(null);
  const saving = ref(false);

  async function load(): Promise<void> {
    settings.value = await call('settings:get', undefined);
  }

  async function update(patch: SettingsPatch): Promise<boolean> {
    saving.value = true;
    error.value = null;
    try {
      settings.value = await call('settings:set', patch);
      return true;
    } catch (err) {
      error.value = errorText(err);
      return false;
    } finally {
      saving.value = false;
    }
  }

  function listen(): () => void {
    return onBridgeEvent('settings:changed', (s) => {
      settings.value = s;
    });
  }

  return { settings, error, saving, load, update, listen };
});
