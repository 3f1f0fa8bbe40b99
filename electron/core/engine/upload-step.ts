// The uploading step: a fresh presigned URL right before one PUT of the hashed bytes; the key is journaled durably.
import { stat } from 'node:fs/promises';
import { FORMAT_MIME } from '../intake/formats';
import type { EngineClient } from './client-port';
import type { EngineEvents } from './events';
import type { Failures } from './failures';
import { contentTypeRefused } from './refusals';
import type { Run } from './run';
import { callApi, type Runtime } from './runtime';
import type { Transitions } from './transitions';
import { UploadError, apiOnLoopback, putFile } from './uploader';
import { pendingState, type Work } from './work';

/** Expired URLs in a row that are retried for free before they count as failures. */
const MAX_EXPIRED_URLS = 10;
/** Storage 403s that are not "expired" (SignatureDoesNotMatch, AccessDenied): one fresh URL, then the item fails with S3's words. */
const MAX_DENIED_URLS = 1;
/** Uploads in a row that sent other bytes than were hashed before the file is deemed still being written. */
const MAX_CHANGED_UPLOADS = 5;
/** What the signed-URL call defaults to when no type is given (§8.1, the newer upload guide). */
const OCTET_STREAM = 'application/octet-stream';

export function createUploadStep(
  rt: Runtime,
  t: Transitions,
  events: Pick<EngineEvents, 'markDirty'>,
  deps: Pick<Failures, 'handleError'> & { schedulePump(): void },
): (w: Work, run: Run) => Promise<void> {
  const { setState, fail } = t;
  /** Types the signed-URL call refused in this run: asked as application/octet-stream from then on. */
  const refusedTypes = new Set<string>();

  /**
   * A presigned URL for a file of this MIME type. Some readings of §8.1 take only PDF, PNG and JPEG; the newer guide
   * makes application/octet-stream the default. A refused type is asked again once as that, and remembered.
   */
  const signedUrl = async (mime: string, signal: AbortSignal): Promise<Awaited<ReturnType<EngineClient['signedStorageUrl']>>> => {
    const ask = (contentType: string) => callApi(rt, (c) => c.signedStorageUrl({ content_type: contentType }, signal), signal);
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

  const hashAgain = (w: Work, run: Run): void => {
    run.finish();
    w.next = 'hashing';
    rt.store.indexContent(w, false);
    w.sha256 = null;
    setState(w, pendingState(w));
  };

  return async (w, run) => {
    rt.uploadingNow++;
    try {
      const st = await stat(w.item.path).catch(() => null);
      if (run.stale()) return;
      if (!st) return fail(w, 'uploading', 'file-gone', 'the file was moved or deleted');
      if (st.size !== w.hashedSize || st.mtimeMs !== w.hashedMtimeMs) {
        // Changed since hashing: the hash no longer names these bytes.
        hashAgain(w, run);
        return;
      }
      w.bytesSent = 0;
      setState(w, { status: 'uploading', sha256: w.sha256 ?? '', bytesSent: 0, attempt: w.attempt + 1 }, { journal: false });
      const signed = await signedUrl(FORMAT_MIME[w.item.format], run.signal);
      if (run.stale()) return;
      const sent = await putFile({
        url: signed.url,
        headers: signed.headers ?? {},
        path: w.item.path,
        size: w.hashedSize ?? st.size,
        bandwidth: rt.bandwidth,
        stallTimeoutMs: rt.cfg.stallTimeoutMs,
        signal: run.signal,
        dispatcher: rt.cfg.dispatcher,
        plainHttpAllowed: apiOnLoopback(rt.client),
        onBytes: (n) => {
          if (run.stale()) return;
          w.bytesSent += n;
          rt.uploadedBytes += n;
          const s = w.item.state;
          if (s.status === 'uploading') {
            w.item = { ...w.item, state: { ...s, bytesSent: w.bytesSent } };
            events.markDirty(w);
          }
        },
      });
      if (run.stale()) return;
      if (sent.sha256 !== w.sha256) {
        // The file changed in place while it streamed: the stored bytes are not what was hashed. Never attach them;
        // hash the file as it is now and upload that.
        if (++w.changedUploads > MAX_CHANGED_UPLOADS) return fail(w, 'uploading', 'file-changing', 'the file kept changing while it uploaded; retry once it is saved');
        hashAgain(w, run);
        return;
      }
      w.changedUploads = 0;
      run.finish();
      w.attempt = 0;
      w.expiredUrls = 0;
      w.deniedUrls = 0;
      w.key = signed.key;
      w.next = 'attaching';
      // Durable before attaching: after a crash the key is attached (or found attached), never uploaded again.
      setState(w, pendingState(w), { durable: true });
    } catch (err) {
      if (run.stale()) return;
      const freshUrl =
        err instanceof UploadError &&
        ((err.code === 'expired' && ++w.expiredUrls <= MAX_EXPIRED_URLS) || (err.code === 'http' && err.status === 403 && ++w.deniedUrls <= MAX_DENIED_URLS));
      if (freshUrl) {
        // An expired presigned URL is routine: fetch a fresh one, not a failure. A first other 403 gets one fresh URL too.
        run.finish();
        setState(w, pendingState(w), { journal: false });
        return;
      }
      if (err instanceof UploadError && err.code === 'file-changed') {
        hashAgain(w, run);
        return;
      }
      deps.handleError(w, 'uploading', run, err);
    } finally {
      run.finish(); // every way out above ends the run already; this keeps it so
      rt.uploadingNow--;
      deps.schedulePump();
    }
  };
}
