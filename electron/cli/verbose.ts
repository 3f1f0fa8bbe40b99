// -v and -q: each HTTP request's method, path, status and time on stderr (undici's diagnostics channels), and a stderr
// that keeps only errors. The log never shows a header (the token) or a query string (presigned signatures).
import diagnostics from 'node:diagnostics_channel';
import type { OutStream } from './io';
import { printable } from './terminal-text';

interface UndiciRequest {
  method?: string;
  origin?: string | URL;
  path?: string;
}

/** "/extractions/sessions/1?X-Amz-Signature=…" → "/extractions/sessions/1". */
export function pathWithoutQuery(path: string): string {
  const cut = path.search(/[?#]/);
  return cut === -1 ? path : path.slice(0, cut);
}

/** Starts logging every request to `out`; returns the function that stops it. */
export function logRequests(out: OutStream, now: () => number = Date.now): () => void {
  const started = new WeakMap<object, number>();
  const line = (req: UndiciRequest, status: string): string => {
    const t0 = started.get(req as object);
    const ms = t0 === undefined ? '' : ` ${now() - t0}ms`;
    return printable(`http: ${req.method ?? '?'} ${pathWithoutQuery(req.path ?? '')} ${status}${ms}`) + '\n';
  };
  const onCreate = (m: unknown) => {
    const { request } = m as { request: object };
    started.set(request, now());
  };
  const onHeaders = (m: unknown) => {
    const { request, response } = m as { request: UndiciRequest; response: { statusCode: number } };
    out.write(line(request, String(response.statusCode)));
  };
  const onError = (m: unknown) => {
    const { request, error } = m as { request: UndiciRequest; error: { code?: string; name?: string } };
    out.write(line(request, `failed (${error.code ?? error.name ?? 'error'})`));
  };
  diagnostics.subscribe('undici:request:create', onCreate);
  diagnostics.subscribe('undici:request:headers', onHeaders);
  diagnostics.subscribe('undici:request:error', onError);
  return () => {
    diagnostics.unsubscribe('undici:request:create', onCreate);
    diagnostics.unsubscribe('undici:request:headers', onHeaders);
    diagnostics.unsubscribe('undici:request:error', onError);
  };
}

/**
 * -q: stderr keeps only the CLI's error lines ("raydocs-upload: …"); progress, notes and hints are dropped. The summary
 * is on stdout and stays.
 */
export function quietStream(inner: OutStream): OutStream {
  let atLineStart = true;
  let keep = false;
  return {
    isTTY: false,
    columns: inner.columns,
    write(chunk: string) {
      let out = '';
      for (const piece of chunk.split(/(?<=\n)/)) {
        if (atLineStart) keep = piece.startsWith('raydocs-upload:');
        if (keep) out += piece;
        atLineStart = piece.endsWith('\n');
      }
      if (out) inner.write(out);
      return true;
    },
  };
}
