// Format detection by magic bytes (never by name), reading only the head and tail of the stored object.
import { open } from 'node:fs/promises';

export interface SniffedFormat {
  ext: 'pdf' | 'docx' | 'pptx' | 'doc' | 'png' | 'jpg' | 'tiff';
  mime: string;
}

const HEAD_BYTES = 8;
const TAIL_BYTES = 256 * 1024; // a zip's central directory (entry names) lives at the end

export async function sniffFile(path: string): Promise<SniffedFormat | null> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    await fh.read(head, 0, head.length, 0);
    if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return { ext: 'pdf', mime: 'application/pdf' };
    if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ext: 'png', mime: 'image/png' };
    if (startsWith(head, [0xff, 0xd8, 0xff])) return { ext: 'jpg', mime: 'image/jpeg' };
    if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return { ext: 'tiff', mime: 'image/tiff' };
    if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { ext: 'doc', mime: 'application/msword' };
    if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
      const tailLen = Math.min(TAIL_BYTES, size);
      const tail = Buffer.alloc(tailLen);
      await fh.read(tail, 0, tailLen, size - tailLen);
      const names = tail.toString('latin1');
      if (!names.includes('[Content_Types].xml')) return null;
      if (names.includes('word/')) return { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
      if (names.includes('ppt/')) return { ext: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' };
    }
    return null;
  } finally {
    await fh.close();
  }
}

function startsWith(buf: Buffer, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

export const SUPPORTED_FORMATS_MESSAGE = 'The file must be a file of type: pdf, docx, doc, png, jpg, jpeg, tiff, pptx.';
