// A tiny path router: `/workspaces/:workspaceId/documents` style patterns, exact segment matching.
import type { Ctx, Reply } from './context';

export interface Route {
  method: string;
  pattern: string;
  /** Ability the token needs (null: any valid token). */
  ability: string | null;
  handle(ctx: Ctx): Promise<Reply> | Reply;
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

/** Returns the matching route, or `methodNotAllowed` when the path exists under another method. */
export function matchRoute(routes: Route[], method: string, path: string): Match | 'methodNotAllowed' | null {
  const segs = path.split('/').filter(Boolean);
  let pathMatched = false;
  for (const route of routes) {
    const pat = route.pattern.split('/').filter(Boolean);
    if (pat.length !== segs.length) continue;
    const params: Record<string, string> = {};
    const ok = pat.every((p, i) => {
      const s = segs[i] ?? '';
      if (p.startsWith(':')) {
        params[p.slice(1)] = decodeURIComponent(s);
        return s.length > 0;
      }
      return p === s;
    });
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  return pathMatched ? 'methodNotAllowed' : null;
}
