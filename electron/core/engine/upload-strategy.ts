// The uploader seam: how an item's hashed bytes reach storage and come back as a temporary key. The single presigned
// PUT is one strategy (put-uploader.ts); a multipart one, if Raydocs ever offers it, adds a case to UploadResume and a
// strategy to the table, not a second path through upload-step.ts. The shape follows aws-sdk-js-v3 lib-storage's
// `Upload` (done/abort) and Uppy's S3 uploader (upload, resume, abort).
import { assertNever } from '../../../shared/assert-never';
import type { Run } from './run';
import type { UrlSource } from './url-prefetch';

/**
 * What an upload left to resume from, journaled with the item (PersistedWork.upload). One case per strategy. A PUT is
 * all or nothing, so its case holds nothing; a journal written before this field existed reads as `{kind: 'put'}`.
 */
export type UploadResume = { kind: 'put' };

export const FRESH_PUT: UploadResume = { kind: 'put' };

/** The file as the strategy sees it: the hashed bytes and where the upload stands. */
export interface UploadJob {
  path: string;
  /** The hashed size: exactly this many bytes are sent; a file of another size is an UploadError `file-changed`. */
  size: number;
  /** The file's real MIME type (the signed-URL call may be asked for another, see put-uploader.ts). */
  mime: string;
  resume: UploadResume;
  /** Where its presigned URL comes from (one asked ahead, url-prefetch.ts); absent, the strategy asks right before the PUT. */
  urls?: UrlSource;
  /** Bytes that just left, for progress and the speed meter. */
  onBytes(n: number): void;
}

export interface Uploaded {
  /** The temporary key Raydocs attaches (or turns into a workspace document). */
  key: string;
  /** SHA-256 of exactly the bytes sent: the step compares it with the item's hash before attaching anything. */
  sha256: string;
}

/**
 * One way of uploading. Errors are `UploadError`s (storage) or `ApiError`s (the API calls it makes), which the upload
 * step and the retry policy already read; an aborted `run.signal` rejects with an AbortError.
 */
export interface Uploader {
  /** Sends the file from its first byte. */
  upload(job: UploadJob, run: Run): Promise<Uploaded>;
  /** Continues from `job.resume`, which an earlier attempt (or process) left part-way. Absent: every attempt starts over. */
  resume?(job: UploadJob, run: Run): Promise<Uploaded>;
  /** Releases what an abandoned upload holds in storage (a multipart upload's parts). Absent: nothing is held. */
  abort?(job: UploadJob): Promise<void>;
}

/** Whether an earlier attempt left work that `resume` can continue. */
export function leftPartWay(r: UploadResume): boolean {
  switch (r.kind) {
    case 'put':
      return false; // a PUT that did not finish stored nothing
    default:
      return assertNever(r.kind, 'upload strategy');
  }
}
