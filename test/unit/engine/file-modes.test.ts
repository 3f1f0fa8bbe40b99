// Files that name the person's documents are theirs alone: the journal 0600 in a 0700 folder, JSON files 0600 and fsynced.
import type * as Fs from 'node:fs';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const syncs = vi.hoisted(() => ({ order: [] as string[] }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof Fs>();
  return {
    ...real,
    fsyncSync: (fd: number) => {
      syncs.order.push('fsync');
      return real.fsyncSync(fd);
    },
    renameSync: (a: string, b: string) => {
      syncs.order.push('rename');
      return real.renameSync(a, b);
    },
  };
});

const { openJournal } = await import('../../../electron/core/engine/journal');
const { writeJsonFile } = await import('../../../electron/core/desktop/json-file');

const root = mkdtempSync(join(tmpdir(), 'raydocs-modes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const mode = (p: string): number => statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('owner-only files', () => {
  it('a new journal is 0600 in a 0700 folder, whatever the umask', () => {
    const old = process.umask(0o022);
    try {
      const dir = join(root, 'fresh', 'journal');
      const j = openJournal<{ n: number }>(dir);
      j.put('a', { n: 1 });
      j.close();
      expect(mode(dir)).toBe(0o700);
      expect(mode(join(dir, 'queue.jsonl'))).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it('an older, world-readable journal is tightened when opened', () => {
    const dir = join(root, 'old');
    mkdirSync(dir, { mode: 0o755 });
    writeFileSync(join(dir, 'queue.jsonl'), '', { mode: 0o644 });
    chmodSync(join(dir, 'queue.jsonl'), 0o644);
    openJournal(dir).close();
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'queue.jsonl'))).toBe(0o600);
  });

  it('a JSON file is written 0600 and fsynced before the rename', () => {
    const file = join(root, 'json', 'settings.json');
    syncs.order.length = 0;
    writeJsonFile(file, { a: 1 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 1 });
    expect(mode(file)).toBe(0o600);
    expect(syncs.order).toEqual(['fsync', 'rename']);
  });
});
