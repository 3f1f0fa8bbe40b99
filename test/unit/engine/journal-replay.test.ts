// Replay reads only each id's winning value: it must give what parsing and validating every line gives, on a journal
// the previous version wrote and on seeded random journals mixing every form, escape and corruption a line can have.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal, replay, type ValueCodec } from '../../../electron/core/engine/journal';
import { decodeLine } from '../../../electron/core/engine/journal-lines';
import { recover, type PersistedWork } from '../../../electron/core/engine/work';
import { workCodec } from '../../../electron/core/engine/work-schema';
import { createRng, type Rng } from '../../emulator/prng';

const root = mkdtempSync(join(tmpdir(), 'journal-replay-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The reference: every line parsed and validated, in order; the last valid record of an id wins. */
function everyLine<T>(text: string, codec: ValueCodec<T>): { records: Map<string, T>; rejected: number[]; lines: number } {
  const records = new Map<string, T>();
  const rejected: number[] = [];
  let lines = 0;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    lines++;
    const r = decodeLine(line, codec);
    if (!r.ok) rejected.push(i + 1);
    else if (r.rec.t === 'put') records.set(r.rec.id, r.rec.data);
    else records.delete(r.rec.id);
  });
  return { records, rejected, lines };
}

describe('a journal the previous version wrote (version 2)', () => {
  const fixture = readFileSync(join(import.meta.dirname, 'journal-v2.fixture.jsonl'), 'utf8');

  it('opens whole, the same as parsing every line, and is not rewritten', () => {
    const dir = join(root, 'v2');
    mkdirSync(dir);
    writeFileSync(join(dir, 'queue.jsonl'), fixture);
    const j = openJournal<PersistedWork>(dir, { codec: workCodec, onSetAside: () => expect.fail('nothing is set aside') });
    const ids = ['item-1', 'item-2', 'item-3', 'item-4', 'item-5', 'item-6', 'item-7', 'item-8', 'item-9', 'item-10', 'item-12'];
    expect([...j.loaded.keys()]).toEqual(ids);
    expect(j.loaded).toEqual(everyLine(fixture, workCodec).records);
    expect(j.appended).toBe(15);
    const states = Object.fromEntries([...j.loaded].map(([id, p]) => [id, recover(p)]));
    expect(states['item-1']!.item.state).toEqual({ status: 'queued' });
    expect(states['item-2']).toMatchObject({ next: 'checking', recheckFile: true, item: { state: { status: 'queued', sha256: 'b'.repeat(64) } } });
    expect(states['item-3']).toMatchObject({ next: 'attaching', verifyBeforeAttach: true, key: 'tmp/3c0ffee0-0000-4000-8000-000000000003' });
    expect(states['item-4']!.item).toMatchObject({ note: 'a PNG image named .jpg: uploaded as image/png', state: { status: 'done', documentId: 'doc-4' } });
    expect(states['item-6']!.item.state).toEqual({ status: 'paused', step: 'checking' });
    expect(states['item-7']).toMatchObject({ next: 'attaching', verifyBeforeAttach: true, item: { state: { status: 'attaching', key: 'tmp/7' } } });
    expect(states['item-9']).toMatchObject({ recheckFile: false, candidateSessions: ['5a1c2a4e-8a51-4d8e-9a55-0c6c3b1f2e9b'], item: { origin: 'watch:w-1', target: { kind: 'session-per-file' } } });
    expect(states['item-10']!.item.path).toBe('C:\\Users\\Ada\\Scans\\scan "10".pdf');
    // Equal values are held once (the values themselves are the ones written, above).
    const [one, two] = [j.loaded.get('item-1')!, j.loaded.get('item-2')!];
    expect(two.item.target).toBe(one.item.target);
    j.close();
    expect(readFileSync(join(dir, 'queue.jsonl'), 'utf8')).toBe(fixture);
  });

  it('a target with a key this version does not know is kept as written, not merged with an equal-looking one', () => {
    const [first, second] = fixture.split('\n') as [string, string];
    const extra = second.replace('"sessionName":"Invoices November"}', '"sessionName":"Invoices November","color":"red"}');
    expect(extra).not.toBe(second);
    const r = replay(`${first}\n${extra}\n`, workCodec);
    expect(r.rejected).toEqual([]);
    expect(r.records.get('item-2')!.item.target).toEqual({ ...r.records.get('item-1')!.item.target, color: 'red' });
  });
});

/** Values this codec takes: an object with a numeric `n` (anything else is set aside with a reason). */
const codec: ValueCodec<{ n: number }> = {
  read: (_version, data) =>
    typeof data === 'object' && data !== null && typeof (data as { n?: unknown }).n === 'number' ? { ok: true, value: data as { n: number } } : { ok: false, reason: 'no n' },
};

/** One random line: mostly records as written, and every other form replay must read or set aside as parsing would. */
function randomLine(rng: Rng, ids: string[]): string {
  const id = ids[Math.floor(rng() * ids.length)]!;
  const data = { n: Math.floor(rng() * 100) };
  const q = JSON.stringify(id);
  const forms = [
    () => JSON.stringify({ v: 2, t: 'put', id, data }),
    () => JSON.stringify({ v: 2, t: 'put', id, data }),
    () => JSON.stringify({ v: 2, t: 'put', id, data }),
    () => JSON.stringify({ v: 2, t: 'del', id }),
    () => JSON.stringify({ t: 'put', id, v: data }),
    () => JSON.stringify({ t: 'del', id }),
    () => `{"t":"put","id":${q},"v":2}`, // a number under `v` is a version: a put without a value
    () => JSON.stringify({ data, id, v: 2, t: 'put' }),
    () => `{"v":2,"t":"put","id":${q},"data":${JSON.stringify(data)},"x":1}`, // a key after the value
    () => `{"v":2,"t":"put","id":${q},"data":${JSON.stringify(data)},"data":{"n":-1}}`,
    () => `{"v":2,"t":"put","id":${q},"data":{"n":`, // torn in the middle of the file
    () => `{"v":2,"t":"put","id":${q},"data":{"nope":1}}`, // fails the value's schema
    () => `{"v":2,"t":"put","id":${q},"data":${JSON.stringify(data)} }`,
    () => `${JSON.stringify({ v: 2, t: 'put', id, data })}\r`,
    () => `{"v":2,"t":"del","id":${q},"x":1}`,
    () => `{"v":2,"t":"put","id":"${id}\t","data":${JSON.stringify(data)}}`, // a raw tab: not JSON
    () => '   ',
    () => '',
    () => 'garbage',
    () => `{"v":3,"t":"put","id":${q},"data":${JSON.stringify(data)}}`,
  ];
  return forms[Math.floor(rng() * forms.length)]!();
}

describe('replay reads only winning values, and agrees with parsing every line', () => {
  it('a line in the written form is the record of the id its prefix names (a second "id" key counts only if it wins)', () => {
    const twoIds = `{"v":2,"t":"put","id":"a","data":{"n":1},"id":"b"}`;
    // Superseded: never parsed, so it is a record of `a` (JSON.stringify never writes a key twice).
    expect([...replay(`${twoIds}\n{"v":2,"t":"put","id":"a","data":{"n":2}}\n`, codec).records]).toEqual([['a', { n: 2 }]]);
    // Winning: its value alone is not JSON, so the line is parsed in full, as JSON reads it (the last key wins).
    expect([...replay(`${twoIds}\n`, codec).records]).toEqual([['b', { n: 1 }]]);
  });

  it('on 400 seeded random journals', () => {
    const ids = ['a', 'b', 'item-12345678901234', 'q"uote', 'back\\slash', 'é-unicode', 'c'];
    for (let seed = 1; seed <= 400; seed++) {
      const rng = createRng(seed);
      const count = 1 + Math.floor(rng() * 30);
      const text = Array.from({ length: count }, () => randomLine(rng, ids)).join('\n') + (rng() < 0.8 ? '\n' : '');
      const got = replay(text, codec);
      const want = everyLine(text, codec);
      const context = `seed ${seed}:\n${text}`;
      // The same records; first-seen order may differ only when a line of that id was set aside (replay never
      // parses a superseded line, so it counts one in the written form as seen).
      expect(new Map([...got.records].sort(([x], [y]) => (x < y ? -1 : 1))), context).toEqual(new Map([...want.records].sort(([x], [y]) => (x < y ? -1 : 1))));
      if (want.rejected.length === 0) expect([...got.records.keys()], context).toEqual([...want.records.keys()]);
      expect(got.lines, context).toBe(want.lines);
      // Every line replay sets aside is invalid; the invalid ones it does not are superseded, never read.
      for (const r of got.rejected) expect(want.rejected, context).toContain(r.line);
      expect(got.badLines).toBe(got.rejected.length);
    }
  });
});
