// What every command needs: the API URL, the keychain entry for it, and where the token comes from.
import { createKeytarStore, keychainAccountFor, KeychainUnavailableError, type SecretStore } from '../core/secret-store';
import { CliError } from './errors';
import { EXIT } from './exit-codes';
import type { CliIo } from './io';

export const DEFAULT_API_URL = 'https://api.raydocs.com';

export interface CliContext {
  io: CliIo;
  apiUrl: string;
  json: boolean;
  /** The keychain entry for this API origin. */
  secretStore: SecretStore;
}

export function resolveApiUrl(flag: string | null, env: NodeJS.ProcessEnv): string {
  const raw = flag ?? env.RAYDOCS_API_URL ?? DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`Not a valid API URL: "${raw}"`, EXIT.usage);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CliError(`The API URL must be http(s): "${raw}"`, EXIT.usage);
  return raw.replace(/\/+$/, '');
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
