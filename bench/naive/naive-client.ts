// The reference client a script writer would copy from the API cookbook: one file after another, sign → PUT →
// attach, the whole file read into memory, no retries. The benchmarks measure the engine against it.
import { readFile } from 'node:fs/promises';

export class NaiveClientError extends Error {
  readonly status: number;
  readonly request: { method: string; path: string };
  readonly fileIndex: number;
  constructor(status: number, request: { method: string; path: string }, fileIndex: number, body: string) {
    super(`${request.method} ${request.path} → ${status} on file ${fileIndex}: ${body.slice(0, 200)}`);
    this.name = 'NaiveClientError';
    this.status = status;
    this.request = request;
    this.fileIndex = fileIndex;
  }
}

export interface NaiveOptions {
  baseUrl: string;
  token: string;
  sessionId: string;
}

async function apiPost<T>(opts: NaiveOptions, route: string, body: unknown, fileIndex: number): Promise<T> {
  const res = await fetch(`${opts.baseUrl}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${opts.token}`, accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new NaiveClientError(res.status, { method: 'POST', path: route }, fileIndex, text);
  return JSON.parse(text) as T;
}

/** Uploads and attaches each file in turn; the first non-2xx answer (a 429 included) ends the run with an error. */
export async function naiveUpload(files: string[], opts: NaiveOptions, onFileDone?: (index: number) => void): Promise<void> {
  for (const [index, file] of files.entries()) {
    // The cookbook way: the whole document in memory, then sign and PUT it. (Reading first also keeps a multi-second
    // read of a big file from sitting between the sign call and the PUT on a keep-alive socket the server may close.)
    const bytes = await readFile(file);
    const signed = await apiPost<{ key: string; url: string; headers?: Record<string, string> }>(
      opts,
      '/vapor/signed-storage-url',
      { content_type: 'application/pdf' },
      index,
    );
    const put = await fetch(signed.url, { method: 'PUT', headers: signed.headers ?? {}, body: bytes }).catch((err: unknown) => {
      // fetch hides the socket error in `cause`; say it.
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      throw new Error(`PUT of file ${index} failed${cause}`, { cause: err });
    });
    const putText = await put.text();
    if (!put.ok) throw new NaiveClientError(put.status, { method: 'PUT', path: new URL(signed.url).pathname }, index, putText);
    await apiPost(opts, `/extractions/sessions/${opts.sessionId}/documents/upload`, { keys: [signed.key] }, index);
    onFileDone?.(index);
  }
}
