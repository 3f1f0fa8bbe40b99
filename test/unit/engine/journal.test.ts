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
    // Opening cuts the torn line off (no rewrite: the five whole records stay), so new appends start on a fresh line.
    const text = readFileSync(join(dir, 'queue.jsonl'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.trim().split('\n')).toHaveLength(5);
    expect(j2.appended).toBe(5);
    j2.put('q', { n: 9 }, true);
    j2.close();
    expect(replay<{ n: number }>(readFileSync(join(dir, 'queue.jsonl'), 'utf8'))).toEqual({
      records: new Map([
        ['x', { n: 2 }],
        ['z', { n: 1 }],
        ['q', { n: 9 }],
      ]),
      badLines: 0,
      lines: 6,
    });
  });

  it('keeps a whole last record that only lacks its newline, and appends after it on a fresh line', () => {
    const dir = join(root, 'b');
    openJournal<{ n: number }>(dir).close();
    appendFileSync(join(dir, 'queue.jsonl'), '{"t":"put","id":"a","v":{"n":1}}');
    const j = openJournal<{ n: number }>(dir);
    j.put('b', { n: 2 });
    j.close();
    expect(readFileSync(join(dir, 'queue.jsonl'), 'utf8')).toBe('{"t":"put","id":"a","v":{"n":1}}\n{"t":"put","id":"b","v":{"n":2}}\n');
  });

  it('compacts at open only when superseded records far outnumber live ones', () => {
    const dir = join(root, 'c');
    const j = openJournal<{ n: number }>(dir);
    for (let n = 0; n < 1500; n++) j.put(`i${n % 10}`, { n });
    j.close();
    const j2 = openJournal<{ n: number }>(dir);
    expect(j2.appended).toBe(10);
    expect(readFileSync(join(dir, 'queue.jsonl'), 'utf8').trim().split('\n')).toHaveLength(10);
    expect(j2.loaded.get('i3')).toEqual({ n: 1493 });
    j2.close();
  });

  it('a corrupt winning line in the middle lets the previous record of that id win', () => {
    const text = '{"t":"put","id":"a","v":{"n":1}}\n{"t":"put","id":"b","v":{"n":1}}\n{"t":"put","id":"a","v":{"n":\n{"t":"del","id":"b"}\n';
    const { records, badLines } = replay<{ n: number }>(text);
    expect([...records]).toEqual([['a', { n: 1 }]]);
    expect(badLines).toBe(1);
  });

  it('reads lines not in the written form (escaped ids, other key order) by parsing them', () => {
    const text = '{"id":"x","t":"put","v":1}\n{"t":"put","id":"q\\"uote","v":2}\n{"t":"put","id":"x","v":3}\n';
    expect([...replay<number>(text).records]).toEqual([
      ['x', 3],
      ['q"uote', 2],
    ]);
  });

  it('counts garbage lines without failing', () => {
    expect(replay('{"t":"put","id":"a","v":1}\nnot json\n{"t":"weird"}\n').badLines).toBe(2);
  });
});
