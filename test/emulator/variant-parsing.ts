// The parse-track readings of the docs (cfg_ config hashes, a document status that never moves), applied to each answer.
import type { Ctx, Reply } from './context';
import type { Route } from './router';

type Json = unknown;
type Obj = Record<string, Json>;

const isObject = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Rebuilds every object of `v` bottom-up through `fix`. */
function mapObjects(v: Json, fix: (o: Obj) => Obj): Json {
  if (Array.isArray(v)) return v.map((x) => mapObjects(x, fix));
  if (isObject(v)) return fix(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapObjects(x, fix)])));
  return v;
}

/** `cfg_` + 16 hex, the form of the get/list examples (§9.1, §12), made from the 64-hex hash the emulator keeps. */
export function cfgForm(hash: string): string {
  return /^[0-9a-f]{64}$/i.test(hash) ? `cfg_${hash.slice(0, 16).toLowerCase()}` : hash;
}

/** cfg-config-hash: parsings and results show `cfg_…`; the run's own answer keeps the 64-hex hash (the run example, §10.1). */
function cfgConfigHashes(body: Json): Json {
  return mapObjects(body, (o) => (typeof o['config_hash'] === 'string' ? { ...o, config_hash: cfgForm(o['config_hash']) } : o));
}

/** document-status-stays-uploaded: a document (the one object with `parsings`) says `uploaded` whatever its parsings say. */
function statusStaysUploaded(body: Json): Json {
  return mapObjects(body, (o) => (Array.isArray(o['parsings']) && 'filename' in o && typeof o['status'] === 'string' ? { ...o, status: 'uploaded' } : o));
}

const isRun = (route: Route): boolean => route.method === 'POST' && route.pattern === '/extractions/sessions/:sessionId/results';

function reshape(ctx: Ctx, route: Route, body: Json): Json {
  const v = ctx.env.variants;
  let out = body;
  if (v.has('cfg-config-hash') && !isRun(route)) out = cfgConfigHashes(out);
  if (v.has('document-status-stays-uploaded')) out = statusStaysUploaded(out);
  return out;
}

/** Wraps each route so its answer is read as the parse-track variants being played say (README "Variants"). */
export function withParseReadings(routes: Route[]): Route[] {
  return routes.map((route) => ({
    ...route,
    handle: async (ctx: Ctx): Promise<Reply> => {
      const reply = await route.handle(ctx);
      return reply.body === undefined || ctx.env.variants.size === 0 ? reply : { ...reply, body: reshape(ctx, route, reply.body) };
    },
  }));
}
