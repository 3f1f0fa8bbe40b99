// The Raydocs emulator: a real HTTP server (API + presigned S3 under one origin) following docs/raydocs-api.md.
import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleAdmin, type AdminControls } from './admin';
import { authenticate, requireAbility, type Ctx, type Env, type Reply } from './context';
import { Faults } from './faults';
import { dropConnection, HttpError, readJson, sendHttpError, sendJson, sendS3Error, sleep } from './http-util';
import { createRng } from './prng';
import { RateLimiter } from './rate-limit';
import { loadWorld, saveWorld } from './persist';
import { matchRoute, type Route } from './router';
import { catalogRoutes } from './routes-catalog';
import { documentRoutes } from './routes-documents';
import { exportRoutes } from './routes-exports';
import { handleS3 } from './s3';
import { seedWorld } from './seed';
import { S3Signer } from './signer';
import { tokenKey, World } from './state';
import { reshape } from './variant-shapes';
import { ALL_ABILITIES, type EmulatorOptions, type FaultConfig, type Inspection, type RequestRecord, type RunningEmulator } from './types';
import { withParseReadings } from './variant-parsing';
import { checkCompatible, defaultVariants } from './variants';

export type * from './types';
export { ALL_ABILITIES } from './types';
export { VARIANTS, allCompatible, defaultVariants, type Variant } from './variants';

const ROUTES: Route[] = withParseReadings([...catalogRoutes, ...documentRoutes, ...exportRoutes]);
const MAX_REQUEST_LOG = 20_000;
const BUCKET = 'raydocs-bucket';

/**
 * The reading of the docs a test run plays when a test does not choose: storage-only unless
 * RAYDOCS_EMULATOR_AUTO_PARSE=1, which `npm run test:auto-parse` sets to run the suites against the other reading.
 */
export function defaultAutoParse(): boolean {
  return process.env.RAYDOCS_EMULATOR_AUTO_PARSE === '1';
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = opts.seed ?? 1;
  const ownsDataDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'raydocs-emulator-')));
  await mkdir(dataDir, { recursive: true });

  const world = new World(createRng(seed), createRng(seed + 1), {
    stepMs: opts.parsing?.stepMs ?? 1500,
    failRate: opts.parsing?.failRate ?? 0,
    failNames: [...(opts.parsing?.failNames ?? [])],
    autoParse: opts.parsing?.autoParse ?? defaultAutoParse(),
  });
  const faults = new Faults(createRng(seed + 2));
  const limiter = new RateLimiter(opts.rateLimit === undefined ? { count: 100, windowMs: 60_000 } : opts.rateLimit);
  const requests: RequestRecord[] = [];
  const sockets = new Set<Socket>();
  // An explicit data dir keeps the world across restarts (state.json, written on close); a temp dir never does.
  const summary = (!ownsDataDir && (await loadWorld(world, seed, dataDir))) || seedWorld(world, opts.demoSeed ?? false, Date.now());

  const createToken = (o: { abilities?: string[]; workspaceIds?: number[] } = {}): string => {
    const value = `rd_test_${randomBytes(20).toString('hex')}`;
    world.tokens.set(tokenKey(value), { abilities: new Set(o.abilities ?? ALL_ABILITIES), workspaceIds: o.workspaceIds ?? null, revoked: false });
    return value;
  };
  const token = createToken();

  const env: Env = {
    world,
    signer: new S3Signer(randomBytes(20).toString('hex')),
    dataDir,
    bucket: BUCKET,
    origin: new URL('http://127.0.0.1'),
    urlExpirySeconds: opts.urlExpirySeconds ?? 300,
    tmpKeyLifetimeSeconds: opts.tmpKeyLifetimeSeconds ?? 86_400,
    variants: new Set(opts.variants ?? defaultVariants()),
  };

  const record = (method: string, path: string, status: number): void => {
    const r = { method, path, status, at: Date.now() };
    requests.push(r);
    if (requests.length > MAX_REQUEST_LOG) requests.splice(0, requests.length - MAX_REQUEST_LOG);
    opts.onRequest?.(r);
  };

  const inspect = (): Inspection => {
    world.advance(Date.now());
    return {
      attachments: [...world.attachStats.values()].map((a) => ({ ...a })),
      requests: requests.map((r) => ({ ...r })),
      uploads: world.uploads,
      documents: [...world.documents.values()].map((d) => ({ id: d.id, workspaceId: d.workspaceId, sha256: d.sha256, filename: d.filename, mime: d.mime })),
    };
  };

  const outage = (seconds: number, except?: Socket): void => {
    faults.startOutage(seconds, Date.now());
    for (const s of sockets) if (s !== except) s.destroy();
  };

  const controls: AdminControls = {
    createToken,
    revokeToken: (t) => {
      const rec = world.tokens.get(tokenKey(t));
      if (rec) rec.revoked = true;
    },
    setFaults: (f) => {
      world.advance(Date.now());
      faults.set(f);
      world.runFailRate = faults.runFailRate();
    },
    getFaults: () => faults.get(),
    setParsing: (p) => {
      world.advance(Date.now());
      if (p.stepMs !== undefined) world.parsing.stepMs = p.stepMs;
      if (p.failRate !== undefined) world.parsing.failRate = p.failRate;
      if (p.failNames !== undefined) world.parsing.failNames = [...p.failNames];
      if (p.autoParse !== undefined) world.parsing.autoParse = p.autoParse;
    },
    setUrlExpiry: (s) => {
      env.urlExpirySeconds = s;
    },
    setRateLimit: (r) => limiter.set(r),
    setVariants: (list) => {
      checkCompatible(list);
      env.variants = new Set(list);
    },
    getVariants: () => [...env.variants],
    outage,
    inspect,
    seed: summary,
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', env.origin);
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path.startsWith('/__admin/')) return handleAdmin(controls, req, res, path);
    if (faults.inOutage(Date.now())) {
      record(method, path, 0);
      dropConnection(req);
      return;
    }
    res.on('close', () => record(method, path, res.writableFinished ? res.statusCode : 0));

    const isS3 = path.startsWith('/s3/');
    // Mid-body resets are a fault of big bodies only: S3 PUTs and export downloads (API JSON is a few bytes).
    const f = faults.decide(path, (isS3 && method === 'PUT') || /\/export(\/|$)/.test(path));
    if (f.latencyMs > 0) await sleep(f.latencyMs);
    if (f.stallMs > 0) await sleep(f.stallMs);
    if (res.destroyed) return;
    if (faults.inOutage(Date.now())) {
      dropConnection(req);
      return;
    }

    if (isS3) {
      if (f.burst429) return sendS3Error(res, 503, 'SlowDown', 'Please reduce your request rate.');
      if (f.errorStatus !== null) return sendS3Error(res, f.errorStatus, f.errorStatus === 503 ? 'ServiceUnavailable' : 'InternalError', 'We encountered an internal error. Please try again.');
      return handleS3(env, req, res, url, f.resetAfterBytes === null ? null : { afterBytes: f.resetAfterBytes }, f.dropResponse);
    }

    let rateHeaders: Record<string, string> = {};
    try {
      const bare = env.variants.has('no-retry-after');
      const verdict = limiter.hit(req.socket.remoteAddress ?? '?', Date.now(), bare);
      rateHeaders = verdict.headers;
      if (!verdict.ok) throw new HttpError(429, 'Too Many Attempts.', undefined, verdict.headers);
      if (f.burst429) throw new HttpError(429, 'Too Many Attempts.', undefined, bare ? {} : { 'Retry-After': '1' });
      if (f.errorStatus !== null) return sendInjectedError(res, f.errorStatus, rateHeaders);

      const match = matchRoute(ROUTES, method, path);
      if (match === null) throw new HttpError(404, `The route ${path.slice(1)} could not be found.`);
      if (match === 'methodNotAllowed') throw new HttpError(405, `The ${method} method is not supported for route ${path.slice(1)}.`);
      const tokenRec = authenticate(world, req);
      requireAbility(tokenRec, match.route.ability);
      // Like Laravel, a body is only read as JSON when it says so; otherwise validation sees no fields (422).
      const isJson = /^application\/(.+\+)?json\b/i.test(String(req.headers['content-type'] ?? ''));
      const body = method === 'GET' || method === 'HEAD' || !isJson ? {} : await readJson(req);
      const now = Date.now();
      world.advance(now);
      const ctx: Ctx = { req, res, url, params: match.params, now, env, token: tokenRec, body };
      const reply = await match.route.handle(ctx);
      if (f.dropResponse) return dropConnection(req); // the work is done; the answer is lost on the way back
      if (reply.file) return sendFile(res, reply.status, reply.file, rateHeaders, f.resetAfterBytes);
      sendJson(res, reply.status, reshape(ctx, reply.body), rateHeaders);
    } catch (e) {
      if (e instanceof HttpError) return sendHttpError(res, Object.assign(e, { headers: { ...rateHeaders, ...e.headers } }));
      process.stderr.write(`[emulator] ${method} ${path} failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      sendJson(res, 500, { message: 'Server Error' }, rateHeaders);
    }
  };

  const run = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((e: unknown) => {
      process.stderr.write(`[emulator] unhandled: ${e instanceof Error ? e.stack : String(e)}\n`);
      if (!res.headersSent) sendJson(res, 500, { message: 'Server Error' });
    });
  };
  // requestTimeout 0: Node's default (300 s) would cut off a slow multi-GB PUT that S3 itself would accept.
  const server = createServer({ keepAliveTimeout: 5000, requestTimeout: 0 }, run);
  // `Expect: 100-continue` (curl -T on big files): S3 answers a bad signature before the body is sent.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (!(req.url ?? '').startsWith('/s3/')) res.writeContinue();
    run(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  env.origin = new URL(`http://127.0.0.1:${port}`);

  return {
    url: env.origin.origin,
    token,
    seed: summary,
    createToken,
    revokeToken: controls.revokeToken,
    setFaults: (f: FaultConfig | FaultConfig[]) => controls.setFaults(f),
    setParsing: controls.setParsing,
    setUrlExpiry: controls.setUrlExpiry,
    setRateLimit: controls.setRateLimit,
    setVariants: controls.setVariants,
    getVariants: controls.getVariants,
    outage: (seconds: number) => outage(seconds),
    ageUploads: (ms: number) => {
      for (const tmp of world.tmp.values()) tmp.uploadedAt -= ms;
    },
    inspect,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
      else await saveWorld(world, summary, seed, dataDir).catch(ignoreMissingDir);
    },
  };
}

/**
 * A download (§10.2: `Content-Disposition: attachment; filename="…"`). With a mid-body reset fault on its route, the
 * connection drops after that many bytes, so clients can be tested on a transfer cut short.
 */
function sendFile(res: ServerResponse, status: number, file: NonNullable<Reply['file']>, headers: Record<string, string>, resetAfter: number | null): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': file.contentType,
    'Content-Length': String(file.bytes.length),
    'Content-Disposition': `attachment; filename="${file.filename}"`,
  });
  if (resetAfter === null || resetAfter >= file.bytes.length) {
    res.end(file.bytes);
    return;
  }
  res.write(file.bytes.subarray(0, resetAfter), () => res.destroy());
}

/** The caller may remove its data dir before closing us; there is then nothing to save into. */
function ignoreMissingDir(e: unknown): void {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
}

/**
 * An injected 5xx as the stack in front of Laravel would answer it: 502/504 come from the gateway as an
 * HTML page (clients must fall back to the raw body), 500/503 from Laravel as `{message}`.
 */
function sendInjectedError(res: ServerResponse, status: number, headers: Record<string, string>): void {
  const reason = STATUS_CODES[status] ?? 'Error';
  if (status === 502 || status === 504) {
    const html = `<html><head><title>${status} ${reason}</title></head><body><center><h1>${status} ${reason}</h1></center></body></html>\n`;
    res.writeHead(status, { ...headers, 'Content-Type': 'text/html', 'Content-Length': String(Buffer.byteLength(html)) });
    res.end(html);
    return;
  }
  sendJson(res, status, { message: status === 500 ? 'Server Error' : reason }, headers);
}
