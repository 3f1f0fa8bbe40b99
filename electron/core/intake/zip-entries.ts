// Lists a zip's entry names with bounded reads (end record + central directory), never the whole file.

/** Positioned reads of an open file: a FileHandle, or a plain descriptor (file-reads.ts). */
export interface ByteReader {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
/** The end record sits in the last 22 bytes plus at most a 64 KiB comment. */
const EOCD_SEARCH = 22 + 0xffff;
/** Upper bound on how much central directory we read; OOXML files list their parts well within it. */
const MAX_CENTRAL_BYTES = 4 * 1024 * 1024;
/** Local-header fallback scans only the head of the file. */
const LOCAL_SCAN_BYTES = 256 * 1024;

/** Up to `length` bytes at `position` (fewer at the end of the file). */
export async function readAt(fh: ByteReader, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/** Entry names from the central directory, or null when the end record cannot be found. */
async function centralDirectoryNames(fh: ByteReader, size: number, limit: number): Promise<string[] | null> {
  const tailLen = Math.min(size, EOCD_SEARCH);
  const tail = await readAt(fh, size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_LOCATOR_SIG) return null;
    const z64Offset = Number(tail.readBigUInt64LE(loc + 8));
    const z64 = await readAt(fh, z64Offset, 56);
    if (z64.length < 56 || z64.readUInt32LE(0) !== ZIP64_EOCD_SIG) return null;
    cdSize = Number(z64.readBigUInt64LE(40));
    cdOffset = Number(z64.readBigUInt64LE(48));
  }
  if (cdOffset >= size) return null;
  const cd = await readAt(fh, cdOffset, Math.min(cdSize, MAX_CENTRAL_BYTES, size - cdOffset));
  const names: string[] = [];
  let p = 0;
  while (p + 46 <= cd.length && names.length < limit) {
    if (cd.readUInt32LE(p) !== CENTRAL_SIG) break;
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    if (p + 46 + nameLen > cd.length) break;
    names.push(cd.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** Fallback for zips whose end is damaged: walk local headers in the head of the file. */
async function localHeaderNames(fh: ByteReader, size: number, limit: number): Promise<string[]> {
  const head = await readAt(fh, 0, Math.min(size, LOCAL_SCAN_BYTES));
  const names: string[] = [];
  let p = 0;
  while (p + 30 <= head.length && names.length < limit) {
    if (head.readUInt32LE(p) !== LOCAL_SIG) {
      // Sizes may live in a data descriptor: search forward for the next header instead of trusting them.
      const next = head.indexOf('PK\u0003\u0004', p + 1, 'latin1');
      if (next < 0) break;
      p = next;
      continue;
    }
    const flags = head.readUInt16LE(p + 6);
    const compressed = head.readUInt32LE(p + 18);
    const nameLen = head.readUInt16LE(p + 26);
    const extraLen = head.readUInt16LE(p + 28);
    if (p + 30 + nameLen > head.length) break;
    names.push(head.toString('utf8', p + 30, p + 30 + nameLen));
    p += 30 + nameLen + extraLen + ((flags & 0x08) !== 0 ? 0 : compressed);
    if ((flags & 0x08) !== 0) p += 1;
  }
  return names;
}

/** Names of the zip's entries (at most `limit`), from the central directory or, failing that, local headers. */
export async function zipEntryNames(fh: ByteReader, size: number, limit = 5000): Promise<string[]> {
  const central = await centralDirectoryNames(fh, size, limit);
  if (central && central.length > 0) return central;
  return localHeaderNames(fh, size, limit);
}
