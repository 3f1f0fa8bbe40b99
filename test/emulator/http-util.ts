// Small HTTP helpers: Laravel-style JSON errors, JSON bodies with a size cap, S3-style XML errors.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An API error answered as Laravel would: `{message}` or, for 422, `{message, errors}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string[]>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function validationError(errors: Record<string, string[]>): HttpError {
  const fields = Object.values(errors).flat();
  const first = fields[0] ?? 'The given data was invalid.';
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more error${fields.length > 2 ? 's' : ''})` : '';
  return new HttpError(422, `${first}${more}`, errors);
}

export const notFound = (): HttpError => new HttpError(404, 'Not Found');

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    ...(text ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) } : {}),
  });
  res.end(text);
}

export function sendHttpError(res: ServerResponse, e: HttpError): void {
  sendJson(res, e.status, e.errors ? { message: e.message, errors: e.errors } : { message: e.message }, e.headers);
}

const MAX_JSON_BYTES = 1024 * 1024;

/** Reads a JSON body (API bodies are small; S3 bodies never come through here). Empty body → {}. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) throw new HttpError(413, 'Payload Too Large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'Malformed JSON body.');
  }
}

const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function sendS3Error(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const fields = Object.entries(extra)
    .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
    .join('');
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>` +
    `${fields}<RequestId>EMULATOR</RequestId></Error>`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' });
  res.end(body);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Drops the connection without an answer (the socket may already be detached after an error). */
export function dropConnection(req: IncomingMessage): void {
  (req.socket as IncomingMessage['socket'] | null)?.destroy();
  req.destroy();
}
