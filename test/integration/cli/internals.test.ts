// The CLI's small decisions: data dir per platform, journal per API origin, the journal lock, rate-limit env, error → exit code.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rateLimitFromEnv } from '../../../electron/cli/api';
import { resolveApiUrl } from '../../../electron/cli/context';
import { cliDataDir, journalDirFor } from '../../../electron/cli/data-dir';
import { describeError } from '../../../electron/cli/describe-error';
import { CliError } from '../../../electron/cli/errors';
import { EXIT } from '../../../electron/cli/exit-codes';
import { lockJournal } from '../../../electron/cli/journal-lock';
import { ApiError, MALFORMED_TOKEN } from '../../../electron/core/api/api-error';
import { KeychainUnavailableError } from '../../../electron/core/secret-store';

describe('data dir and journal dir', () => {
  it('follows RAYDOCS_DATA_DIR, XDG and the platform conventions', () => {
    expect(cliDataDir({ RAYDOCS_DATA_DIR: '/d' }, 'linux', '/home/u')).toBe('/d');
    expect(cliDataDir({}, 'linux', '/home/u')).toBe('/home/u/.local/share/raydocs-uploader/cli');
    expect(cliDataDir({ XDG_DATA_HOME: '/x' }, 'linux', '/home/u')).toBe('/x/raydocs-uploader/cli');
    expect(cliDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/raydocs-uploader/cli');
  });

  it('keeps one journal per API origin', () => {
    const a = journalDirFor('/d', 'http://127.0.0.1:8787');
    const b = journalDirFor('/d', 'http://127.0.0.1:8788/');
    const prod = journalDirFor('/d', 'https://api.raydocs.com');
    expect(new Set([a, b, prod]).size).toBe(3);
    expect(prod).toBe('/d/journals/api.raydocs.com');
    expect(a).toBe('/d/journals/127.0.0.1_8787');
  });
});

describe('journal lock', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second push while the first is alive, and takes over a dead one’s lock', async () => {
    dir = await mkdtemp(join(tmpdir(), 'raydocs-lock-'));
    const lock = await lockJournal(dir);
    // Same process: a live owner.
    await writeFile(join(dir, 'cli.lock'), String(process.ppid));
    await expect(lockJournal(dir)).rejects.toThrow(/Another raydocs-upload push \(pid \d+\)/);
    await lock.release();

    // A process that has exited (like one killed with SIGKILL) leaves a stale lock behind.
    const child = spawn(process.execPath, ['-e', '']);
    const deadPid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    await writeFile(join(dir, 'cli.lock'), String(deadPid));
    const taken = await lockJournal(dir);
    expect(await readFile(join(dir, 'cli.lock'), 'utf8')).toBe(String(process.pid));
    await taken.release();
  });
});

describe('API URL', () => {
  it('follows the flag, then RAYDOCS_API_URL, then production, without a trailing slash', () => {
    expect(resolveApiUrl('http://127.0.0.1:8787/', {})).toBe('http://127.0.0.1:8787');
    expect(resolveApiUrl(null, { RAYDOCS_API_URL: 'https://api.example.com/' })).toBe('https://api.example.com');
    expect(resolveApiUrl(null, {})).toBe('https://api.raydocs.com');
  });

  it('refuses what the client would refuse (plain http off this machine, credentials, not a URL) as a usage error', () => {
    for (const bad of ['http://api.example.com', 'https://user:pw@api.example.com', 'not a url', 'ftp://api.example.com']) {
      let caught: unknown;
      try {
        resolveApiUrl(bad, {});
      } catch (err) {
        caught = err;
      }
      expect(caught, bad).toBeInstanceOf(CliError);
      expect((caught as CliError).exitCode, bad).toBe(EXIT.usage);
    }
  });
});

describe('RAYDOCS_RATE_LIMIT', () => {
  it('defaults to the documented 100/min and accepts COUNT/SECONDS or off', () => {
    expect(rateLimitFromEnv({})).toEqual({ count: 95, windowMs: 60_000 });
    expect(rateLimitFromEnv({ RAYDOCS_RATE_LIMIT: '600/60' })).toEqual({ count: 600, windowMs: 60_000 });
    expect(rateLimitFromEnv({ RAYDOCS_RATE_LIMIT: 'off' })).toBeNull();
    expect(() => rateLimitFromEnv({ RAYDOCS_RATE_LIMIT: 'fast' })).toThrow(/COUNT|100\/60/);
  });
});

describe('describeError', () => {
  const req = { method: 'GET', path: '/workspaces' };
  it.each([
    [new ApiError({ code: 'unauthorized', status: 401, request: req }), 3, /rejected \(401\)/],
    [new ApiError({ code: 'forbidden', status: 403, request: req }), 3, /workspaces-read.*403 on GET \/workspaces/],
    [new ApiError({ code: 'network', status: null, request: req }), 4, /Could not reach/],
    [new ApiError({ code: 'server', status: 503, request: req }), 4, /kept failing/],
    [new ApiError({ code: 'not-found', status: 404, request: { method: 'GET', path: '/extractions/sessions/x' } }), 1, /could not find.*404/],
    [new ApiError({ code: 'unauthorized', status: null, request: req, detail: MALFORMED_TOKEN }), 3, /malformed/],
    [new KeychainUnavailableError('get', 'no bus', 'install it.'), 5, /RAYDOCS_TOKEN/],
    [new CliError('x', 2), 2, /^x$/],
    [new Error('boom'), 1, /Unexpected error: boom/],
  ])('%s → exit %i', (err, code, message) => {
    const d = describeError(err, 'http://127.0.0.1:1');
    expect(d.exitCode).toBe(code);
    expect(d.message).toMatch(message);
  });
});
