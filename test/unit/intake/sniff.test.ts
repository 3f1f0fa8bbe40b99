// The content decides the format: a supported format under another supported extension is that format; only unknown content is refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sniffFile } from '../../../electron/core/intake/sniff';
import { SUPPORTED_FORMATS, type SupportedFormat } from '../../../shared/queue';
import { fileBytes } from '../../fixtures/make-files';

const dir = mkdtempSync(join(tmpdir(), 'sniff-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(bytes: Buffer): string {
  const path = join(dir, `f${n++}`);
  writeFileSync(path, bytes);
  return path;
}

/** A minimal OLE2 compound file: header, then one directory sector naming a root entry and `streams`. */
function ole2(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e); // 512-byte sectors
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(0, 0x30); // the directory starts at sector 0, right after the header
  const directory = Buffer.alloc(512);
  ['Root Entry', ...streams].forEach((name, i) => {
    directory.write(name, i * 128, 'utf16le');
    directory.writeUInt16LE((name.length + 1) * 2, i * 128 + 0x40);
  });
  return Buffer.concat([header, directory]);
}

const CONTENT: Array<[Parameters<typeof fileBytes>[0], SupportedFormat]> = [
  ['pdf', 'pdf'],
  ['png', 'png'],
  ['jpeg', 'jpeg'],
  ['tiff', 'tiff'],
  ['tiff-mm', 'tiff'],
  ['docx', 'docx'],
  ['pptx', 'pptx'],
];

describe('sniffFile finds the real format', () => {
  it('recognises every supported format under every supported extension', async () => {
    for (const [kind, real] of CONTENT) {
      const path = file(fileBytes(kind));
      for (const claimed of SUPPORTED_FORMATS) expect(await sniffFile(path, claimed), `${kind} named as ${claimed}`).toEqual({ ok: true, format: real });
    }
  });

  it('finds a PDF whose header follows some junk, under another extension', async () => {
    const path = file(Buffer.concat([Buffer.from('\r\n\r\n'), fileBytes('pdf')]));
    expect(await sniffFile(path, 'png')).toEqual({ ok: true, format: 'pdf' });
  });

  it('takes an OLE2 file as .doc when it holds a WordDocument stream, or when it is named .doc', async () => {
    expect(await sniffFile(file(ole2(['WordDocument', '1Table'])), 'pdf')).toEqual({ ok: true, format: 'doc' });
    const excel = file(ole2(['Workbook']));
    expect(await sniffFile(excel, 'pdf')).toEqual({ ok: false, code: 'content-mismatch', reason: 'This is an Excel, PowerPoint or Outlook file, not a PDF (an OLE2 file with no WordDocument stream)' });
    // Named .doc it is trusted, as before: a Word stream may be listed past the first directory sector.
    expect(await sniffFile(excel, 'doc')).toEqual({ ok: true, format: 'doc' });
  });

  it('refuses content that is no supported format, saying what it looks like', async () => {
    expect(await sniffFile(file(fileBytes('exe')), 'jpeg')).toEqual({ ok: false, code: 'content-mismatch', reason: 'This is a Windows program, not a JPEG image (it starts with MZ)' });
    expect(await sniffFile(file(Buffer.from('GIF89a\x01\x00', 'latin1')), 'pdf')).toEqual({ ok: false, code: 'content-mismatch', reason: 'This is a GIF image, not a PDF (it starts with GIF8)' });
    expect(await sniffFile(file(Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04])), 'png')).toEqual({ ok: false, code: 'content-mismatch', reason: 'This is not a PNG image (its first bytes match no format Raydocs accepts)' });
    expect(await sniffFile(file(fileBytes('xlsx')), 'docx')).toEqual({
      ok: false,
      code: 'content-mismatch',
      reason: 'This is an Excel workbook, not a Word document (its Office archive has an xl/ part, and no word/ or ppt/ part)',
    });
    expect(await sniffFile(file(fileBytes('zip')), 'pptx')).toEqual({ ok: false, code: 'content-mismatch', reason: 'This is a zip archive, not a PowerPoint presentation (it has no [Content_Types].xml)' });
    expect(await sniffFile(file(fileBytes('doc')), 'png')).toEqual({ ok: false, code: 'content-mismatch', reason: 'This is an Excel, PowerPoint or Outlook file, not a PNG image (an OLE2 file with no WordDocument stream)' });
    expect(await sniffFile(file(Buffer.alloc(0)), 'pdf')).toEqual({ ok: false, code: 'empty', reason: 'This file is empty, so there is nothing to upload (0 bytes)' });
  });
});
