// Serves the built renderer from app://renderer with its CSP as a response header; core's app-protocol.ts decides every answer.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, appResponseHeaders, resolveAppRequest } from '../core/desktop/app-protocol';

/** Before `ready`: app:// is a standard, secure scheme, so the page has a real origin and a secure context. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export async function answerAppRequest(url: string, rendererDir: string): Promise<Response> {
  const r = resolveAppRequest(url, rendererDir);
  if (r.kind === 'refused') return new Response(r.reason, { status: r.status, headers: appResponseHeaders('text/plain; charset=utf-8') });
  try {
    return new Response(await readFile(r.path), { status: 200, headers: appResponseHeaders(r.mime) });
  } catch {
    return new Response('not found', { status: 404, headers: appResponseHeaders('text/plain; charset=utf-8') });
  }
}

/** After `ready`: every app:// request is answered from `rendererDir`, nothing else. */
export function serveRenderer(rendererDir: string): () => void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(request.url, rendererDir));
  return () => protocol.unhandle(APP_SCHEME);
}
