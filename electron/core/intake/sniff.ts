// Finds what a file really is among the supported formats from its first bytes (and its zip or OLE2 directory), whatever its extension says.
import { assertNever } from '../../../shared/assert-never';
import type { RefusalCode, SupportedFormat } from '../../../shared/queue';
import { FORMAT_LABEL } from './formats';
import { EMPTY_FILE, IS_A_FOLDER, NOT_REGULAR, notTheFormat, unreadableWords, type Kind } from './refusal-words';
import { closeQuietly, fdReader, openForReading, statFd, statPath } from './file-reads';
import { readAt, zipEntryNames, type ByteReader } from './zip-entries';

/** `format` is what the content is: it may differ from the format the extension claimed. */
export type SniffResult = { ok: true; format: SupportedFormat } | { ok: false; code: RefusalCode; reason: string };

/** What the content is, or what it is instead ("a Windows program") and how that shows ("it starts with MZ"). */
type Detection = { kind: 'known'; format: SupportedFormat } | { kind: 'other'; looksLike: Kind };

/** How much of a file's start the sniff reads (the intake asks its file system thread for as much). */
export const HEAD_BYTES = 1024;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const JPEG = [0xff, 0xd8, 0xff];
/** Little- and big-endian TIFF, then BigTIFF. */
const TIFF = [
  [0x49, 0x49, 0x2a, 0x00],
  [0x4d, 0x4d, 0x00, 0x2a],
  [0x49, 0x49, 0x2b, 0x00],
  [0x4d, 0x4d, 0x00, 0x2b],
];
/** A Word file's main stream, as its OLE2 directory entry names it (UTF-16LE). */
const WORD_STREAM = Buffer.from('WordDocument', 'utf16le');

function startsWith(head: Buffer, sig: Buffer | number[]): boolean {
  const s = Buffer.isBuffer(sig) ? sig : Buffer.from(sig);
  return head.length >= s.length && head.subarray(0, s.length).equals(s);
}

/**
 * Leading bytes of common formats Raydocs does not take, what a person would call them, and how the signature is
 * named in the technical detail (a well-known magic number, never the file's own bytes beyond it).
 */
const KINDS: Array<[number[], string, string]> = [
  [[0x4d, 0x5a], 'a Windows program', 'MZ'],
  [[0x7f, 0x45, 0x4c, 0x46], 'a Linux program', 'ELF'],
  [[0xcf, 0xfa, 0xed, 0xfe], 'a macOS program', 'a Mach-O header'],
  [[0xce, 0xfa, 0xed, 0xfe], 'a macOS program', 'a Mach-O header'],
  [[0xca, 0xfe, 0xba, 0xbe], 'a macOS program', 'a Mach-O header'],
  [[0x23, 0x21], 'a script', '#!'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image', 'GIF8'],
  [[0x52, 0x49, 0x46, 0x46], 'an audio, video or WebP file', 'RIFF'],
  [[0x52, 0x61, 0x72, 0x21], 'a RAR archive', 'Rar!'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive', "7z's signature"],
  [[0x1f, 0x8b], 'a gzip archive', "gzip's signature"],
  [[0x25, 0x21, 0x50, 0x53], 'a PostScript file', '%!PS'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'an RTF document', '{\\rtf'],
];

function mostlyText(head: Buffer): boolean {
  const sample = head.subarray(0, 512);
  let printable = 0;
  for (const b of sample) if (b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) || b >= 0x80) printable++;
  return sample.length > 0 && printable / sample.length > 0.95 && !sample.includes(0);
}

/**
 * What a file of no supported format is instead ("a Windows program", it starts with MZ). Never its bytes: a refusal
 * must not reveal a file's content to whoever reads it; only a well-known signature is named.
 */
export function describeKind(head: Buffer): Kind {
  for (const [sig, what, name] of KINDS) if (startsWith(head, sig)) return { what, detail: `it starts with ${name}` };
  const text = head.subarray(0, 256).toString('latin1').trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return { what: 'a web page', detail: 'it starts with an HTML tag' };
  if (text.startsWith('<?xml')) return { what: 'an XML file', detail: 'it starts with <?xml' };
  if (mostlyText(head)) return { what: 'plain text', detail: 'its first bytes are all text' };
  return { what: null, detail: 'its first bytes match no format Raydocs accepts' };
}

const known = (format: SupportedFormat): Detection => ({ kind: 'known', format });
const other = (what: string | null, detail: string): Detection => ({ kind: 'other', looksLike: { what, detail } });

/** docx or pptx by the archive's parts; the claimed one first when an archive somehow has both. */
async function detectOoxml(fh: ByteReader, size: number, claimed: SupportedFormat): Promise<Detection> {
  const names = await zipEntryNames(fh, size);
  if (!names.includes('[Content_Types].xml')) return other('a zip archive', 'it has no [Content_Types].xml');
  const parts: Array<[SupportedFormat, string]> = claimed === 'pptx' ? [['pptx', 'ppt/'], ['docx', 'word/']] : [['docx', 'word/'], ['pptx', 'ppt/']];
  for (const [format, part] of parts) if (names.some((n) => n.startsWith(part))) return known(format);
  if (names.some((n) => n.startsWith('xl/'))) return other('an Excel workbook', 'its Office archive has an xl/ part, and no word/ or ppt/ part');
  return other('an Office file of another kind', 'its Office archive has neither a word/ nor a ppt/ part');
}

/** OLE2 holds Word, Excel, PowerPoint or Outlook files: it is Word when its first directory sector names a WordDocument stream. */
async function hasWordStream(fh: ByteReader, size: number, head: Buffer): Promise<boolean> {
  if (head.length < 0x34) return false;
  const shift = head.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return false;
  const sectorSize = 2 ** shift;
  const offset = (head.readUInt32LE(0x30) + 1) * sectorSize;
  if (offset >= size) return false;
  return (await readAt(fh, offset, sectorSize)).includes(WORD_STREAM);
}

async function detectOle2(fh: ByteReader, size: number, head: Buffer, claimed: SupportedFormat): Promise<Detection> {
  // Named .doc it is trusted as before (its Word stream may be listed past the first directory sector).
  if (claimed === 'doc' || (await hasWordStream(fh, size, head))) return known('doc');
  return other('an Excel, PowerPoint or Outlook file', 'an OLE2 file with no WordDocument stream');
}

/** Exact signatures at offset 0 first; PDF last, since its header may follow some junk. */
async function detect(fh: ByteReader, size: number, head: Buffer, claimed: SupportedFormat): Promise<Detection> {
  if (startsWith(head, PNG)) return known('png');
  if (startsWith(head, JPEG)) return known('jpeg');
  if (TIFF.some((sig) => startsWith(head, sig))) return known('tiff');
  if (startsWith(head, OLE2)) return detectOle2(fh, size, head, claimed);
  if (startsWith(head, ZIP)) return detectOoxml(fh, size, claimed);
  // The spec tolerates junk before the header; real-world PDFs keep %PDF- within the first KiB.
  if (head.indexOf('%PDF-', 0, 'latin1') >= 0) return known('pdf');
  return { kind: 'other', looksLike: describeKind(head) };
}

/** The verdict on content whose first bytes are `head`; `reader` reads further (the zip and OLE2 directories). */
async function judge(reader: ByteReader, size: number, head: Buffer, claimed: SupportedFormat): Promise<SniffResult> {
  if (size === 0) return { ok: false, code: 'empty', reason: EMPTY_FILE };
  const d = await detect(reader, size, head, claimed);
  switch (d.kind) {
    case 'known':
      return { ok: true, format: d.format };
    case 'other':
      return { ok: false, code: 'content-mismatch', reason: notTheFormat(FORMAT_LABEL[claimed], d.looksLike) };
    default:
      return assertNever(d, 'detection');
  }
}

/** Opens the file only if the verdict needs more than its first bytes (a zip's or an OLE2 file's directory). */
function lazyReader(path: string): ByteReader & { close(): Promise<void> } {
  let fd: Promise<number> | null = null;
  return {
    read: async (buffer, offset, length, position) => fdReader(await (fd ??= openForReading(path))).read(buffer, offset, length, position),
    close: async () => {
      if (fd) await closeQuietly(await fd);
    },
  };
}

/**
 * Finds the file's real format, reading only a bounded number of bytes. `claimed` (from the extension) words the
 * refusal ("This is a Windows program, not a PDF (it starts with MZ)") and settles what the content alone cannot.
 * `known`: the walk has just stat'ed it as a regular file of this size and read its first bytes (the intake's file
 * system thread), so most files are judged without another call; without it the file is stat'ed, opened and read.
 */
export async function sniffFile(path: string, claimed: SupportedFormat, known?: { size: number; head: Buffer }): Promise<SniffResult> {
  if (known) {
    const reader = lazyReader(path);
    try {
      return await judge(reader, known.size, known.head.subarray(0, HEAD_BYTES), claimed);
    } catch (err) {
      return { ok: false, ...unreadableWords(err) };
    } finally {
      await reader.close().catch(() => undefined);
    }
  }
  let fd: number;
  try {
    // Check the type before opening: opening a FIFO for reading would block a worker thread.
    const pre = await statPath(path);
    if (!pre.isFile()) return { ok: false, code: 'not-regular', reason: pre.isDirectory() ? IS_A_FOLDER : NOT_REGULAR };
    fd = await openForReading(path);
  } catch (err) {
    return { ok: false, ...unreadableWords(err) };
  }
  try {
    const st = await statFd(fd);
    if (!st.isFile()) return { ok: false, code: 'not-regular', reason: NOT_REGULAR };
    const reader = fdReader(fd);
    return await judge(reader, st.size, await readAt(reader, 0, Math.min(HEAD_BYTES, st.size)), claimed);
  } catch (err) {
    return { ok: false, ...unreadableWords(err) };
  } finally {
    await closeQuietly(fd);
  }
}
