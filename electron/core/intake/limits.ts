// Size limit known before any byte is read: one S3 PUT stores at most 5 GiB, so a larger file can never upload.
import { tooLargeWords } from './refusal-words';

/** S3's single-PUT maximum (the engine uploads each file with one PUT to a presigned URL). */
export const MAX_UPLOAD_BYTES = 5 * 1024 ** 3;

const GIB = 1024 ** 3;

/** "6.0 GB"; a size that would round down to the limit also gets its exact byte count ("5.0 GB, 5,368,709,121 bytes"), so the words never look equal. */
function sizeWords(size: number): string {
  const gb = (size / GIB).toFixed(1);
  if (Number(gb) > MAX_UPLOAD_BYTES / GIB) return `${gb} GB`;
  return `${gb} GB, ${size.toLocaleString('en-US')} bytes`;
}

/** The refusal reason for a file too large to upload, or null when its size is fine. */
export function sizeRefusal(size: number): string | null {
  if (size <= MAX_UPLOAD_BYTES) return null;
  return tooLargeWords(sizeWords(size), `${MAX_UPLOAD_BYTES / GIB} GB`);
}
