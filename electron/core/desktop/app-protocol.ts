// The renderer's own origin, app://renderer: which request maps to which built file, and the headers (CSP first) it is served with.
import { extname, join, normalize, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
/** The one origin main trusts for IPC in a packaged app (besides the loopback dev server in development). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** The page's policy, sent as a response header: scripts, styles and connections only from the app itself. */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export type AppRequest = { kind: 'file'; path: string; mime: string } | { kind: 'refused'; status: 400 | 403 | 404; reason: string };

/**
 * Maps app://renderer/<path> to a file under `root` (the built renderer). Anything else — another host, a path that
 * climbs out of `root`, an encoded separator, a file type the page never loads — is refused before the disk is touched.
 */
export function resolveAppRequest(url: string, root: string): AppRequest {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { kind: 'refused', status: 400, reason: 'not a URL' };
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return { kind: 'refused', status: 403, reason: 'not the renderer origin' };
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'bad path encoding' };
  }
  if (rel.includes('\0') || rel.includes('\\') || /(^|\/)\.\.(\/|$)/.test(rel)) return { kind: 'refused', status: 403, reason: 'path leaves the renderer' };
  if (rel === '/' || rel === '') rel = '/index.html';
  const base = normalize(root);
  const path = normalize(join(base, rel));
  if (!path.startsWith(base.endsWith(sep) ? base : base + sep)) return { kind: 'refused', status: 403, reason: 'path leaves the renderer' };
  const mime = MIME[extname(path).toLowerCase()];
  if (!mime) return { kind: 'refused', status: 404, reason: 'not a renderer file' };
  return { kind: 'file', path, mime };
}

/** Every answer carries the CSP (a header the page cannot drop, unlike a meta tag) and no sniffing. */
export function appResponseHeaders(mime: string | null): Record<string, string> {
  return {
    'content-security-policy': RENDERER_CSP,
    'x-content-type-options': 'nosniff',
    ...(mime ? { 'content-type': mime } : {}),
  };
}
