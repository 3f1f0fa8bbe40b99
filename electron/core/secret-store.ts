// Where the API token lives: the OS keychain (keytar), shared by the desktop app and the CLI; never a file.

/**
 * Keychain entry naming (documented in docs/cli.md):
 * - service: `raydocs-uploader`
 * - account: `default` for the production API (https://api.raydocs.com), otherwise the API origin
 *   (e.g. `http://127.0.0.1:8787`), so a demo or emulator token never replaces the production one.
 */
export const KEYCHAIN_SERVICE = 'raydocs-uploader';
export const DEFAULT_ACCOUNT = 'default';
export const PRODUCTION_API_ORIGIN = 'https://api.raydocs.com';

export interface SecretStore {
  get(): Promise<string | null>;
  set(token: string): Promise<void>;
  delete(): Promise<boolean>;
}

export type KeychainOperation = 'load' | 'get' | 'set' | 'delete';

/** The OS keychain cannot be used. The message says what to install; the token was not stored anywhere. */
export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
  readonly operation: KeychainOperation;
  /** The underlying error's message (from keytar / libsecret), for logs. Never contains the token. */
  readonly reason: string;
  /** What to do about it, in words. */
  readonly hint: string;

  constructor(operation: KeychainOperation, reason: string, hint: string) {
    super(`No OS keychain available (${reason}). ${hint} The token was not saved anywhere.`);
    this.operation = operation;
    this.reason = reason;
    this.hint = hint;
  }
}

/** The keychain account for an API base URL (see the naming note above). */
export function keychainAccountFor(apiBaseUrl: string): string {
  let origin: string;
  try {
    origin = new URL(apiBaseUrl).origin;
  } catch {
    return apiBaseUrl;
  }
  return origin === PRODUCTION_API_ORIGIN ? DEFAULT_ACCOUNT : origin;
}

/**
 * The keychain account for a named CLI profile (docs/cli.md "Profiles"): `profile:<name>:` before the account above,
 * so each profile keeps its own token per server. The default profile (no name) is the account above, unchanged,
 * which is the one the desktop app uses.
 */
export function keychainAccountForProfile(profile: string | null, apiBaseUrl: string): string {
  const account = keychainAccountFor(apiBaseUrl);
  return profile === null ? account : `profile:${profile}:${account}`;
}

/** The part of keytar we use, so a test can hand in a fake. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export function installHint(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'Make sure the login Keychain exists and is unlocked (Keychain Access.app).';
    case 'win32':
      return 'Make sure Windows Credential Manager is available for this user.';
    default:
      return (
        'Install gnome-keyring and libsecret (Debian/Ubuntu: `apt-get install gnome-keyring libsecret-1-0 dbus-x11`), ' +
        'or run inside a desktop session where a Secret Service is running and unlocked.'
      );
  }
}

/** Why keytar failed, in the words a person needs; the raw message stays in `reason`. */
export function toKeychainError(operation: KeychainOperation, err: unknown, platform: NodeJS.Platform = process.platform): KeychainUnavailableError {
  const raw = err instanceof Error ? err.message : String(err);
  let reason = raw;
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Unable to autolaunch|Could not connect.*bus/i.test(raw)) {
    reason = `no D-Bus session to reach a Secret Service: ${raw}`;
  } else if (/org\.freedesktop\.secrets|not provided by any \.service/i.test(raw)) {
    reason = `no Secret Service (gnome-keyring / KWallet) on the D-Bus session: ${raw}`;
  } else if (/collection|locked|prompt/i.test(raw)) {
    reason = `the keyring is locked or has no default collection: ${raw}`;
  }
  return new KeychainUnavailableError(operation, reason, installHint(platform));
}

async function loadKeytar(): Promise<KeytarLike> {
  try {
    // Lazy: a machine without the native module still gets a clear error, and only when the keychain is used.
    const mod = (await import('keytar')) as unknown as KeytarLike & { default?: KeytarLike };
    return mod.default ?? mod;
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    throw new KeychainUnavailableError(
      'load',
      `the keytar native module could not be loaded: ${raw.split('\n')[0]}`,
      `${installHint()} Then reinstall, which builds keytar (it needs libsecret-1-dev, make and g++): \`npm ci\` in a checkout, \`npm install -g\` again for the CLI. The CLI also runs without a keychain when RAYDOCS_TOKEN is set.`,
    );
  }
}

export function createKeytarStore(opts: { service?: string; account?: string; keytar?: () => Promise<KeytarLike> } = {}): SecretStore {
  const service = opts.service ?? KEYCHAIN_SERVICE;
  const account = opts.account ?? DEFAULT_ACCOUNT;
  const load = opts.keytar ?? loadKeytar;
  let keytar: Promise<KeytarLike> | null = null;
  const lib = (): Promise<KeytarLike> => {
    keytar ??= load().catch((err: unknown) => {
      keytar = null;
      throw err instanceof KeychainUnavailableError ? err : toKeychainError('load', err);
    });
    return keytar;
  };
  async function run<T>(operation: KeychainOperation, fn: (k: KeytarLike) => Promise<T>): Promise<T> {
    const k = await lib();
    try {
      return await fn(k);
    } catch (err) {
      throw toKeychainError(operation, err);
    }
  }
  return {
    get: () => run('get', (k) => k.getPassword(service, account)),
    set: (token) => {
      if (token.trim() === '') return Promise.reject(new TypeError('Refusing to store an empty token'));
      return run('set', (k) => k.setPassword(service, account, token));
    },
    delete: () => run('delete', (k) => k.deletePassword(service, account)),
  };
}

/** For tests and for "keep the token in memory for this run only" when no keychain exists. */
export function createMemoryStore(initial: string | null = null): SecretStore {
  let token = initial;
  return {
    get: () => Promise.resolve(token),
    set: (t) => {
      if (t.trim() === '') return Promise.reject(new TypeError('Refusing to store an empty token'));
      token = t;
      return Promise.resolve();
    },
    delete: () => {
      const had = token !== null;
      token = null;
      return Promise.resolve(had);
    },
  };
}
