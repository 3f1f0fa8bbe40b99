// A file above S3's 5 GiB single-PUT limit is refused by its size alone: never opened, never sniffed, never hashed.
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readHeads } from '../../../electron/core/intake/fs-worker';
import type * as FsWorker from '../../../electron/core/intake/fs-worker';
import { intakePaths } from '../../../electron/core/intake/intake';
import { MAX_UPLOAD_BYTES, sizeRefusal } from '../../../electron/core/intake/limits';
import { sniffFile } from '../../../electron/core/intake/sniff';
import type * as Sniff from '../../../electron/core/intake/sniff';
import { writeFile } from '../../fixtures/make-files';

// Wrap (not replace) the functions that would touch the file's content, to see who they were called for.
// Intake reads files' first bytes only through its file system thread's readHeads.
vi.mock('../../../electron/core/intake/fs-worker', async (importOriginal) => {
  const actual = await importOriginal<typeof FsWorker>();
  return { ...actual, readHeads: vi.fn(actual.readHeads) };
});
vi.mock('../../../electron/core/intake/sniff', async (importOriginal) => {
  const actual = await importOriginal<typeof Sniff>();
  return { ...actual, sniffFile: vi.fn(actual.sniffFile) };
});

const GIB = 1024 ** 3;
const dir = mkdtempSync(join(tmpdir(), 'intake-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file of `size` bytes that uses no disk (a hole). */
function sparse(name: string, size: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  return path;
}

describe('size limit words', () => {
  it('names the size and the limit; exactly 5 GiB is fine', () => {
    expect(MAX_UPLOAD_BYTES).toBe(5 * GIB);
    expect(sizeRefusal(6 * GIB)).toBe('This file is too large to upload: Raydocs takes files up to 5 GB in one upload (this one is 6.0 GB)');
    expect(sizeRefusal(5 * GIB)).toBeNull();
    expect(sizeRefusal(0)).toBeNull();
  });

  it('gives the exact bytes when the rounded size would read as the limit itself', () => {
    expect(sizeRefusal(5 * GIB + 1)).toBe('This file is too large to upload: Raydocs takes files up to 5 GB in one upload (this one is 5.0 GB, 5,368,709,121 bytes)');
  });
});

describe('intake of a file above 5 GiB', () => {
  it('refuses it by size without opening or sniffing it, and accepts the rest of the batch', async () => {
    const big = sparse('archive-scan.pdf', 6 * GIB);
    const small = writeFile(join(dir, 'small.pdf'), 'pdf');
    vi.mocked(readHeads).mockClear();
    vi.mocked(sniffFile).mockClear();

    const res = await intakePaths([big, small]);

    expect(res.refused).toEqual([{ path: big, code: 'too-large', reason: 'This file is too large to upload: Raydocs takes files up to 5 GB in one upload (this one is 6.0 GB)' }]);
    expect(res.accepted.map((a) => a.path)).toEqual([small]);
    // The small file went through the content check, the big one never reached it: none of its bytes were asked for.
    expect(vi.mocked(sniffFile).mock.calls.map((c) => c[0])).toEqual([small]);
    expect(vi.mocked(readHeads).mock.calls.flatMap((c) => c[0].map((r) => r.path))).toEqual([small]);
  });

  it('refuses it for its extension first when that is unsupported', async () => {
    const big = sparse('backup.iso', 6 * GIB);
    const res = await intakePaths([big]);
    expect(res.refused[0]).toMatchObject({ code: 'unsupported-format', reason: expect.stringMatching(/^Raydocs does not take this kind of file: .* \(\.iso; accepted: /) });
  });
});
