// The app update main reports (update:changed): Settings shows "Update ready"; main alone decides when it installs.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { UpdateView } from '../../../shared/ipc';
import { onBridgeEvent } from '../bridge';

export const useUpdateStore = defineStore('update', () => {
  const view = ref<UpdateView>({ status: 'none' });

  function listen(): () => void {
    return onBridgeEvent('update:changed', (v) => {
      view.value = v;
    });
  }

  return { view, listen };
});
