// What every command needs: the API URL, the profile, the keychain entry for both, where the journal lives, and the token.
import { BaseUrlError, DEFAULT_BASE_URL, normalizeBaseUrl } from '../core/api/base-url';
import { createKeytarStore, keychainAccountForProfile, KeychainUnavailableError, type KeytarLike, type SecretStore } from '../core/secret-store';
import type { Verbosity } from './args';
import { cliDataDir, journalDirFor } from './data-dir';
import { CliError } from './errors';
import { EXIT } from './exit-codes';
import type { CliIo } from './io';
import { profileApiUrl, profileName } from './profiles';

export interface CliContext {
  io: CliIo;
  apiUrl: string;
  /** Machine output on stdout (--json or --json-lines): no tables, no progress. */
  json: boolean;
  /** --json-lines: events, one a line, instead of one report (push, resume). */
  jsonLines: boolean;
  verbosity: Verbosity;
  /** The named profile, or null for the default one. */
  profile: string | null;
  /** The CLI's per-user data dir (journals, per-file memory, profiles, recent sessions). */
  dataDir: string;
  /** This API's (and profile's) journal. */
  journalDir: string;
  /** The keychain entry for this API origin and profile. */
  secretStore: SecretStore;
}

/**
 * An address as typed, with any credentials, query or fragment cut out: it is echoed in an error message. Everything
 * up to the last "@" goes, since an address that does not parse may hold a password with "/", "?" or "#" in it.
 */
export function redactUrl(input: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(input)?.[0] ?? '';
  const rest = input.slice(scheme.length);
  return scheme + rest.slice(rest.lastIndexOf('@') + 1).replace(/[?#].*$/s, '');
}

/** The client's own rule (https, or http only to loopback), checked up front so a bad address is a usage error. */
export function resolveApiUrl(flag: string | null, env: NodeJS.ProcessEnv, profileUrl: string | null = null): string {
  const raw = flag ?? env.RAYDOCS_API_URL ?? profileUrl ?? DEFAULT_BASE_URL;
  try {
    return normalizeBaseUrl(raw);
  } catch (err) {
    if (err instanceof BaseUrlError) {
      const message = err.message.split(raw).join(redactUrl(raw));
      throw new CliError(message, EXIT.usage);
    }
    throw err;
  }
}

export interface ContextOptions {
  apiUrl: string | null;
  profile: string | null;
  json: boolean;
  jsonLines: boolean;
  verbosity: Verbosity;
}

/** Test seams: a fake keychain in place of keytar. */
export interface ContextDeps {
  keytar?: () => Promise<KeytarLike>;
  secretStore?: SecretStore;
}

export function createContext(io: CliIo, opts: ContextOptions, deps: ContextDeps = {}): CliContext {
  const profile = profileName(opts.profile, io.env);
  const dataDir = cliDataDir(io.env, io.platform, io.homedir);
  const apiUrl = resolveApiUrl(opts.apiUrl, io.env, profile ? profileApiUrl(dataDir, profile) : null);
  const account = keychainAccountForProfile(profile, apiUrl);
  return {
    io,
    apiUrl,
    json: opts.json || opts.jsonLines,
    jsonLines: opts.jsonLines,
    verbosity: opts.verbosity,
    profile,
    dataDir,
    journalDir: journalDirFor(dataDir, apiUrl, profile),
    secretStore: deps.secretStore ?? createKeytarStore({ account, ...(deps.keytar ? { keytar: deps.keytar } : {}) }),
  };
}

export type TokenSource = 'RAYDOCS_TOKEN' | 'keychain';

/** The words for a keychain that cannot be used, without "not saved anywhere" (nothing was being saved). */
export function noKeychainSentence(err: KeychainUnavailableError): string {
  return `There is no OS keychain to use here (${err.reason}). ${err.hint}`;
}

/** RAYDOCS_TOKEN wins over the keychain (CI); without either the user is told how to sign in. */
export async function resolveToken(ctx: CliContext): Promise<{ token: string; source: TokenSource }> {
  const fromEnv = ctx.io.env.RAYDOCS_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, source: 'RAYDOCS_TOKEN' };
  let stored: string | null;
  try {
    stored = await ctx.secretStore.get();
  } catch (err) {
    if (err instanceof KeychainUnavailableError) {
      throw new CliError(`${noKeychainSentence(err)} Or set RAYDOCS_TOKEN to use a token without the keychain.`, EXIT.environment);
    }
    throw err;
  }
  if (!stored) {
    const which = ctx.profile ? ` (profile ${ctx.profile})` : '';
    const login = ctx.profile ? `raydocs-upload login --profile ${ctx.profile}` : 'raydocs-upload login';
    throw new CliError(`Not signed in to ${ctx.apiUrl}${which}. Run \`${login}\` (or set RAYDOCS_TOKEN).`, EXIT.auth);
  }
  return { token: stored, source: 'keychain' };
}
