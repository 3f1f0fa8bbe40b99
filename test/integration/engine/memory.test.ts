// Memory: a 1 GiB file is hashed and uploaded with the process's peak RSS under 200 MiB (measured in a child).
import { execFile } from 'node:child_process';
import { closeSync, openSync, writeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { attachCounts, harness, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

it('uploads a 1 GiB file with peak RSS under 200 MiB', async () => {
  h = await harness();
  const file = join(h.dir, 'big.pdf');
  const fd = openSync(file, 'w');
  writeSync(fd, '%PDF-1.7\n% a sparse 1 GiB document\n');
  ftruncateSync(fd, 1024 ** 3);
  closeSync(fd);
  const root = join(import.meta.dirname, '../../..');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'memory-child.ts'), h.emu.url, h.emu.token, String(h.workspaceId), h.target.sessionId, file, join(h.dir, 'child-journal')],
    { cwd: root, maxBuffer: 1 << 20, timeout: 150_000 },
  );
  const out = JSON.parse(stdout) as { maxRssKiB: number; states: string[] };
  expect(out.states).toEqual(['done']);
  expect(attachCounts(h.emu, h.target.sessionId)).toEqual([1]);
  expect(out.maxRssKiB / 1024, `peak RSS ${Math.round(out.maxRssKiB / 1024)} MiB`).toBeLessThan(200);
}, 180_000);
