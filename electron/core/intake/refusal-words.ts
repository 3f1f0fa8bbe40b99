// Every reason intake gives for a file it will not queue, in one place: a sentence for a person, then the technical detail in parentheses.
import type { Refusal, RefusalCode } from '../../../shared/queue';

/** The formats Raydocs takes, as a person would name them. */
const WHAT_RAYDOCS_TAKES = 'PDF, Word, PowerPoint and image files';

export const refusal = (path: string, code: RefusalCode, reason: string): Refusal => ({ path, code, reason });

/** "a Word document (.docx)" → "a Word document": the file name beside the reason already shows the extension. */
function noun(label: string): string {
  return label.replace(/ \(\.[a-z]+\)$/, '');
}

export const EMPTY_FILE = 'This file is empty, so there is nothing to upload (0 bytes)';

export const NOT_REGULAR = 'This is not an ordinary file (a device, pipe or socket), so it cannot be read (not a regular file)';

export const IS_A_FOLDER = 'This is a folder where a file was expected (a directory, not a regular file)';

export const NOT_ON_DISK = 'This is not a file on this computer, so it was not uploaded (made by the page or dragged from a website)';

/** `ext` without its dot ('' when the name has none); `accepted`: the extensions intake takes. */
export function unsupportedWords(ext: string, accepted: readonly string[]): string {
  const list = accepted.map((e) => `.${e}`).join(', ');
  return `Raydocs does not take this kind of file: it takes ${WHAT_RAYDOCS_TAKES} (${ext ? `.${ext}` : 'no extension'}; accepted: ${list})`;
}

/** `size` and `limit` already in words ("6.0 GB", "5 GB"). */
export function tooLargeWords(size: string, limit: string): string {
  return `This file is too large to upload: Raydocs takes files up to ${limit} in one upload (this one is ${size})`;
}

/** The person's words for an I/O error, by its errno code; the code itself is the detail. */
const UNREADABLE: Record<string, [string, string]> = {
  EACCES: ['You do not have permission to open this file', 'permission denied'],
  EPERM: ['You do not have permission to open this file', 'operation not permitted'],
  ENOENT: ['This file is no longer there: it was moved or deleted', 'file not found'],
  ELOOP: ['This link leads round in a loop, so there is no file behind it', 'symbolic link loop'],
  EISDIR: ['This is a folder where a file was expected', 'is a folder'],
  EIO: ['The disk could not read this file', 'input/output error'],
  EBUSY: ['Another program is using this file', 'resource busy'],
  ENAMETOOLONG: ['This file’s path is too long to open', 'name too long'],
};

/** Why a file could not be read, as a code and the words for it. */
export function unreadableWords(err: unknown): { code: RefusalCode; reason: string } {
  const errno = (err as NodeJS.ErrnoException | null)?.code;
  const known = errno ? UNREADABLE[errno] : undefined;
  if (known) return { code: errno === 'EISDIR' ? 'not-regular' : 'unreadable', reason: `${known[0]} (${known[1]}, ${errno})` };
  const detail = errno ?? (err instanceof Error ? err.message : String(err));
  return { code: 'unreadable', reason: `This file could not be read (${detail})` };
}

/** What the content is instead, for a person ("a Windows program"), and what shows it ("it starts with MZ"). */
export interface Kind {
  what: string | null;
  detail: string;
}

/** "This is a Windows program, not a PDF (it starts with MZ)"; "This is not a PNG image (…)" when it has no name. */
export function notTheFormat(label: string, kind: Kind): string {
  const claimed = noun(label);
  return kind.what ? `This is ${kind.what}, not ${claimed} (${kind.detail})` : `This is not ${claimed} (${kind.detail})`;
}
