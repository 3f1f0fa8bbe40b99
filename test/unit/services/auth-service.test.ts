// The auth service alone (fake API and keychain): sign-in checks the token first, the keychain's absence is a state, and
// replacing or removing an account is the person's answer, never the page's.
import { describe, expect, it, vi } from 'vitest';
import type { Workspace } from '../../../shared/api';
import { ApiError } from '../../../electron/core/api/api-error';
import { AppError } from '../../../electron/core/desktop/app-error';
import type { ConfirmPrompt } from '../../../electron/core/desktop/confirmations';
import { createMemoryStore, KeychainUnavailableError, type SecretStore } from '../../../electron/core/secret-store';
import { createAuthService, type AuthServiceDeps } from '../../../electron/core/services/auth-service';

const acme: Workspace[] = [{ id: 1, name: 'Acme Finance' } as Workspace];
const globex: Workspace[] = [{ id: 2, name: 'Globex' } as Workspace];
const refused = () => new ApiError({ code: 'unauthorized', status: 401, request: { method: 'GET', path: '/workspaces' } });
const noKeychain = () => new KeychainUnavailableError('set', 'Cannot autolaunch D-Bus without X11 $DISPLAY', 'Install gnome-keyring.');

function setup(over: Partial<AuthServiceDeps> = {}, answer = true) {
  const tokens: Record<string, Workspace[]> = { good: acme, other: globex };
  const events: unknown[] = [];
  const prompts: ConfirmPrompt[] = [];
  const secretStore = over.secretStore ?? createMemoryStore();
  const auth = createAuthService({
    secretStore,
    demoToken: null,
    apiHost: {},
    listWorkspaces: async (t) => {
      const found = tokens[t];
      if (!found) throw refused();
      return found;
    },
    async ask(prompt, refusal) {
      if (!prompt) return;
      prompts.push(prompt);
      if (!answer) throw new AppError('cancelled', refusal);
    },
    emit: (event, payload) => void events.push([event, payload]),
    log: () => undefined,
    ...over,
  });
  return { auth, events, prompts, secretStore, tokens };
}

describe('auth service', () => {
  it('signs in with a token Raydocs accepts: stored in the keychain, workspaces known, listeners told', async () => {
    const { auth, secretStore, events } = setup();
    const signedIn = vi.fn();
    auth.onSignedIn(signedIn);
    const status = await auth.handlers['auth:sign-in']({ token: 'good' });
    expect(status).toMatchObject({ state: 'signed-in', workspaces: acme, keychain: { kind: 'os' } });
    expect(await secretStore.get()).toBe('good');
    expect(auth.token()).toBe('good');
    expect(signedIn).toHaveBeenCalledTimes(1);
    expect(events).toContainEqual(['auth:changed', status]);
  });

  it('a refused token changes nothing and says so in words', async () => {
    const { auth, secretStore } = setup();
    const err = await auth.handlers['auth:sign-in']({ token: 'typo' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('unauthorized');
    expect((err as AppError).message).toMatch(/refused this token/);
    expect(await secretStore.get()).toBeNull();
    expect(auth.signedIn()).toBe(false);
  });

  it('without a keychain the token is not kept, the state says why, and memory-only is offered', async () => {
    const broken: SecretStore = { get: async () => null, set: async () => Promise.reject(noKeychain()), delete: async () => false };
    const { auth } = setup({ secretStore: broken });
    const err = (await auth.handlers['auth:sign-in']({ token: 'good' }).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('keychain-unavailable');
    expect(err.message).toMatch(/in memory for this run only/);
    expect(auth.signedIn()).toBe(false);
    expect(auth.status()).toMatchObject({ state: 'signed-out', keychain: { kind: 'unavailable' } });
    expect(await auth.handlers['auth:sign-in']({ token: 'good', memoryOnly: true })).toMatchObject({ state: 'signed-in', keychain: { kind: 'memory-only' } });
  });

  it('replacing a signed-in account asks first; a No keeps the first account', async () => {
    const { auth, prompts } = setup({}, false);
    await auth.handlers['auth:sign-in']({ token: 'good' });
    await expect(auth.handlers['auth:sign-in']({ token: 'other' })).rejects.toMatchObject({ code: 'cancelled' });
    expect(prompts).toHaveLength(1);
    expect(`${prompts[0]!.message} ${prompts[0]!.detail}`).toContain('Globex');
    expect(auth.token()).toBe('good');
  });

  it('sign-out asks, then forgets the token in memory and in the keychain', async () => {
    const { auth, prompts, secretStore } = setup();
    await auth.handlers['auth:sign-in']({ token: 'good' });
    expect(await auth.signOut()).toMatchObject({ state: 'signed-out' });
    expect(prompts).toHaveLength(1);
    expect(await secretStore.get()).toBeNull();
    expect(() => auth.requireSignedIn()).toThrow(/signed out/);
  });

  it('a stored token the API has revoked signs out at the next refresh; a network error keeps it', async () => {
    const store = createMemoryStore('good');
    const { auth, tokens, events } = setup({ secretStore: store });
    await auth.load();
    expect(auth.signedIn()).toBe(true);
    auth.refreshSoon();
    await vi.waitFor(() => expect(auth.workspaces()).toEqual(acme));
    delete tokens['good'];
    auth.refreshSoon();
    await vi.waitFor(() => expect(auth.signedIn()).toBe(false));
    expect(events.at(-1)).toEqual(['auth:changed', expect.objectContaining({ state: 'signed-out' })]);
  });

  it('the demo token is used in memory and never written to the keychain', async () => {
    const store = createMemoryStore();
    const { auth } = setup({ secretStore: store, demoToken: 'good' });
    await auth.load();
    expect(auth.status()).toMatchObject({ state: 'signed-in', demo: true, keychain: { kind: 'memory-only' } });
    expect(await store.get()).toBeNull();
  });
});
