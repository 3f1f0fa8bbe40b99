// Refusal words: a person's sentence first, the technical detail in parentheses after, and the code scripts branch on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unreadableWords, unsupportedWords } from '../../../electron/core/intake/refusal-words';
import { sniffFile } from '../../../electron/core/intake/sniff';

const errno = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

describe('refusal words', () => {
  it('an I/O error says what it means for the person, then its errno', () => {
    expect(unreadableWords(errno('EACCES'))).toEqual({ code: 'unreadable', reason: 'You do not have permission to open this file (permission denied, EACCES)' });
    expect(unreadableWords(errno('EPERM'))).toEqual({ code: 'unreadable', reason: 'You do not have permission to open this file (operation not permitted, EPERM)' });
    expect(unreadableWords(errno('EIO')).reason).toBe('The disk could not read this file (input/output error, EIO)');
    expect(unreadableWords(errno('EISDIR'))).toMatchObject({ code: 'not-regular' });
    // One it has no words for still says it could not read the file, with whatever the system said.
    expect(unreadableWords(errno('EWEIRD'))).toEqual({ code: 'unreadable', reason: 'This file could not be read (EWEIRD)' });
    expect(unreadableWords(new Error('disk on fire'))).toEqual({ code: 'unreadable', reason: 'This file could not be read (disk on fire)' });
  });

  it('an unsupported file names what Raydocs takes, then its extension and the accepted list', () => {
    expect(unsupportedWords('xlsx', ['pdf', 'png'])).toBe('Raydocs does not take this kind of file: it takes PDF, Word, PowerPoint and image files (.xlsx; accepted: .pdf, .png)');
    expect(unsupportedWords('', ['pdf'])).toBe('Raydocs does not take this kind of file: it takes PDF, Word, PowerPoint and image files (no extension; accepted: .pdf)');
  });

  it('a folder where a file was expected is not-regular, in words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'raydocs-words-'));
    try {
      expect(await sniffFile(dir, 'pdf')).toEqual({ ok: false, code: 'not-regular', reason: 'This is a folder where a file was expected (a directory, not a regular file)' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
