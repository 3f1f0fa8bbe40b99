// The journal's line format, a zod envelope per version, and replay: kinds and ids read from line prefixes in place, only
// each id's winning value parsed and validated, since parsing is most of a restart and no format parses faster (docs/engine.md).
import { z } from 'zod';

/**
 * The version this code writes. 1: `{"t":"put","id":…,"v":value}` / `{"t":"del","id":…}` (no version field; `v`
 * held the value). 2: `{"v":2,"t":"put","id":…,"data":value}` / `{"v":2,"t":"del","id":…}`.
 */
export const JOURNAL_VERSION = 2;
export type JournalVersion = 1 | 2;

export type JournalRecord<T> = { t: 'put'; id: string; data: T } | { t: 'del'; id: string };

export type ReadResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * What a put's value must look like. `read` validates a value as `version` wrote it and brings it to today's shape
 * (the one place older shapes are upgraded), or says why it cannot.
 */
export interface ValueCodec<T> {
  read(version: JournalVersion, data: unknown): ReadResult<T>;
}

/** Takes any value as it is: for journals whose values need no checking (tests, benches of the format itself). */
export const anyValue: ValueCodec<never> = { read: (_version, data) => ({ ok: true, value: data as never }) };

const id = z.string();
const envelopes = {
  1: z.discriminatedUnion('t', [z.object({ t: z.literal('put'), id, v: z.unknown() }), z.object({ t: z.literal('del'), id })]),
  2: z.discriminatedUnion('t', [z.object({ v: z.literal(2), t: z.literal('put'), id, data: z.unknown() }), z.object({ v: z.literal(2), t: z.literal('del'), id })]),
} satisfies Record<JournalVersion, z.ZodType>;

/** A line set aside: where it was, why, and the line itself. */
export interface Rejected {
  /** 1-based line number in the file as read. */
  line: number;
  reason: string;
  raw: string;
}

/** One line as a record of today's shape, or why it is not one. */
export function decodeLine<T>(line: string, codec: ValueCodec<T>): { ok: true; rec: JournalRecord<T> } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not a journal record (not a JSON object)' };
  // A numeric `v` is the version; version 1 had none (its `v` was a put's value, always an object in the engine's journal).
  const v = (raw as { v?: unknown }).v;
  const version = typeof v === 'number' ? v : 1;
  if (version !== 1 && version !== 2) return { ok: false, reason: `written by a newer version of the journal (version ${version}; this one reads 1 and 2)` };
  const field = version === 1 ? 'v' : 'data';
  if ((raw as { t?: unknown }).t === 'put' && !(field in raw)) return { ok: false, reason: `a put without a value (no "${field}")` };
  const fast = version === 2 ? envelopeV2(raw as Record<string, unknown>) : null;
  if (fast) return fast.t === 'del' ? { ok: true, rec: fast } : putOf(fast.id, codec.read(2, fast.data));
  const env = envelopes[version].safeParse(raw);
  if (!env.success) return { ok: false, reason: `not a journal record of version ${version} (${describe(env.error)})` };
  const e = env.data;
  if (e.t === 'del') return { ok: true, rec: { t: 'del', id: e.id } };
  return putOf(e.id, codec.read(version, (raw as Record<string, unknown>)[field]));
}

function putOf<T>(id: string, value: ReadResult<T>): { ok: true; rec: JournalRecord<T> } | { ok: false; reason: string } {
  return value.ok ? { ok: true, rec: { t: 'put', id, data: value.value } } : { ok: false, reason: `${id}: ${value.reason}` };
}

/**
 * What the version 2 envelope schema accepts, checked by hand: the schema's own pass costs a copy of every record at
 * open, 100,000 of them for a large queue. Null when it does not pass: the schema then says why.
 */
function envelopeV2(raw: Record<string, unknown>): { t: 'put'; id: string; data: unknown } | { t: 'del'; id: string } | null {
  if (raw.v !== 2 || typeof raw.id !== 'string') return null;
  if (raw.t === 'del') return { t: 'del', id: raw.id };
  return raw.t === 'put' && 'data' in raw ? { t: 'put', id: raw.id, data: raw.data } : null;
}

/** A zod error in a few words: where and what, never the value (it may name a person's file). */
export function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(record)'}: ${i.message}`)
    .join('; ');
}

/** A line as this version writes it (JSON.stringify keeps this key order, which `peek` relies on). */
export function encodeLine<T>(rec: JournalRecord<T>): string {
  return rec.t === 'put' ? JSON.stringify({ v: JOURNAL_VERSION, t: 'put', id: rec.id, data: rec.data }) : JSON.stringify({ v: JOURNAL_VERSION, t: 'del', id: rec.id });
}

/** A version 2 line as written, up to its id, and what follows the id of a put. */
const PUT = '{"v":2,"t":"put","id":"';
const DEL = '{"v":2,"t":"del","id":"';
const DATA = '","data":';
/** The same for version 1 (no version field; `v` held the value). */
const PUT1 = '{"t":"put","id":"';
const DEL1 = '{"t":"del","id":"';
const VALUE1 = '","v":';

/** A line in a form we write, read from its prefix: its kind, id, and where a version 2 put's value starts (else -1). */
interface Peeked {
  put: boolean;
  id: string;
  data: number;
}

/**
 * The kind and id of the line text[start, end) read from its prefix without parsing it, or null when it is not in a
 * form we write (then it is parsed in full). An id is taken as written only when JSON would read it so: no escape, no
 * control character.
 */
function peek(text: string, start: number, end: number): Peeked | null {
  const form = text.startsWith(PUT, start) ? 0 : text.startsWith(DEL, start) ? 1 : text.startsWith(PUT1, start) ? 2 : text.startsWith(DEL1, start) ? 3 : -1;
  if (form < 0) return null;
  const put = form === 0 || form === 2;
  const open = start + (form < 2 ? PUT.length : PUT1.length); // a form's put and del prefixes have the same length
  const close = text.indexOf('"', open);
  if (close < 0 || close >= end) return null;
  if (put) {
    if (!text.startsWith(form === 0 ? DATA : VALUE1, close) || text.charCodeAt(end - 1) !== 0x7d) return null;
  } else if (end !== close + 2 || text.charCodeAt(close + 1) !== 0x7d) return null;
  const id = text.slice(open, close);
  if (!plainId(id)) return null;
  return { put, id, data: form === 0 ? close + DATA.length : -1 };
}

function plainId(id: string): boolean {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 0x20 || c === 0x5c) return false;
  }
  return true;
}

export interface ReplayResult<T> {
  records: Map<string, T>;
  /** Lines set aside (not JSON, not a record, an unknown version, a value that fails its schema). */
  rejected: Rejected[];
  /** `rejected.length`. */
  badLines: number;
  /** Non-empty lines: records in the file, which drives compaction. */
  lines: number;
}

/**
 * Replays line by line, reading and validating every line: the reference behaviour, used when a winning line
 * turns out invalid (so the previous valid record of that id wins).
 */
function replayEveryLine<T>(text: string, codec: ValueCodec<T>): ReplayResult<T> {
  const records = new Map<string, T>();
  const rejected: Rejected[] = [];
  let lines = 0;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    lines++;
    const r = decodeLine(line, codec);
    if (!r.ok) rejected.push({ line: i + 1, reason: r.reason, raw: line });
    else if (r.rec.t === 'put') records.set(r.rec.id, r.rec.data);
    else records.delete(r.rec.id);
  });
  return { records, rejected, badLines: rejected.length, lines };
}

/**
 * Replays JSONL text: the last valid record per id wins, a delete removes, a line that is not a valid record is
 * set aside (`rejected`, never fatal). Only the winning line of each id is parsed and validated: superseded records
 * are recognised by their prefix alone (a corrupt one among them is never read, and compaction drops it). A winning
 * version 2 put is `prefix + value + "}"`, so only its value is parsed: that is the same record JSON.parse of the
 * line would give, or, when the value alone is not JSON (another key after it), the exact replay below decides.
 */
export function replay<T>(text: string, codec: ValueCodec<T> = anyValue): ReplayResult<T> {
  // id → where its winning line starts, then (once read) its value; Map order is first-seen order (a delete then a
  // put moves an id to the end), and setting a read value keeps it.
  const winners = new Map<string, number | T>();
  // Winners not in the version 2 form of a put (parsed in full at the end): id → the line.
  let parsedLines: Map<string, string> | null = null;
  const rejected: Rejected[] = [];
  let lines = 0;
  let lineNo = 0;
  let pos = 0;
  const len = text.length;
  while (pos < len) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = len;
    const start = pos;
    pos = end + 1;
    lineNo++;
    if (end === start) continue;
    const p = peek(text, start, end);
    if (p) {
      lines++;
      if (!p.put) {
        winners.delete(p.id);
        parsedLines?.delete(p.id);
      } else if (p.data >= 0) {
        winners.set(p.id, p.data);
        parsedLines?.delete(p.id);
      } else {
        (parsedLines ??= new Map()).set(p.id, text.slice(start, end));
        winners.set(p.id, -1);
      }
      continue;
    }
    const line = text.slice(start, end);
    if (line.trim() === '') continue;
    lines++;
    const r = decodeLine(line, codec);
    if (!r.ok) rejected.push({ line: lineNo, reason: r.reason, raw: line });
    else if (r.rec.t === 'del') {
      winners.delete(r.rec.id);
      parsedLines?.delete(r.rec.id);
    } else {
      (parsedLines ??= new Map()).set(r.rec.id, line);
      winners.set(r.rec.id, -1);
    }
  }
  for (const [id, at] of winners) {
    // Every value is still a position here: each id is visited once, and setting its value does not move it.
    const value = (at as number) >= 0 ? readValue(text, at as number, codec) : readLine(parsedLines?.get(id), id, codec);
    // An invalid winner means an earlier record of that id should win: replay the slow, exact way.
    if (!value?.ok) return replayEveryLine(text, codec);
    winners.set(id, value.value);
  }
  return { records: winners as Map<string, T>, rejected, badLines: rejected.length, lines };
}

/** A version 2 put's value, from `at` to the line's closing brace. */
function readValue<T>(text: string, at: number, codec: ValueCodec<T>): ReadResult<T> | null {
  let end = text.indexOf('\n', at);
  if (end < 0) end = text.length;
  let data: unknown;
  try {
    data = JSON.parse(text.slice(at, end - 1));
  } catch {
    return null;
  }
  return codec.read(2, data);
}

function readLine<T>(line: string | undefined, id: string, codec: ValueCodec<T>): ReadResult<T> | null {
  const r = line === undefined ? null : decodeLine(line, codec);
  return r?.ok && r.rec.t === 'put' && r.rec.id === id ? { ok: true, value: r.rec.data } : null;
}
