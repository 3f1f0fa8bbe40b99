// Who is signed in: the token (keychain, or memory only by choice), the workspaces it sees, and the auth channels.
import type { AuthStatus, KeychainState } from '../../../shared/ipc';
import type { Workspace } from '../../../shared/api';
import { ApiError, isApiError } from '../api/api-error';
import { describeApiError } from '../api/describe-api-error';
import { AppError } from '../desktop/app-error';
import { accountSwapPrompt, signOutPrompt, type ConfirmPrompt } from '../desktop/confirmations';
import type { IpcHandlers } from '../desktop/ipc-dispatch';
import type { Logger } from '../desktop/log-file';
import type { SecretStore } from '../secret-store';
import { createEmitter } from './emitter';
import type { Emit } from './event-hub';

export type AuthChannel = 'auth:status' | 'auth:sign-in' | 'auth:sign-out' | 'workspaces:list';

export interface AuthServiceDeps {
  secretStore: SecretStore;
  /** The demo signs in with the emulator's token, held in memory only. */
  demoToken: string | null;
  /** Shown on the sign-in screen when the API is not Raydocs' own. */
  apiHost: { apiHost?: string };
  /** A client for one given token (sign-in checks a candidate before it replaces anything). */
  listWorkspaces(token: string): Promise<Workspace[]>;
  ask(prompt: ConfirmPrompt | null, refusal: string): Promise<void>;
  emit: Emit;
  log: Logger['log'];
}

export interface AuthService {
  handlers: Pick<IpcHandlers, AuthChannel>;
  /** Reads the stored token once at start (a missing keychain is a state, not a crash). */
  load(): Promise<void>;
  token(): string | null;
  signedIn(): boolean;
  status(): AuthStatus;
  workspaces(): readonly Workspace[];
  /** Lists the workspaces again in the background; a revoked token signs out. */
  refreshSoon(): void;
  /** Throws a person-readable AppError when signed out. */
  requireSignedIn(): void;
  signOut(): Promise<AuthStatus>;
  /** Fires after every successful sign-in (the engine resumes work that waited for a token). */
  onSignedIn(listener: () => void): () => void;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isKeychainError(err: unknown): boolean {
  return err instanceof Error && err.name === 'KeychainUnavailableError';
}

export function createAuthService(deps: AuthServiceDeps): AuthService {
  const demo = deps.demoToken !== null;
  // The token lives in the keychain (or, by choice, only here); this copy avoids a keychain round trip per request.
  let token: string | null = deps.demoToken;
  // What the OS keychain is known to be, and whether this run keeps the token in memory instead.
  let osKeychain: Exclude<KeychainState, { kind: 'memory-only' }> = { kind: 'os' };
  let memoryOnly = demo;
  let workspaces: Workspace[] = [];
  const signedInEvent = createEmitter<void>((err) => deps.log('error', `sign-in listener failed: ${messageOf(err)}`));

  const keychainState = (): KeychainState => (memoryOnly ? { kind: 'memory-only' } : osKeychain);
  const status = (): AuthStatus =>
    token === null
      ? { state: 'signed-out', keychain: keychainState(), ...deps.apiHost }
      : { state: 'signed-in', workspaces, demo, keychain: keychainState(), ...deps.apiHost };
  const changed = (): AuthStatus => {
    const next = status();
    deps.emit('auth:changed', next);
    return next;
  };
  const keychainLost = (err: unknown): void => {
    osKeychain = { kind: 'unavailable', message: messageOf(err) };
  };

  async function refresh(): Promise<void> {
    const asked = token;
    if (asked === null) return;
    try {
      const found = await deps.listWorkspaces(asked);
      // A sign-out or another sign-in happened meanwhile: that answer is about a token no longer in use.
      if (token !== asked) return;
      workspaces = found;
      changed();
    } catch (err) {
      if (token !== asked) return;
      if (isApiError(err) && err.code === 'unauthorized' && err.status !== null) {
        // The stored token was revoked: the person has to sign in again; the queue waits in "signed out".
        deps.log('warn', 'stored token refused by the API');
        token = null;
        workspaces = [];
        changed();
      } else {
        deps.log('warn', `could not list workspaces: ${describeApiError(err)}`);
      }
    }
  }
  let refreshing: Promise<void> | null = null;
  const refreshSoon = (): void => {
    refreshing ??= refresh().finally(() => {
      refreshing = null;
    });
  };

  async function signIn(candidate: string, wantsMemory: boolean | undefined): Promise<AuthStatus> {
    let found: Workspace[];
    try {
      found = await deps.listWorkspaces(candidate);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'unauthorized') {
        throw new AppError('unauthorized', 'Raydocs refused this token. Check that it was copied whole and has not been revoked.');
      }
      throw err;
    }
    // The keychain entry is shared with the CLI: replacing a signed-in account is the person's decision, not the page's.
    if (token !== null) {
      await deps.ask(accountSwapPrompt(workspaces.map((w) => w.name), found.map((w) => w.name)), 'Sign-in cancelled: the account already signed in stays.');
    }
    if (wantsMemory || demo) {
      memoryOnly = true;
    } else {
      try {
        await deps.secretStore.set(candidate);
        osKeychain = { kind: 'os' };
        memoryOnly = false;
      } catch (err) {
        if (!isKeychainError(err)) throw err;
        keychainLost(err);
        changed();
        throw new AppError('keychain-unavailable', `${messageOf(err)} You can keep the token in memory for this run only.`);
      }
    }
    token = candidate;
    workspaces = found;
    deps.log('info', 'signed in', { workspaces: found.length, keychain: keychainState().kind });
    signedInEvent.fire();
    return changed();
  }

  async function signOut(): Promise<AuthStatus> {
    if (token !== null) await deps.ask(signOutPrompt(workspaces.map((w) => w.name)), 'Sign-out cancelled: you are still signed in.');
    token = null;
    workspaces = [];
    if (!memoryOnly && osKeychain.kind === 'os') {
      try {
        await deps.secretStore.delete();
      } catch (err) {
        if (!isKeychainError(err)) throw err;
        keychainLost(err);
      }
    }
    // Memory-only was for the signed-in run; the next sign-in tries the keychain again (except in the demo).
    if (!demo) memoryOnly = false;
    deps.log('info', 'signed out');
    return changed();
  }

  const requireSignedIn = (): void => {
    if (token === null) throw new AppError('unauthorized', 'You are signed out. Sign in with a Raydocs Personal Access Token.');
  };

  return {
    handlers: {
      'auth:status': async () => {
        // Started offline: try again in the background; auth:changed brings the names when they arrive.
        if (token !== null && workspaces.length === 0) refreshSoon();
        return status();
      },
      'auth:sign-in': async ({ token: candidate, memoryOnly: wantsMemory }) => signIn(candidate, wantsMemory),
      'auth:sign-out': async () => signOut(),
      'workspaces:list': async () => {
        requireSignedIn();
        workspaces = await deps.listWorkspaces(token as string);
        return workspaces;
      },
    },
    async load() {
      if (demo) return;
      try {
        token = await deps.secretStore.get();
      } catch (err) {
        if (!isKeychainError(err)) throw err;
        keychainLost(err);
        deps.log('warn', 'keychain unavailable at start', { reason: messageOf(err) });
      }
    },
    token: () => token,
    signedIn: () => token !== null,
    status,
    workspaces: () => workspaces,
    refreshSoon,
    requireSignedIn,
    signOut,
    onSignedIn: (listener) => signedInEvent.event(listener),
  };
}
