// The uploading step: the item's upload strategy (upload-strategy.ts; today one presigned PUT) sends the hashed bytes;
// expired URLs are retried for free, other bytes than were hashed are never attached, and the key is journaled durably.
import { stat } from 'node:fs/promises';
import { FORMAT_MIME } from '../intake/formats';
import type { EngineEvents } from './events';
import type { Failures } from './failures';
import { createPutUploader } from './put-uploader';
import type { Run } from './run';
import type { Runtime } from './runtime';
import type { Transitions } from './transitions';
import { UploadError } from './uploader';
import { leftPartWay, type Uploader, type UploadJob, type UploadResume } from './upload-strategy';
import type { UrlSource } from './url-prefetch';
import { pendingState, type Work } from './work';

/** Expired URLs in a row that are retried for free before they count as failures. */
const MAX_EXPIRED_URLS = 10;
/** Storage 403s that are not "expired" (SignatureDoesNotMatch, AccessDenied): one fresh URL, then the item fails with S3's words. */
const MAX_DENIED_URLS = 1;
/** Uploads in a row that sent other bytes than were hashed before the file is deemed still being written. */
const MAX_CHANGED_UPLOADS = 5;

export interface UploadStep {
  /** `urls`: where the PUT's presigned URL comes from (the scheduler's prefetch); absent, asked right before the PUT. */
  run(w: Work, run: Run, urls?: UrlSource): Promise<void>;
  /** The item will not continue its upload (cancelled, removed, its file changed): the strategy releases what it holds. */
  abandon(w: Work): void;
}

export function createUploadStep(
  rt: Runtime,
  t: Transitions,
  events: Pick<EngineEvents, 'markDirty'>,
  deps: Pick<Failures, 'handleError'> & { schedulePump(): void },
): UploadStep {
  const { setState, fail } = t;
  /** One strategy per kind of resume state: a new kind does not type-check until it has its strategy. */
  const uploaders: { [K in UploadResume['kind']]: Uploader } = { put: createPutUploader(rt) };

  const jobOf = (w: Work, size: number, onBytes: (n: number) => void = () => undefined, urls?: UrlSource): UploadJob => ({
    path: w.item.path,
    size,
    mime: FORMAT_MIME[w.item.format],
    resume: w.upload,
    ...(urls ? { urls } : {}),
    onBytes,
  });

  const abandon = (w: Work): void => {
    const uploader = uploaders[w.upload.kind];
    if (!uploader.abort || !leftPartWay(w.upload)) return;
    // Best effort: what storage still holds is only a cost, never a wrong document.
    void uploader.abort(jobOf(w, w.hashedSize ?? w.item.size)).catch(() => undefined);
  };

  const hashAgain = (w: Work, run: Run): void => {
    run.finish();
    abandon(w);
    w.next = 'hashing';
    rt.store.indexContent(w, false);
    w.sha256 = null;
    setState(w, pendingState(w));
  };

  /** The bytes are stored: on to attaching, unless what was stored is not what was hashed. */
  const settleSent = (w: Work, run: Run, sent: { key: string; sha256: string }): void => {
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
    w.key = sent.key;
    w.next = 'attaching';
    // Durable before attaching: after a crash the key is attached (or found attached), never uploaded again.
    setState(w, pendingState(w), { durable: true });
  };

  const settleError = (w: Work, run: Run, err: unknown): void => {
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
  };

  const runStep = async (w: Work, run: Run, urls?: UrlSource): Promise<void> => {
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
      const job = jobOf(w, w.hashedSize ?? st.size, (n) => {
        if (run.stale()) return;
        w.bytesSent += n;
        rt.uploadedBytes += n;
        const s = w.item.state;
        if (s.status === 'uploading') {
          w.item = { ...w.item, state: { ...s, bytesSent: w.bytesSent } };
          events.markDirty(w);
        }
      }, urls);
      const uploader = uploaders[w.upload.kind];
      const sent = uploader.resume && leftPartWay(w.upload) ? await uploader.resume(job, run) : await uploader.upload(job, run);
      if (!run.stale()) settleSent(w, run, sent);
    } catch (err) {
      if (!run.stale()) settleError(w, run, err);
    } finally {
      run.finish(); // every way out above ends the run already; this keeps it so
      rt.uploadingNow--;
      deps.schedulePump();
    }
  };

  return { run: runStep, abandon };
}
