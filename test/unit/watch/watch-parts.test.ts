// The watch's pure and disk-small parts: which names are taken, when a file has settled (fake time), the path index
// across a reopen and a torn line, and the no-overwrite move into Uploaded/.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { moveToUploaded, suffixed } from '../../../electron/core/watch/after-upload';
import { ignoredBy } from '../../../electron/core/watch/folder-watch';
import { openPathIndex } from '../../../electron/core/watch/path-index';
import { createSettler, type SettledFile } from '../../../electron/core/watch/settle';
import { isIgnoredPath } from '../../../electron/core/watch/watch-names';
import { createFakeClock } from '../../support/fake-clock';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'watch-parts-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('names a watch never takes', () => {
  it.each(['scan.pdf.part', 'report.crdownload', 'x.tmp', '~$budget.docx', '.~lock.invoice.docx#', '.hidden.pdf', '.DS_Store', 'Thumbs.db', 'a.PDF.PART'])(
    'ignores %s',
    (name) => expect(isIgnoredPath(join('/scans', name))).toBe(true),
  );
  it.each(['invoice.pdf', 'scan 001.tiff', 'part.pdf', 'tmp-notes.docx'])('takes %s', (name) => expect(isIgnoredPath(join('/scans', name))).toBe(false));

  it("chokidar's filter skips Uploaded/ and hidden folders, never the root", () => {
    const ignored = ignoredBy('/scans');
    const dir = { isDirectory: () => true };
    expect(ignored('/scans')).toBe(false);
    expect(ignored('/scans/Uploaded', dir)).toBe(true);
    expect(ignored('/scans/Uploaded/a.pdf')).toBe(true);
    expect(ignored('/scans/.git', dir)).toBe(true);
    expect(ignored('/scans/.cache/a.pdf')).toBe(true);
    expect(ignored('/scans/2026/a.pdf')).toBe(false);
  });
});

describe('settling', () => {
  function setup(settleMs = 2000) {
    const clock = createFakeClock();
    const disk = new Map<string, { size: number; mtimeMs: number }>();
    const locked = new Set<string>();
    const settled: Array<SettledFile & { at: number }> = [];
    const settler = createSettler({
      clock,
      settleMs,
      onSettled: (f) => settled.push({ ...f, at: clock.now() }),
      stat: async (p) => {
        const s = disk.get(p);
        if (!s) throw Object.assign(new Error('gone'), { code: 'ENOENT' });
        return { ...s, isFile: () => true };
      },
      canRead: async (p) => !locked.has(p),
    });
    return { clock, disk, locked, settled, settler, start: clock.now() };
  }

  it('a file written over 10 s settles once, 2 s after its last write, with its final size', async () => {
    const { clock, disk, settled, settler, start } = setup();
    for (let t = 0; t <= 10_000; t += 500) {
      disk.set('/s/a.pdf', { size: 1000 + t, mtimeMs: start + t });
      settler.observe('/s/a.pdf');
      await clock.advance(500);
    }
    await clock.advance(5000);
    expect(settled).toHaveLength(1);
    expect(settled[0]!.size).toBe(11_000);
    // Last write at +10 s (looked at once then), quiet 2 s after that look.
    expect(settled[0]!.at - start).toBeGreaterThanOrEqual(12_000);
    expect(settled[0]!.at - start).toBeLessThanOrEqual(13_000);
  });

  it('a file that changes without an event (a polled share) is still waited for', async () => {
    const { clock, disk, settled, settler, start } = setup();
    disk.set('/s/b.pdf', { size: 10, mtimeMs: start });
    settler.observe('/s/b.pdf');
    await clock.advance(1500);
    disk.set('/s/b.pdf', { size: 20, mtimeMs: start + 1500 });
    await clock.advance(1000);
    expect(settled).toHaveLength(0);
    await clock.advance(2500);
    expect(settled.map((f) => f.size)).toEqual([20]);
  });

  it('a file held open by its writer waits until it can be read; one deleted before settling is dropped', async () => {
    const { clock, disk, locked, settled, settler, start } = setup();
    disk.set('/s/locked.pdf', { size: 5, mtimeMs: start });
    disk.set('/s/gone.pdf', { size: 5, mtimeMs: start });
    locked.add('/s/locked.pdf');
    settler.observe('/s/locked.pdf');
    settler.observe('/s/gone.pdf');
    await clock.advance(1000);
    disk.delete('/s/gone.pdf');
    await clock.advance(5000);
    expect(settled).toHaveLength(0);
    expect(settler.waiting()).toBe(1);
    locked.delete('/s/locked.pdf');
    await clock.advance(2500);
    expect(settled.map((f) => f.path)).toEqual(['/s/locked.pdf']);
    expect(settler.waiting()).toBe(0);
  });
});

describe('path index', () => {
  const entry = { path: '/s/a.pdf', size: 10, mtimeMs: 1000, sha256: 'ab'.repeat(32), target: 'session:s1' };

  it('knows a stored file across a reopen, only while its size, mtime and target hold', () => {
    const file = join(tmp(), 'watch', 'index.jsonl');
    const a = openPathIndex(file);
    a.stored(entry);
    a.close();
    const b = openPathIndex(file);
    expect(b.unchanged('/s/a.pdf', { size: 10, mtimeMs: 1000 }, 'session:s1')).toBe(true);
    expect(b.unchanged('/s/a.pdf', { size: 11, mtimeMs: 1000 }, 'session:s1')).toBe(false);
    expect(b.unchanged('/s/a.pdf', { size: 10, mtimeMs: 2000 }, 'session:s1')).toBe(false);
    expect(b.unchanged('/s/a.pdf', { size: 10, mtimeMs: 1000 }, 'session:other')).toBe(false);
    b.forget('/s/a.pdf');
    b.close();
    expect(openPathIndex(file).get('/s/a.pdf')).toBeNull();
  });

  it('a torn last line costs only that entry, and the file is compacted to one line per path at open', () => {
    const file = join(tmp(), 'index.jsonl');
    const a = openPathIndex(file);
    a.stored(entry);
    a.stored({ ...entry, size: 12 });
    a.stored({ ...entry, path: '/s/b.pdf' });
    a.close();
    appendFileSync(file, '{"path":"/s/c.pdf","si');
    const b = openPathIndex(file);
    expect(b.size()).toBe(2);
    expect(b.get('/s/a.pdf')?.size).toBe(12);
    b.close();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
  });
});

describe('moving into Uploaded/', () => {
  it('never overwrites: a clash gets a numbered suffix, and the original leaves the folder', async () => {
    const root = tmp();
    expect(suffixed('invoice.pdf', 2)).toBe('invoice (2).pdf');
    writeFileSync(join(root, 'invoice.pdf'), 'first');
    expect(await moveToUploaded(root, join(root, 'invoice.pdf'))).toBe(join(root, 'Uploaded', 'invoice.pdf'));
    writeFileSync(join(root, 'invoice.pdf'), 'second');
    expect(await moveToUploaded(root, join(root, 'invoice.pdf'))).toBe(join(root, 'Uploaded', 'invoice (1).pdf'));
    expect(existsSync(join(root, 'invoice.pdf'))).toBe(false);
    expect(readFileSync(join(root, 'Uploaded', 'invoice.pdf'), 'utf8')).toBe('first');
    expect(readFileSync(join(root, 'Uploaded', 'invoice (1).pdf'), 'utf8')).toBe('second');
    expect(readdirSync(join(root, 'Uploaded')).sort()).toEqual(['invoice (1).pdf', 'invoice.pdf']);
  });
});
