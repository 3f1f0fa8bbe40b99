// Journal: last record per id wins, deletes stick, a torn last line is ignored, compaction keeps only live records.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal, replay } from '../../../electron/core/engine/journal';

const root = mkdtempSync(join(tmpdir(), 'journal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('journal', () => {
  it('replays puts and deletes, survives a torn last line, and compacts', () => {
    const dir = join(root, 'a');
    const j = openJournal<{ n: number }>(dir);
    j.put('x', { n: 1 });
    j.put('y', { n: 1 }, true);
    j.put('x', { n: 2 });
    j.del('y');
    j.put('z', { n: 1 }, true);
    j.close();
    appendFileSync(join(dir, 'queue.jsonl'), '{"t":"put","id":"w","v":{"n"'); // kill -9 mid-write

    const j2 = openJournal<{ n: number }>(dir);
    expect([...j2.loaded]).toEqual([
      ['x', { n: 2 }],
      ['z', { n: 1 }],
    ]);
    // Opening compacts: the torn line and superseded records are gone, and new appends start on a fresh line.
    const text = readFileSync(join(dir, 'queue.jsonl'), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    j2.put('q', { n: 9 }, true);
    j2.close();
    expect(replay<{ n: number }>(readFileSync(join(dir, 'queue.jsonl'), 'utf8'))).toEqual({
      records: new Map([
        ['x', { n: 2 }],
        ['z', { n: 1 }],
        ['q', { n: 9 }],
      ]),
      badLines: 0,
    });
  });

  it('counts garbage lines without failing', () => {
    expect(replay('{"t":"put","id":"a","v":1}\nnot json\n{"t":"weird"}\n').badLines).toBe(2);
  });
});
