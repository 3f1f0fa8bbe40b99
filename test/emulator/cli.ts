// `npm run emulator`: starts the emulator and prints two eval-able lines (URL, token); with --log, requests log to stderr.
import { parseArgs } from 'node:util';
import { startEmulator } from './index';
import { parseVariants, VARIANTS, type Variant } from './variants';
import type { RateLimitConfig } from './types';

const USAGE = `usage: npm run emulator -- [--port N] [--data-dir DIR] [--seed N] [--url-expiry SECONDS]
                        [--rate-limit COUNT/SECONDS | --rate-limit off] [--step-ms MS] [--fail-rate 0..1]
                        [--auto-parse] [--variant NAME[,NAME…]] [--demo] [--log]
  --log         one line per request on stderr (method, path, status; never a header or a query string)
  --auto-parse  start parsing every new document on its own (default: upload is storage-only, parsing
                starts with a reparse or an extraction run)
  --variant     play other readings of the docs (test/emulator/README.md "Variants"): ${VARIANTS.join(', ')}`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function int(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

function rateLimit(raw: string | undefined): RateLimitConfig | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'off' || raw === '0') return null;
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(raw);
  if (!m) fail(`--rate-limit must look like 100/60 (requests/seconds) or "off", got "${raw}"`);
  return { count: Number(m[1]), windowMs: Math.round(Number(m[2]) * 1000) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      seed: { type: 'string' },
      'url-expiry': { type: 'string' },
      'rate-limit': { type: 'string' },
      'step-ms': { type: 'string' },
      'fail-rate': { type: 'string' },
      'auto-parse': { type: 'boolean' },
      variant: { type: 'string', multiple: true },
      demo: { type: 'boolean' },
      log: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const failRate = values['fail-rate'] === undefined ? undefined : Number(values['fail-rate']);
  if (failRate !== undefined && !(failRate >= 0 && failRate <= 1)) fail('--fail-rate must be between 0 and 1');
  let variants: Variant[] = [];
  try {
    variants = parseVariants((values.variant ?? []).join(','));
  } catch (err) {
    fail(`--variant: ${err instanceof Error ? err.message : String(err)}`);
  }
  const emu = await startEmulator({
    variants,
    port: int('port', values.port, 0),
    dataDir: values['data-dir'],
    seed: int('seed', values.seed, 0),
    urlExpirySeconds: int('url-expiry', values['url-expiry'], 1),
    rateLimit: rateLimit(values['rate-limit']),
    parsing: { stepMs: int('step-ms', values['step-ms'], 0), failRate, autoParse: values['auto-parse'] ?? false },
    demoSeed: values.demo ?? false,
    // Quiet by default, so a CLI run in the same terminal is not flooded. Paths only: never the query string
    // (presigned signatures) nor any header (the token).
    ...(values.log ? { onRequest: (r: { at: number; method: string; path: string; status: number }) => process.stderr.write(`${new Date(r.at).toISOString()} ${r.method} ${r.path} ${r.status || 'dropped'}\n`) } : {}),
  });
  process.stdout.write(`RAYDOCS_API_URL=${emu.url}\nRAYDOCS_TOKEN=${emu.token}\n`);
  const names = emu.seed.workspaces.map((w) => `${w.id} ${w.name} (${w.templates.length} templates, ${w.sessions.length} sessions)`);
  const mode = values['auto-parse'] ? 'auto-parse (documents parse on upload)' : 'storage-only (parsing on reparse or run)';
  const playing = variants.length ? `; variants: ${variants.join(', ')}` : '';
  process.stderr.write(`[emulator] listening on ${emu.url}; ${mode}${playing}; workspaces: ${names.join('; ')}\n`);
  process.stderr.write(`[emulator] stop it with Ctrl-C, or \`kill ${process.pid}\` when it runs in the background${values.log ? '' : '; --log prints each request'}\n`);
  const stop = (): void => {
    void emu.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
