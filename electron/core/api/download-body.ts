// A download's body into its `.part` file, whole and fsynced, or an error: it must start with the format's magic bytes.
import { open } from 'node:fs/promises';
import type { Dispatcher } from 'undici';
import { ApiError, type ApiRequestInfo } from './api-error';

export interface BodyCheck {
  /** The first bytes a real file of this format starts with (an xlsx is a zip: PK\x03\x04). */
  magic: Buffer;
  /** What the body should be, in words ("an Excel workbook"). */
  expected: string;
  request: ApiRequestInfo;
}

function headerText(v: string | string[] | undefined): string {
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
}

/** Streams `res`'s body into `part` and returns its length; on any failure the file is closed (the caller removes it). */
type Response = Pick<Dispatcher.ResponseData, 'statusCode' | 'headers' | 'body'>;

export async function writeBodyTo(part: string, res: Response, check: BodyCheck): Promise<number> {
  const { magic } = check;
  const notIt = (detail: string) => new ApiError({ code: 'invalid-response', status: res.statusCode, request: check.request, detail: `the body is not ${check.expected} (${detail})` });
  const file = await open(part, 'w');
  let closed = false;
  try {
    let bytes = 0;
    let head = Buffer.alloc(0);
    for await (const chunk of res.body) {
      const buf = chunk as Buffer;
      if (head.length < magic.length) {
        head = Buffer.concat([head, buf.subarray(0, magic.length - head.length)]);
        if (head.length >= magic.length && !head.equals(magic)) {
          res.body.destroy();
          throw notIt(headerText(res.headers['content-type']) || 'no content type');
        }
      }
      // A write may take fewer bytes than asked (a full disk, a signal): write the rest.
      for (let off = 0; off < buf.length; ) off += (await file.write(buf, off, buf.length - off)).bytesWritten;
      bytes += buf.length;
    }
    if (head.length < magic.length) throw notIt(`${bytes} bytes`);
    await file.sync();
    closed = true;
    await file.close();
    return bytes;
  } finally {
    if (!closed) await file.close().catch(() => undefined);
  }
}
