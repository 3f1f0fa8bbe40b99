// Loopback-only admin routes: the same controls as RunningEmulator, for out-of-process users (CLI, bench, demo).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { HttpError, readJson, sendHttpError, sendJson } from './http-util';
import { VARIANTS, type Variant } from './variants';
import type { FaultConfig, Inspection, ParsingConfig, RateLimitConfig, SeedSummary } from './types';

export interface AdminControls {
  createToken(opts?: { abilities?: string[]; workspaceIds?: number[] }): string;
  revokeToken(token: string): void;
  setFaults(f: FaultConfig | FaultConfig[]): void;
  getFaults(): FaultConfig[];
  setParsing(p: ParsingConfig): void;
  setUrlExpiry(seconds: number): void;
  setRateLimit(r: RateLimitConfig | null): void;
  outage(seconds: number, except?: IncomingMessage['socket']): void;
  inspect(): Inspection;
  setVariants(list: Variant[]): void;
  getVariants(): Variant[];
  seed: SeedSummary;
}

const faultSchema = z.object({
  latencyMs: z.number().min(0).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  errorStatuses: z.array(z.number().int().min(400).max(599)).optional(),
  rateLimitBurstRate: z.number().min(0).max(1).optional(),
  resetMidBodyRate: z.number().min(0).max(1).optional(),
  resetAfterBytes: z.number().int().min(0).optional(),
  stallRate: z.number().min(0).max(1).optional(),
  stallMs: z.number().min(0).optional(),
  dropResponseRate: z.number().min(0).max(1).optional(),
  runFailRate: z.number().min(0).max(1).optional(),
  routes: z.array(z.string()).optional(),
});

const schemas = {
  faults: z.union([faultSchema, z.array(faultSchema)]),
  parsing: z.object({
    stepMs: z.number().min(0).optional(),
    failRate: z.number().min(0).max(1).optional(),
    failNames: z.array(z.string()).optional(),
    autoParse: z.boolean().optional(),
  }),
  outage: z.object({ seconds: z.number().min(0) }),
  tokens: z.object({ abilities: z.array(z.string()).optional(), workspaceIds: z.array(z.number().int()).optional() }),
  revoke: z.object({ token: z.string().min(1) }),
  urlExpiry: z.object({ seconds: z.number().int().min(1).max(604800) }),
  variants: z.object({ variants: z.array(z.enum(VARIANTS)) }),
  rateLimit: z.union([z.null(), z.object({ count: z.number().int().min(1), windowMs: z.number().int().min(1) })]),
};

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(422, r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

/**
 * DNS rebinding: a web page whose name now resolves to 127.0.0.1 reaches us from loopback, but its Host header still
 * names its own site. Only a Host that is itself loopback (127.x, localhost, [::1], with any port) may use admin routes.
 */
export function loopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  const lower = name.toLowerCase();
  return lower === 'localhost' || lower === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(lower);
}

export async function handleAdmin(c: AdminControls, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  try {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) throw new HttpError(403, 'Admin routes are loopback-only.');
    if (!loopbackHostHeader(req.headers.host)) throw new HttpError(403, 'Admin routes answer only a loopback Host header.');
    const route = `${req.method} ${path}`;
    if (req.method === 'GET') {
      if (path === '/__admin/inspect') return sendJson(res, 200, c.inspect());
      if (path === '/__admin/faults') return sendJson(res, 200, c.getFaults());
      if (path === '/__admin/seed') return sendJson(res, 200, c.seed);
      if (path === '/__admin/variants') return sendJson(res, 200, { variants: c.getVariants() });
      throw new HttpError(404, `No admin route ${route}`);
    }
    const raw = await readJson(req);
    switch (route) {
      case 'POST /__admin/faults':
        c.setFaults(parse(schemas.faults, raw));
        return sendJson(res, 200, { faults: c.getFaults() });
      case 'POST /__admin/parsing':
        c.setParsing(parse(schemas.parsing, raw));
        return sendJson(res, 200, { ok: true });
      case 'POST /__admin/outage': {
        const { seconds } = parse(schemas.outage, raw);
        sendJson(res, 200, { ok: true, until: Date.now() + seconds * 1000 });
        c.outage(seconds, req.socket);
        return;
      }
      case 'POST /__admin/tokens':
        return sendJson(res, 201, { token: c.createToken(parse(schemas.tokens, raw)) });
      case 'POST /__admin/tokens/revoke':
        c.revokeToken(parse(schemas.revoke, raw).token);
        return sendJson(res, 200, { ok: true });
      case 'POST /__admin/url-expiry':
        c.setUrlExpiry(parse(schemas.urlExpiry, raw).seconds);
        return sendJson(res, 200, { ok: true });
      case 'POST /__admin/variants': {
        const { variants } = parse(schemas.variants, raw);
        try {
          c.setVariants(variants);
        } catch (err) {
          throw new HttpError(422, err instanceof Error ? err.message : String(err));
        }
        return sendJson(res, 200, { variants: c.getVariants() });
      }
      case 'POST /__admin/rate-limit':
        c.setRateLimit(parse(schemas.rateLimit, raw));
        return sendJson(res, 200, { ok: true });
      default:
        throw new HttpError(404, `No admin route ${route}`);
    }
  } catch (e) {
    if (e instanceof HttpError) return sendHttpError(res, e);
    return sendJson(res, 500, { message: e instanceof Error ? e.message : 'Admin error' });
  }
}
