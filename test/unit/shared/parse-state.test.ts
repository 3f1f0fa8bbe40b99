// The shared parse rule, and the engine, CLI and window readings of it: the session's parsing (else the newest) decides,
// the document status is a hint when there is no parsing, unknown = working.
import { describe, expect, it } from 'vitest';
import { parseUnderWay } from '../../../electron/core/engine';
import { documentParseState } from '../../../shared/api';
import { judgedParsing, judgeParse, latestParsings, sessionConfigHash, type ParseKind, type ParsingInput } from '../../../shared/parse-state';

const H = 'a'.repeat(64);
const G = 'b'.repeat(64);
const T0 = '2026-01-01T10:00:00Z';
const T5 = '2026-01-01T10:05:00Z';

interface Case {
  name: string;
  status: string | null;
  parsings: Array<ParsingInput & { id: string }> | null;
  /** The session's config hash (its newest result's), when known. */
  sessionHash?: string;
  kind: ParseKind;
  reason?: string;
}

/** Hash-less parsings, listed in order, each with its own id. */
const bare = (...statuses: string[]) => statuses.map((status, i) => ({ id: `p${i}`, status }));

const CASES: Case[] = [
  // A reparse adds a parsing beside the one it replaces: only the newest per config_hash counts.
  {
    name: 'a ready reparse beside the old failed parsing is parsed',
    status: 'processed',
    parsings: [
      { id: 'old', config_hash: H, status: 'failed', updated_at: T0 },
      { id: 'new', config_hash: H, status: 'ready', updated_at: T5 },
    ],
    kind: 'parsed',
  },
  {
    name: 'newest by updated_at, not by list order: ready listed first but newer is parsed',
    status: 'processed',
    parsings: [
      { id: 'new', config_hash: H, status: 'ready', updated_at: T5 },
      { id: 'old', config_hash: H, status: 'failed', updated_at: T0 },
    ],
    kind: 'parsed',
  },
  {
    name: 'a reparse that failed after an earlier success is failed, whatever the list order',
    status: 'processed',
    parsings: [
      { id: 'new', config_hash: H, status: 'failed', updated_at: T5 },
      { id: 'old', config_hash: H, status: 'ready', updated_at: T0 },
    ],
    kind: 'failed',
    reason: 'parsing failed',
  },
  {
    name: 'without times the later listed parsing wins: a ready reparse after a failure is parsed',
    status: 'processed',
    parsings: [
      { id: 'p1', config_hash: 'h', status: 'failed' },
      { id: 'p2', config_hash: 'h', status: 'ready' },
    ],
    kind: 'parsed',
  },
  {
    name: 'a reparse still running keeps a processed document working',
    status: 'processed',
    parsings: [
      { id: 'old', config_hash: H, status: 'failed' },
      { id: 'new', config_hash: H, status: 'processing' },
    ],
    kind: 'parsing',
  },
  {
    name: 'a reparse only queued beside a ready parsing is waiting',
    status: 'processed',
    parsings: [
      { id: 'old', config_hash: H, status: 'ready' },
      { id: 'new', config_hash: H, status: 'queued' },
    ],
    kind: 'waiting',
  },
  // A reused workspace document can carry parsings of other templates' configs: only this session's counts.
  {
    name: "an older failed parsing of another config does not fail the document: the newest (ready) one decides",
    status: 'processed',
    parsings: [
      { id: 'p1', config_hash: H, status: 'ready', updated_at: T5 },
      { id: 'p2', config_hash: G, status: 'failed', updated_at: T0 },
    ],
    kind: 'parsed',
  },
  {
    name: "with the session's config hash known, a newer failed parsing of another config does not fail it",
    status: 'failed',
    parsings: [
      { id: 'mine', config_hash: H, status: 'ready', updated_at: T0 },
      { id: 'other', config_hash: G, status: 'failed', updated_at: T5 },
    ],
    sessionHash: H,
    kind: 'parsed',
  },
  {
    name: "with the session's config hash known, its failed parsing fails the document beside a newer ready one",
    status: 'processed',
    parsings: [
      { id: 'mine', config_hash: H, status: 'failed', updated_at: T0 },
      { id: 'other', config_hash: G, status: 'ready', updated_at: T5 },
    ],
    sessionHash: H,
    kind: 'failed',
    reason: 'parsing failed',
  },
  {
    name: "with the session's config hash in another form than the parsings' (cfg_…), the newest parsing decides",
    status: 'uploaded',
    parsings: [
      { id: 'p1', config_hash: 'cfg_0123456789abcdef', status: 'failed', updated_at: T0 },
      { id: 'p2', config_hash: 'cfg_fedcba9876543210', status: 'processing', updated_at: T5 },
    ],
    sessionHash: H,
    kind: 'parsing',
  },
  {
    name: 'parsings without a hash: the last listed decides (failed)',
    status: 'processed',
    parsings: bare('ready', 'failed'),
    kind: 'failed',
    reason: 'parsing failed',
  },
  {
    name: 'parsings without a hash: the last listed decides (ready after a failure)',
    status: 'processed',
    parsings: bare('failed', 'ready'),
    kind: 'parsed',
  },
  // The document status is not promised to move with its parsings (§9.2, §9.6): it is only read when there are none.
  {
    name: 'a document whose status stays uploaded while its parsing is ready is parsed',
    status: 'uploaded',
    parsings: [{ id: 'p', config_hash: H, status: 'ready', updated_at: T5 }],
    kind: 'parsed',
  },
  {
    name: 'a document whose status stays uploaded while its parsing failed is failed',
    status: 'uploaded',
    parsings: [{ id: 'p', config_hash: 'cfg_0123456789abcdef', status: 'failed' }],
    kind: 'failed',
    reason: 'parsing failed',
  },
  // Document status.
  { name: 'processed with a ready parsing is parsed', status: 'processed', parsings: bare('ready'), kind: 'parsed' },
  { name: 'processed without parsings (list views omit them) is parsed', status: 'processed', parsings: [], kind: 'parsed' },
  { name: 'processed with parsings missing altogether is parsed', status: 'processed', parsings: null, kind: 'parsed' },
  { name: 'a ready parsing and a running one keep a processed document working', status: 'processed', parsings: bare('ready', 'processing'), kind: 'parsing' },
  { name: 'a failed document is failed', status: 'failed', parsings: [], kind: 'failed', reason: 'document failed' },
  { name: 'a failed document with a failed parsing names the parsing', status: 'failed', parsings: bare('failed'), kind: 'failed', reason: 'parsing failed' },
  { name: 'a failed parsing fails the document even while its status lags', status: 'processing', parsings: bare('failed'), kind: 'failed', reason: 'parsing failed' },
  { name: 'a ready parsing makes a document whose status lags (processing) parsed', status: 'processing', parsings: bare('ready'), kind: 'parsed' },
  { name: 'a ready parsing wins over a failed document status', status: 'failed', parsings: bare('ready'), kind: 'parsed' },
  // Unknown strings are still working (docs/raydocs-api.md §9.2).
  { name: 'an unknown document status is parsing', status: 'brand-new-status', parsings: [], kind: 'parsing' },
  { name: 'an unknown document status with a ready parsing is parsed', status: 'mystery', parsings: bare('ready'), kind: 'parsed' },
  { name: 'an unknown parsing status is still working', status: 'processed', parsings: bare('mystery'), kind: 'parsing' },
  { name: 'a missing document status is still working', status: null, parsings: null, kind: 'parsing' },
  // "Waiting" is display only: nothing has started.
  { name: 'uploaded without parsings is waiting', status: 'uploaded', parsings: [], kind: 'waiting' },
  { name: 'uploaded with a queued parsing is waiting', status: 'uploaded', parsings: bare('queued'), kind: 'waiting' },
  { name: 'processing with only a queued parsing is waiting', status: 'processing', parsings: [{ id: 'a', status: 'queued', config_hash: 'h' }], kind: 'waiting' },
  { name: 'uploaded with a parsing under way is parsing', status: 'uploaded', parsings: bare('processing'), kind: 'parsing' },
  { name: 'processing without parsings is parsing', status: 'processing', parsings: [], kind: 'parsing' },
  // Status words across generations, in any case.
  { name: 'G1 parsed/done and upper case read as success', status: 'PARSED', parsings: bare('Done', 'succeeded'), kind: 'parsed' },
  { name: 'error-like parsing statuses are failures', status: 'processed', parsings: bare('ready', 'Errored'), kind: 'failed', reason: 'parsing Errored' },
  { name: 'an unsupported document is failed', status: 'unsupported', parsings: null, kind: 'failed', reason: 'document unsupported' },
];

describe('judgeParse', () => {
  it.each(CASES)('$name', (c) => {
    const verdict = judgeParse({ status: c.status, parsings: c.parsings }, c.sessionHash);
    expect(verdict).toEqual(c.kind === 'failed' ? { kind: 'failed', reason: c.reason } : { kind: c.kind });
  });
});

describe('latestParsings', () => {
  it('keeps the newest per config_hash by updated_at, in list order', () => {
    const parsings = [
      { id: 'new', config_hash: 'h', status: 'ready', updated_at: '2026-01-02T00:00:00Z' },
      { id: 'other', config_hash: 'g', status: 'ready' },
      { id: 'old', config_hash: 'h', status: 'failed', updated_at: '2026-01-01T00:00:00Z' },
    ];
    expect(latestParsings(parsings).map((p) => p.id)).toEqual(['new', 'other']);
  });
  it('without times the later listed one wins', () => {
    expect(latestParsings([{ id: 'old', config_hash: H, status: 'failed' }, { id: 'new', config_hash: H, status: 'processing' }]).map((p) => p.id)).toEqual(['new']);
  });
  it('a time on only one of them falls back to list order', () => {
    expect(latestParsings([{ id: 'old', config_hash: H, updated_at: T5 }, { id: 'new', config_hash: H }]).map((p) => p.id)).toEqual(['new']);
  });
  it('parsings without a hash each stand alone', () => {
    expect(latestParsings(bare('ready', 'failed')).map((p) => p.id)).toEqual(['p0', 'p1']);
  });
});

describe("the session's config hash", () => {
  it('is the newest result\'s, by created_at, else the last listed; results without one are passed over', () => {
    expect(sessionConfigHash([])).toBeNull();
    expect(sessionConfigHash([{ config_hash: H, created_at: T5 }, { config_hash: G, created_at: T0 }])).toBe(H);
    expect(sessionConfigHash([{ config_hash: H }, { config_hash: G }])).toBe(G);
    expect(sessionConfigHash([{ config_hash: H }, { config_hash: null }])).toBe(H);
  });
  it("picks the session's parsing when it has one, else the newest of all", () => {
    const parsings = [
      { id: 'mine', config_hash: H, status: 'ready', updated_at: T0 },
      { id: 'other', config_hash: G, status: 'failed', updated_at: T5 },
    ];
    expect(judgedParsing(parsings, H)?.id).toBe('mine');
    expect(judgedParsing(parsings, 'cfg_0123456789abcdef')?.id).toBe('other');
    expect(judgedParsing(parsings)?.id).toBe('other');
    expect(judgedParsing([])).toBeNull();
  });
});

describe('the engine and the CLI read the same verdict', () => {
  const CLI: Record<ParseKind, string> = { parsed: 'ready', failed: 'failed', waiting: 'in-progress', parsing: 'in-progress' };

  it.each(CASES)('$name', (c) => {
    const parsings = (c.parsings ?? []).map((p) => ({ id: p.id ?? 'p', status: p.status ?? 'unknown', configHash: p.config_hash ?? null, updatedAt: p.updated_at ?? null }));
    // The engine follows a parse only while one is queued or running: a stored document with no parsing waits for a run.
    const underWay = c.kind === 'parsing' || (c.kind === 'waiting' && parsings.length > 0);
    expect(parseUnderWay(c.status ?? '', parsings, c.sessionHash)).toBe(underWay);
    expect(documentParseState({ status: c.status, parsings: c.parsings }, c.sessionHash)).toBe(CLI[c.kind]);
  });
});
