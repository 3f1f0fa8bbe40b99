// Checks a file's first bytes (and, for OOXML, its zip directory) against the format its extension claims.
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { SupportedFormat } from '../../../shared/queue';
import { FORMAT_LABEL } from './formats';
import { zipEntryNames } from './zip-entries';

export type SniffResult = { ok: true } | { ok: false; reason: string };

const HEAD_BYTES = 1024;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function startsWith(head: Buffer, sig: Buffer | number[]): boolean {
  const s = Buffer.isBuffer(sig) ? sig : Buffer.from(sig);
  return head.length >= s.length && head.subarray(0, s.length).equals(s);
}

/** "MZ", "PK", "<html" or hex bytes: what the file really starts with, for a refusal message. */
export function describeStart(head: Buffer): string {
  const known: Array<[Buffer | number[], string]> = [
    [PNG, 'the PNG signature'],
    [[0xff, 0xd8, 0xff], 'the JPEG signature'],
    [OLE2, 'the OLE2 (old Office) signature'],
    [[0x25, 0x50, 0x44, 0x46], '%PDF'],
  ];
  for (const [sig, label] of known) if (startsWith(head, sig)) return label;
  let printable = '';
  for (const b of head.subarray(0, 8)) {
    if (b >= 0x20 && b < 0x7f) printable += String.fromCharCode(b);
    else break;
  }
  if (printable.length >= 2) return printable;
  const hex = [...head.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
  return `bytes ${hex}`;
}

function notA(format: SupportedFormat, head: Buffer): SniffResult {
  const label = FORMAT_LABEL[format].replace(/^an? /, '');
  const article = FORMAT_LABEL[format].startsWith('an ') ? 'an' : 'a';
  return { ok: false, reason: `not ${article} ${label}: starts with ${describeStart(head)}` };
}

/** Reason for an I/O error in words ("unreadable: permission denied"). */
export function unreadableReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'unreadable: permission denied';
    case 'ENOENT':
      return 'unreadable: file not found';
    case 'ELOOP':
      return 'unreadable: symbolic link loop';
    case 'EISDIR':
      return 'unreadable: is a folder';
    case 'EIO':
      return 'unreadable: input/output error';
    default:
      return `unreadable: ${code ?? (err instanceof Error ? err.message : String(err))}`;
  }
}

async function checkOoxml(fh: FileHandle, size: number, format: 'docx' | 'pptx', head: Buffer): Promise<SniffResult> {
  if (!startsWith(head, ZIP)) return notA(format, head);
  const names = await zipEntryNames(fh, size);
  if (!names.includes('[Content_Types].xml')) {
    return { ok: false, reason: `not ${FORMAT_LABEL[format]}: a zip archive without [Content_Types].xml` };
  }
  const part = format === 'docx' ? 'word/' : 'ppt/';
  if (!names.some((n) => n.startsWith(part))) {
    const other = names.some((n) => n.startsWith('ppt/')) ? ' (it is a PowerPoint file)' : names.some((n) => n.startsWith('word/')) ? ' (it is a Word file)' : names.some((n) => n.startsWith('xl/')) ? ' (it is an Excel file)' : '';
    return { ok: false, reason: `not ${FORMAT_LABEL[format]}: the Office archive has no ${part} part${other}` };
  }
  return { ok: true };
}

/** Opens `path` and checks its content against `format`, reading only a bounded number of bytes. */
export async function sniffFile(path: string, format: SupportedFormat): Promise<SniffResult> {
  let fh: FileHandle;
  try {
    // Check the type before opening: opening a FIFO for reading would block a worker thread.
    const pre = await stat(path);
    if (!pre.isFile()) return { ok: false, reason: pre.isDirectory() ? 'unreadable: is a folder' : 'unreadable: not a regular file' };
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { ok: false, reason: unreadableReason(err) };
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { ok: false, reason: 'unreadable: not a regular file' };
    if (st.size === 0) return { ok: false, reason: 'empty file' };
    const head = Buffer.alloc(Math.min(HEAD_BYTES, st.size));
    let got = 0;
    while (got < head.length) {
      const { bytesRead } = await fh.read(head, got, head.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    const h = head.subarray(0, got);
    switch (format) {
      case 'pdf':
        // The spec tolerates junk before the header; real-world PDFs keep %PDF- within the first KiB.
        return h.indexOf('%PDF-', 0, 'latin1') >= 0 ? { ok: true } : notA(format, h);
      case 'png':
        return startsWith(h, PNG) ? { ok: true } : notA(format, h);
      case 'jpeg':
        return startsWith(h, [0xff, 0xd8, 0xff]) ? { ok: true } : notA(format, h);
      case 'tiff':
        return startsWith(h, [0x49, 0x49, 0x2a, 0x00]) || startsWith(h, [0x4d, 0x4d, 0x00, 0x2a]) || startsWith(h, [0x49, 0x49, 0x2b, 0x00]) || startsWith(h, [0x4d, 0x4d, 0x00, 0x2b])
          ? { ok: true }
          : notA(format, h);
      case 'doc':
        return startsWith(h, OLE2) ? { ok: true } : notA(format, h);
      case 'docx':
      case 'pptx':
        return await checkOoxml(fh, st.size, format, h);
    }
  } catch (err) {
    return { ok: false, reason: unreadableReason(err) };
  } finally {
    await fh.close().catch(() => undefined);
  }
}
