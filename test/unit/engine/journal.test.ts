// Journal: last valid record per id wins, deletes stick, a torn last line is cut off, compaction keeps only live
// records; every record carries its version, a previous version's journal opens, an invalid record is quarantined.
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal, QUARANTINE_FILE, replay, type SetAside } from '../../../electron/core/engine/journal';
import { recover, type PersistedWork } from '../../../electron/core/engine/work';
import { workCodec } from '../../../electron/core/engine/work-schema';

const root = mkdtempSync(join(tmpdir(), 'journal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const put = (id: string, data: unknown): string => JSON.stringify({ v: 2, t: 'put', id, data });
const del = (id: string): string => JSON.stringify({ v: 2, t: 'del', id });
const lines = (dir: string): string[] => readFileSync(join(dir, 'queue.jsonl'), 'utf8').split('\n').filter(Boolean);
const quarantined = (dir: string): Array<{ at: string; journal: string; line: number; reason: string; raw: string }> =>
  readFileSync(join(dir, QUARANTINE_FILE), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { at: string; journal: string; line: number; reason: string; raw: string });
/** A journal dir holding exactly `text`. */
function journalDir(name: string, text: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'queue.jsonl'), text);
  return dir;
}

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
    appendFileSync(join(dir, 'queue.jsonl'), '{"v":2,"t":"put","id":"w","data":{"n"'); // kill -9 mid-write

    const j2 = openJournal<{ n: number }>(dir);
    expect([...j2.loaded]).toEqual([
      ['x', { n: 2 }],
      ['z', { n: 1 }],
    ]);
    // Opening cuts the torn line off (no rewrite: the five whole records stay), so new appends start on a fresh line.
    // A torn tail is the normal end of a kill -9: nothing is set aside for it.
    const text = readFileSync(join(dir, 'queue.jsonl'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.trim().split('\n')).toHaveLength(5);
    expect(j2.appended).toBe(5);
    expect(j2.setAside).toBe(0);
    expect(existsSync(join(dir, QUARANTINE_FILE))).toBe(false);
    j2.put('q', { n: 9 }, true);
    j2.close();
    expect(replay<{ n: number }>(readFileSync(join(dir, 'queue.jsonl'), 'utf8'))).toEqual({
      records: new Map([
        ['x', { n: 2 }],
        ['z', { n: 1 }],
        ['q', { n: 9 }],
      ]),
      rejected: [],
      badLines: 0,
      lines: 6,
    });
  });

  it('writes every record with its version first', () => {
    const dir = join(root, 'version');
    const j = openJournal<{ n: number }>(dir);
    j.put('a', { n: 1 });
    j.del('a');
    j.close();
    expect(lines(dir)).toEqual(['{"v":2,"t":"put","id":"a","data":{"n":1}}', '{"v":2,"t":"del","id":"a"}']);
  });

  it('keeps a whole last record that only lacks its newline, and appends after it on a fresh line', () => {
    const dir = join(root, 'b');
    openJournal<{ n: number }>(dir).close();
    appendFileSync(join(dir, 'queue.jsonl'), put('a', { n: 1 }));
    const j = openJournal<{ n: number }>(dir);
    j.put('b', { n: 2 });
    j.close();
    expect(readFileSync(join(dir, 'queue.jsonl'), 'utf8')).toBe('{"v":2,"t":"put","id":"a","data":{"n":1}}\n{"v":2,"t":"put","id":"b","data":{"n":2}}\n');
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

  it('a corrupt winning line in the middle lets the previous record of that id win, and is set aside with its reason', () => {
    const text = `${put('a', { n: 1 })}\n${put('b', { n: 1 })}\n{"v":2,"t":"put","id":"a","data":{"n":\n${del('b')}\n`;
    const { records, badLines, rejected } = replay<{ n: number }>(text);
    expect([...records]).toEqual([['a', { n: 1 }]]);
    expect(badLines).toBe(1);
    expect(rejected).toEqual([{ line: 3, reason: 'not JSON', raw: '{"v":2,"t":"put","id":"a","data":{"n":' }]);
  });

  it('reads lines not in the written form (escaped ids, other key order, the previous version) by parsing them', () => {
    const text = `{"id":"x","t":"put","v":2,"data":{"n":1}}\n{"v":2,"t":"put","id":"q\\"uote","data":{"n":2}}\n{"data":{"n":3},"id":"x","v":2,"t":"put"}\n{"id":"y","t":"put","v":{"n":4}}\n`;
    expect([...replay<{ n: number }>(text).records]).toEqual([
      ['x', { n: 3 }],
      ['q"uote', { n: 2 }],
      ['y', { n: 4 }],
    ]);
  });

  it('sets aside garbage, records of another shape and unknown versions without failing, each with a reason', () => {
    const text = `${put('a', { n: 1 })}\nnot json\n{"v":2,"t":"weird"}\n{"v":3,"t":"put","id":"b","data":{}}\n[1,2]\n{"v":2,"t":"put","id":"c"}\n${del('zz')}\n`;
    const r = replay(text);
    expect([...r.records]).toEqual([['a', { n: 1 }]]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [2, 'not JSON'],
      [3, expect.stringMatching(/^not a journal record of version 2 \(t: /)],
      [4, 'written by a newer version of the journal (version 3; this one reads 1 and 2)'],
      [5, 'not a journal record (not a JSON object)'],
      [6, 'a put without a value (no "data")'],
    ]);
    expect(r.badLines).toBe(5);
    expect(r.lines).toBe(7);
  });
});

function work(id: string, state: unknown, extra: Record<string, unknown> = {}): PersistedWork {
  return {
    item: { id, path: `/f/${id}.pdf`, name: `${id}.pdf`, size: 10, format: 'pdf', target: { kind: 'session', workspaceId: 1, sessionId: 's', sessionName: 'S' }, batchId: 'b', addedAt: 0, state },
    realPath: `/f/${id}.pdf`,
    next: 'hashing',
    sha256: null,
    hashedSize: null,
    hashedMtimeMs: null,
    key: null,
    sessionId: null,
    documentId: null,
    documentStatus: '',
    parsings: [],
    verifyBeforeAttach: false,
    ...extra,
  } as PersistedWork;
}

describe('journal records are validated at open', () => {
  it('a journal written by the previous version (no version field, items kept in `parsing`) opens whole', () => {
    const dir = journalDir('v1', readFileSync(join(import.meta.dirname, 'journal-v1.fixture.jsonl'), 'utf8'));
    const setAside: SetAside[] = [];
    const j = openJournal<PersistedWork>(dir, { codec: workCodec, onSetAside: (e) => setAside.push(e) });
    expect(setAside).toEqual([]);
    expect(j.setAside).toBe(0);
    // 12 items put, item-1 put again, item-12 removed.
    expect([...j.loaded.keys()]).toEqual(['item-1', 'item-2', 'item-3', 'item-4', 'item-5', 'item-6', 'item-7', 'item-8', 'item-9', 'item-10', 'item-11']);
    const states = Object.fromEntries([...j.loaded].map(([id, p]) => [id, recover(p).item.state]));
    expect(states['item-1']).toEqual({ status: 'queued' });
    expect(states['item-2']).toEqual({ status: 'queued', sha256: 'b'.repeat(64) });
    expect(states['item-3']).toEqual({ status: 'attaching', sha256: 'c'.repeat(64), key: 'tmp/c0ffee' });
    expect(states['item-4']).toMatchObject({ status: 'done', documentId: 'doc-4', outcome: 'uploaded', parsings: [{ id: 'p-4', status: 'ready' }] });
    expect(states['item-5']).toMatchObject({ status: 'failed', step: 'hashing', error: { code: 'file-gone' } });
    expect(states['item-6']).toEqual({ status: 'paused', step: 'checking' });
    expect(states['item-7']).toEqual({ status: 'queued', sha256: 'b'.repeat(64) });
    expect(states['item-8']).toEqual({ status: 'cancelled' });
    expect(j.loaded.get('item-9')?.candidateSessions).toEqual(['5a1c2a4e-8a51-4d8e-9a55-0c6c3b1f2e9b']);
    // Stored in the session under the version that kept parsing: done, as `recover` always made them.
    for (const id of ['item-10', 'item-11']) {
      expect(j.loaded.get(id)).toMatchObject({ next: 'attaching', key: null, item: { state: { status: 'done', outcome: 'uploaded', sessionId: '6f1c2a4e-8a51-4d8e-9a55-0c6c3b1f2e9a' } } });
    }
    expect(states['item-10']).toMatchObject({ status: 'done', documentId: 'doc-10' });
    expect(states['item-11']).toMatchObject({ status: 'done', documentId: 'doc-11' });
    // New records are written in today's version after the old ones, which stay until a compaction rewrites them.
    j.put('item-1', j.loaded.get('item-1')!);
    j.close();
    expect(lines(dir)).toHaveLength(15);
    expect(lines(dir).at(-1)).toMatch(/^\{"v":2,"t":"put","id":"item-1","data":\{"item":/);
    const again = openJournal<PersistedWork>(dir, { codec: workCodec });
    expect(again.loaded.size).toBe(11);
    again.compact(again.loaded);
    again.close();
    expect(lines(dir).every((l) => l.startsWith('{"v":2,"t":"put","id":"item-'))).toBe(true);
    expect(openJournal<PersistedWork>(dir, { codec: workCodec }).loaded).toEqual(j.loaded);
  });

  it('a corrupted record is quarantined with its reason, the rest recovers, and the journal no longer holds it', () => {
    const good = work('good', { status: 'queued' });
    const bad = work('bad', { status: 'exploded' });
    const older = work('older', { status: 'queued' });
    const newerButBroken = { ...older, item: { ...older.item, size: 'big' } };
    const text = [put('good', good), put('older', older), put('bad', bad), '{"v":2,"t":"put","id":"half', put('older', newerButBroken), put('last', work('last', { status: 'cancelled' }))].join('\n') + '\n';
    const dir = journalDir('corrupt', text);
    const told: SetAside[] = [];
    const j = openJournal<PersistedWork>(dir, { codec: workCodec, onSetAside: (e) => told.push(e) });
    // The rest recovers; the invalid newer record of `older` lets its previous valid one win.
    expect([...j.loaded.keys()]).toEqual(['good', 'older', 'last']);
    expect(j.loaded.get('older')).toEqual(older);
    expect(j.setAside).toBe(3);
    const file = join(dir, QUARANTINE_FILE);
    expect(told).toEqual([{ count: 3, file, reasons: [expect.stringMatching(/^line 3: bad: not a queue item \(item\.state\.status: /), 'line 4: not JSON', expect.stringMatching(/^line 5: older: not a queue item \(item\.size: /)] }]);
    // The quarantine file holds each record as it was and the reason.
    const q = quarantined(dir);
    expect(q.map((r) => [r.line, r.raw])).toEqual([
      [3, put('bad', bad)],
      [4, '{"v":2,"t":"put","id":"half'],
      [5, put('older', newerButBroken)],
    ]);
    expect(q[0]!.reason).toMatch(/^bad: not a queue item \(item\.state\.status: Invalid discriminator value/);
    expect(q[0]!.journal).toBe(join(dir, 'queue.jsonl'));
    expect(Date.parse(q[0]!.at)).not.toBeNaN();
    // Moved, not copied: the journal was rewritten without them, so the next open sets nothing aside twice.
    expect(lines(dir)).toEqual([put('good', good), put('older', older), put('last', work('last', { status: 'cancelled' }))]);
    j.put('good', { ...good, next: 'checking' });
    j.close();
    const j2 = openJournal<PersistedWork>(dir, { codec: workCodec, onSetAside: (e) => told.push(e) });
    expect(j2.setAside).toBe(0);
    expect(j2.loaded.get('good')?.next).toBe('checking');
    j2.close();
    expect(told).toHaveLength(1);
    expect(quarantined(dir)).toHaveLength(3);
  });

  it('a later corruption appends to the quarantine file, which only its owner can read', () => {
    const dir = journalDir('twice', `${put('a', work('a', { status: 'queued' }))}\nnope\n`);
    openJournal<PersistedWork>(dir, { codec: workCodec, onSetAside: () => undefined }).close();
    appendFileSync(join(dir, 'queue.jsonl'), '{"v":2,"t":"del"}\n');
    const j = openJournal<PersistedWork>(dir, { codec: workCodec, onSetAside: () => undefined });
    expect([...j.loaded.keys()]).toEqual(['a']);
    j.close();
    expect(quarantined(dir).map((r) => r.raw)).toEqual(['nope', '{"v":2,"t":"del"}']);
    if (process.platform !== 'win32') expect(statSync(join(dir, QUARANTINE_FILE)).mode & 0o777).toBe(0o600);
  });

  it('without a listener, a set-aside record is reported as one warning line naming the quarantine file', () => {
    const dir = journalDir('warn', `${put('a', work('a', { status: 'queued' }))}\n{"v":2,"t":"put","id":"b\\u001b[31m","data":{"item":"red"}}\n`);
    const warned: string[] = [];
    const original = console.warn;
    console.warn = (m: string) => warned.push(m);
    try {
      openJournal<PersistedWork>(dir, { codec: workCodec }).close();
    } finally {
      console.warn = original;
    }
    expect(warned).toHaveLength(1);
    expect(warned[0]).toContain(`1 record(s) could not be read and were set aside in ${join(dir, QUARANTINE_FILE)} (line 2: b [31m: not a queue item (`);
    expect(warned[0]).not.toMatch(/\p{Cc}/u);
  });
});
