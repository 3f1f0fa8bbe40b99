// The single presigned PUT strategy: a fresh signed URL right before one streaming PUT of the hashed bytes (uploader.ts).
import type { EngineClient } from './client-port';
import { contentTypeRefused } from './refusals';
import type { Run } from './run';
import type { Runtime } from './runtime';
import { apiOnLoopback, putFile } from './uploader';
import type { Uploader } from './upload-strategy';

/** What the signed-URL call defaults to when no type is given (§8.1, the newer upload guide). */
const OCTET_STREAM = 'application/octet-stream';

/** No `resume` (a PUT is all or nothing) and no `abort` (an unfinished PUT stores nothing). */
export function createPutUploader(rt: Runtime): Uploader {
  /** Types the signed-URL call refused in this run: asked as application/octet-stream from then on. */
  const refusedTypes = new Set<string>();

  /**
   * A presigned URL for a file of this MIME type. Some readings of §8.1 take only PDF, PNG and JPEG; the newer guide
   * makes application/octet-stream the default. A refused type is asked again once as that, and remembered.
   */
  const signedUrl = async (mime: string, signal: AbortSignal): Promise<Awaited<ReturnType<EngineClient['signedStorageUrl']>>> => {
    const ask = (contentType: string) => rt.client.signedStorageUrl({ content_type: contentType }, signal);
    if (refusedTypes.has(mime)) return ask(OCTET_STREAM);
    try {
      return await ask(mime);
    } catch (err) {
      if (mime === OCTET_STREAM || !contentTypeRefused(err)) throw err;
      const signed = await ask(OCTET_STREAM);
      refusedTypes.add(mime);
      return signed;
    }
  };

  return {
    async upload(job, run: Run) {
      const signed = await signedUrl(job.mime, run.signal);
      if (run.stale()) throw staleRun();
      const sent = await putFile({
        url: signed.url,
        headers: signed.headers ?? {},
        path: job.path,
        size: job.size,
        bandwidth: rt.bandwidth,
        stallTimeoutMs: rt.cfg.stallTimeoutMs,
        signal: run.signal,
        dispatcher: rt.cfg.dispatcher,
        plainHttpAllowed: apiOnLoopback(rt.client),
        clock: rt.clock,
        onBytes: job.onBytes,
      });
      return { key: signed.key, sha256: sent.sha256 };
    },
  };
}

/** The run went stale between the signed URL and the PUT: nothing is sent; the step ignores a stale run's outcome. */
function staleRun(): Error {
  const e = new Error('upload abandoned: the item was interrupted');
  e.name = 'AbortError';
  return e;
}
