// The API client for a command, built from the resolved URL and token.
import { RaydocsClient } from '../core/api/client';
import { resolveToken, type CliContext, type TokenSource } from './context';
import { CliError } from './errors';
import { EXIT } from './exit-codes';

export function createClient(ctx: CliContext, token: string): RaydocsClient {
  try {
    return new RaydocsClient({ baseUrl: ctx.apiUrl, token });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err), EXIT.usage);
  }
}

export async function signedInClient(ctx: CliContext): Promise<{ client: RaydocsClient; source: TokenSource }> {
  const { token, source } = await resolveToken(ctx);
  return { client: createClient(ctx, token), source };
}
