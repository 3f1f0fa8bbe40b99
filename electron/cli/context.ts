// What every command needs: the API URL, the keychain entry for it, and where the token comes from.
import { BaseUrlError, DEFAULT_BASE_URL, normalizeBaseUrl } from '../core/api/base-url';
import { createKeytarStore, keychainAccountFor, KeychainUnavailableError, type SecretStore } from '../core/secret-store';
import { CliError } from './errors';
import { EXIT } from './exit-codes';
import type { CliIo } from './io';

export interface CliContext {
  io: CliIo;
  apiUrl: string;
  json: boolean;
  /** The keychain entry for this API origin. */
  secretStore: SecretStore;
}

/** The client's own rule (https, or http only to loopback), checked up front so a bad address is a usage error. */
export function resolveApiUrl(flag: string | null, env: NodeJS.ProcessEnv): string {
  try {
    return normalizeBaseUrl(flag ?? env.RAYDOCS_API_URL ?? DEFAULT_BASE_URL);
  } catch (err) {
    if (err instanceof BaseUrlError) throw new CliError(err.message, EXIT.usage);
    throw err;
  }
}

export function createContext(io: CliIo, apiUrlFlag: string | null, json: boolean, store?: SecretStore): CliContext {
  const apiUrl = resolveApiUrl(apiUrlFlag, io.env);
  return { io, apiUrl, json, secretStore: store ?? createKeytarStore({ account: keychainAccountFor(apiUrl) }) };
}

export type TokenSource = 'RAYDOCS_TOKEN' | 'keychain';

/** RAYDOCS_TOKEN wins over the keychain (CI); without either the user is told how to sign in. */
export async function resolveToken(ctx: CliContext): Promise<{ token: string; source: TokenSource }> {
  const fromEnv = ctx.io.env.RAYDOCS_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, source: 'RAYDOCS_TOKEN' };
  let stored: string | null;
  try {
    stored = await ctx.secretStore.get();
  } catch (err) {
    if (err instanceof KeychainUnavailableError) {
      throw new CliError(`${err.message} Or set RAYDOCS_TOKEN to use a token without the keychain.`, EXIT.environment);
    }
    throw err;
  }
  if (!stored) {
    throw new CliError(`Not signed in to ${ctx.apiUrl}. Run \`raydocs-upload login\` (or set RAYDOCS_TOKEN).`, EXIT.auth);
  }
  return { token: stored, source: 'keychain' };
}
