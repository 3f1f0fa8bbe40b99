// The single presigned PUT strategy: the job's URL (asked ahead, else fresh: url-prefetch.ts), then one streaming PUT of the hashed bytes (uploader.ts).
import type { Run } from './run';
import type { Runtime } from './runtime';
import { apiOnLoopback, putFile } from './uploader';
import type { Uploader } from './upload-strategy';
import { createUrlSigner, type UrlSource } from './url-prefetch';

/**
 * No `resume` (a PUT is all or nothing) and no `abort` (an unfinished PUT stores nothing). The URL comes from the job's
 * source (the scheduler's, which may have asked it ahead: url-prefetch.ts), else is asked here right before the PUT.
 */
export function createPutUploader(rt: Runtime): Uploader {
  const sign = createUrlSigner(rt);
  const fresh: UrlSource = { get: sign };

  return {
    async upload(job, run: Run) {
      const signed = await (job.urls ?? fresh).get(job.mime, run.signal);
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
