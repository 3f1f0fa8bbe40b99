// Sign-in state as main reports it (never the token itself), and the sign-in / sign-out actions.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AuthStatus } from '../../../shared/ipc';
import { call, onBridgeEvent } from '../bridge';
import { signedInMessage, signInErrorMessage } from '../composables/auth-messages';
import { ONBOARDING_WORDS } from '../composables/onboarding-words';

export const useAuthStore = defineStore('auth', () => {
  const status = ref<AuthStatus | null>(null);
  const busy = ref(false);
  const error = ref<string | null>(null);
  const success = ref<string | null>(null);

  const signedIn = computed(() => status.value?.state === 'signed-in');
  const workspaces = computed(() => (status.value?.state === 'signed-in' ? status.value.workspaces : []));
  const demo = computed(() => status.value?.state === 'signed-in' && status.value.demo);
  const keychain = computed(() => status.value?.keychain ?? { kind: 'os' as const });
  /** The API's host when it is not Raydocs' own (main decides; the sign-in screen names it). */
  const apiHost = computed(() => status.value?.apiHost ?? null);

  async function load(): Promise<void> {
    status.value = await call('auth:status', undefined);
  }

  async function signIn(token: string, opts: { memoryOnly?: boolean; apiBaseUrl?: string | null } = {}): Promise<boolean> {
    busy.value = true;
    error.value = null;
    success.value = null;
    try {
      const next = await call('auth:sign-in', { token: token.trim(), memoryOnly: opts.memoryOnly ?? false });
      status.value = next;
      if (next.state === 'signed-in') {
        success.value = signedInMessage(next.workspaces);
        return true;
      }
      error.value = next.keychain.kind === 'unavailable' ? next.keychain.message : ONBOARDING_WORDS.signInIncomplete;
      return false;
    } catch (err) {
      error.value = signInErrorMessage(err, opts.apiBaseUrl ?? null);
      return false;
    } finally {
      busy.value = false;
    }
  }

  async function signOut(): Promise<void> {
    status.value = await call('auth:sign-out', undefined);
    success.value = null;
  }

  function listen(): () => void {
    return onBridgeEvent('auth:changed', (s) => {
      status.value = s;
    });
  }

  return { status, busy, error, success, signedIn, workspaces, demo, keychain, apiHost, load, signIn, signOut, listen };
});
