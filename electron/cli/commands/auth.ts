// login / logout / whoami: the token's life in the keychain, validated against GET /workspaces.
import { ApiError } from '../../core/api/api-error';
import { KeychainUnavailableError } from '../../core/secret-store';
import { createClient, signedInClient } from '../api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatTable } from '../format';
import { promptHidden, readTokenFromStdin } from '../read-token';
import { writeJson } from '../json-output';
import { noKeychainSentence } from '../context';
import { saveProfileApiUrl } from '../profiles';

export async function login(ctx: CliContext, opts: { tokenStdin: boolean }): Promise<ExitCode> {
  const { io } = ctx;
  const token = opts.tokenStdin || !io.stdin.isTTY
    ? await readTokenFromStdin(io.stdin)
    : await promptHidden(io, `Paste a Raydocs Personal Access Token for ${ctx.apiUrl} (input hidden): `);

  const client = createClient(ctx, token);
  let workspaces;
  try {
    workspaces = await client.listWorkspaces();
  } catch (err) {
    if (err instanceof ApiError && err.code === 'unauthorized' && err.status !== null) {
      throw new CliError(`That token was rejected (401) by ${ctx.apiUrl}: it is invalid, expired or revoked. Nothing was stored.`, EXIT.auth);
    }
    if (err instanceof ApiError && err.code === 'forbidden') {
      throw new CliError('That token lacks the `workspaces-read` ability (403). Create a token with workspaces-read, templates-read, sessions-read and sessions-write. Nothing was stored.', EXIT.auth, 'forbidden');
    }
    throw err;
  }

  try {
    await ctx.secretStore.set(token);
  } catch (err) {
    if (err instanceof KeychainUnavailableError) {
      throw new CliError(`${noKeychainSentence(err)} The token was not stored. Or skip \`login\` and set RAYDOCS_TOKEN for each run.`, EXIT.environment);
    }
    throw err;
  }
  // A named profile remembers its server, so later commands with --profile need no --api-url.
  if (ctx.profile) saveProfileApiUrl(ctx.dataDir, ctx.profile, ctx.apiUrl);
  if (ctx.json) {
    writeJson(io.stdout, { apiUrl: ctx.apiUrl, profile: ctx.profile, stored: 'keychain', workspaces: workspaces.map((w) => ({ id: w.id, name: w.name })) });
  } else {
    io.stdout.write(`Signed in to ${ctx.apiUrl}: the token sees ${workspaces.length} workspace${workspaces.length === 1 ? '' : 's'}. Stored in the OS keychain.\n`);
  }
  if (io.env.RAYDOCS_TOKEN) io.stderr.write('Note: RAYDOCS_TOKEN is set and takes precedence over the keychain.\n');
  return EXIT.ok;
}

export async function logout(ctx: CliContext): Promise<ExitCode> {
  let removed: boolean;
  try {
    removed = await ctx.secretStore.delete();
  } catch (err) {
    if (err instanceof KeychainUnavailableError) throw new CliError(`${noKeychainSentence(err)} So no token can be stored here to remove; RAYDOCS_TOKEN, if set, lives only in the environment.`, EXIT.environment);
    throw err;
  }
  if (ctx.json) writeJson(ctx.io.stdout, { apiUrl: ctx.apiUrl, profile: ctx.profile, removed });
  else ctx.io.stdout.write(removed ? `Signed out of ${ctx.apiUrl}: the token was removed from the keychain.\n` : `No token was stored for ${ctx.apiUrl}.\n`);
  if (ctx.io.env.RAYDOCS_TOKEN) ctx.io.stderr.write('Note: RAYDOCS_TOKEN is still set in this environment.\n');
  return EXIT.ok;
}

export async function whoami(ctx: CliContext): Promise<ExitCode> {
  const { client, source } = await signedInClient(ctx);
  const workspaces = await client.listWorkspaces();
  if (ctx.json) {
    writeJson(ctx.io.stdout, { apiUrl: ctx.apiUrl, profile: ctx.profile, tokenSource: source, workspaces: workspaces.map((w) => ({ id: w.id, name: w.name })) });
    return EXIT.ok;
  }
  ctx.io.stdout.write(`API ${ctx.apiUrl} (token from ${source === 'keychain' ? 'the OS keychain' : 'RAYDOCS_TOKEN'})\n`);
  if (workspaces.length === 0) ctx.io.stdout.write('The token sees no workspaces.\n');
  else ctx.io.stdout.write(formatTable(workspaces.map((w) => [String(w.id), w.name]), ['WORKSPACE', 'NAME']));
  return EXIT.ok;
}
