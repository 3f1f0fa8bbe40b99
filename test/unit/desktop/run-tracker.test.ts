import { describe, expect, it } from 'vitest';
import { extractionResultSchema, type ExtractionResult } from '../../../shared/api';
import type { RunView } from '../../../shared/runs';
import { ApiError } from '../../../electron/core/api/api-error';
import { createRunTracker, type Clock, type RunsClient } from '../../../electron/core/runs/run-tracker';
import { DISCOVERY_ATTEMPTS, RUN_POLL_MAX_MS, RUN_POLL_MIN_MS, nextPollDelay } from '../../../electron/core/runs/run-poll-policy';
import type { RunsFile, RunsFileContent } from '../../../electron/core/runs/runs-file';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';

const R1 = '00000000-0000-4000-8000-0000000000a1';
const R2 = '00000000-0000-4000-8000-0000000000a2';
const S1 = '00000000-0000-4000-8000-0000000000b1';
const S2 = '00000000-0000-4000-8000-0000000000b2';

/** Timers that fire only when the test moves the clock; each fired poll's promises run before the next timer. */
function fakeClock(start = 1_000_000): FakeClock & { timers(): number } {
  const clock = createFakeClock({ start });
  return Object.assign(clock, { timers: clock.pending });
}

function result(id: string, status: string, over: Record<string, unknown> = {}): ExtractionResult {
  return extractionResultSchema.parse({
    id,
    extraction_session_id: S1,
    status,
    title: status === 'completed' ? 'Invoice 42 — ACME' : null,
    document_refs: [{ kind: 'documentRef', documentId: S2, filename: 'a.pdf' }],
    ...over,
  }) as ExtractionResult;
}

/** Answers each run's scripted states in turn (the last one repeats); records when it was asked. */
function fakeClient(clock: Clock, script: Record<string, Array<string | Error>>, lists: Record<string, ExtractionResult[][]> = {}) {
  const asked: Array<{ id: string; at: number }> = [];
  const listed: Array<{ sessionId: string; at: number }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const client: RunsClient = {
    async getResult(id) {
      asked.push({ id, at: clock.now() });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await Promise.resolve();
      inFlight--;
      const steps = script[id] ?? ['processing'];
      const step = steps.length > 1 ? steps.shift()! : steps[0]!;
      if (step instanceof Error) throw step;
      return result(id, step);
    },
    async listResults(sessionId) {
      listed.push({ sessionId, at: clock.now() });
      const pages = lists[sessionId] ?? [[]];
      return pages.length > 1 ? pages.shift()! : pages[0]!;
    },
  };
  return { client, asked, listed, maxInFlight: () => maxInFlight };
}

function memoryFile(): RunsFile & { content: RunsFileContent } {
  const f = {
    content: { version: 1, runs: [], pending: [], discovered: [] } as RunsFileContent,
    load: () => structuredClone(f.content),
    save: (c: RunsFileContent) => void (f.content = structuredClone(c)),
  };
  return f;
}

function tracker(clock: Clock, client: RunsClient, file: RunsFile, maxInFlight?: number) {
  const announced: RunView[] = [];
  let changes = 0;
  const t = createRunTracker({ client, file, clock, announce: (r) => announced.push(r), changed: () => changes++, ...(maxInFlight ? { maxInFlight } : {}) });
  t.start();
  return { t, announced, changes: () => changes };
}

const label = { sessionId: S1, sessionName: 'March invoices', workspaceId: 7 };

describe('run poll policy', () => {
  it('climbs from 2 s to 30 s and starts again on a change', () => {
    const ladder: number[] = [];
    let d: number | null = null;
    for (let i = 0; i < 10; i++) ladder.push((d = nextPollDelay(d, false)));
    expect(ladder).toEqual([2000, 3000, 4500, 6750, 10125, 15188, 22782, 30000, 30000, 30000]);
    expect(nextPollDelay(30000, true)).toBe(RUN_POLL_MIN_MS);
  });
});

describe('run tracker', () => {
  it('polls a run in motion with backoff, sooner again after a state change, and stops when it settles', async () => {
    const clock = fakeClock();
    const steps = ['parsing_pending', 'parsing_pending', 'parsing_pending', 'parsing_pending', 'processing', 'processing', 'completed'];
    const fake = fakeClient(clock, { [R1]: steps });
    const { t, announced } = tracker(clock, fake.client, memoryFile());
    const start = clock.now();
    expect(t.track(result(R1, 'created'), label, { notify: true })).toMatchObject({ resultId: R1, status: 'created', settledAt: null, sessionName: 'March invoices', workspaceId: 7 });
    await clock.advance(120_000);
    const gaps = fake.asked.map((a, i) => a.at - (i === 0 ? start : fake.asked[i - 1]!.at));
    // created → parsing_pending moves (2 s), then 3 s, 4.5 s, 6.75 s in one state; processing restarts at 2 s.
    expect(gaps).toEqual([2000, 2000, 3000, 4500, 6750, 2000, 3000]);
    expect(t.get(R1)).toMatchObject({ status: 'completed', title: 'Invoice 42 — ACME', documentCount: 1 });
    expect(t.get(R1)!.settledAt).not.toBeNull();
    expect(announced.map((r) => [r.resultId, r.status])).toEqual([[R1, 'completed']]);
    await clock.advance(10 * 60_000);
    expect(fake.asked).toHaveLength(7);
    expect(clock.timers()).toBe(0);
  });

  it('never waits longer than 30 s between polls of a long parse, and keeps polling through failed reads', async () => {
    const clock = fakeClock();
    const net = new ApiError({ code: 'network', request: { method: 'GET', path: `/extractions/results/${R1}` } });
    const fake = fakeClient(clock, { [R1]: ['processing', net, net, 'processing'] });
    const { t } = tracker(clock, fake.client, memoryFile());
    t.track(result(R1, 'processing'), label, { notify: true });
    await clock.advance(10 * 60_000);
    const gaps = fake.asked.slice(1).map((a, i) => a.at - fake.asked[i]!.at);
    expect(Math.max(...gaps)).toBe(RUN_POLL_MAX_MS);
    expect(fake.asked.length).toBeGreaterThan(20);
    expect(t.get(R1)?.status).toBe('processing');
  });

  it('remembers runs in flight on disk, and after a restart polls them again and announces the settling once', async () => {
    const clock = fakeClock();
    const file = memoryFile();
    const first = fakeClient(clock, { [R1]: ['processing'] });
    const a = tracker(clock, first.client, file);
    a.t.track(result(R1, 'parsing_pending'), label, { notify: true });
    await clock.advance(3_000);
    expect(file.content.runs.map((r) => [r.resultId, r.status, r.announced])).toEqual([[R1, 'processing', false]]);
    a.t.close();
    const polls = first.asked.length;
    await clock.advance(60_000);
    expect(first.asked).toHaveLength(polls);

    // The app starts again; meanwhile the run completed on the server.
    const second = fakeClient(clock, { [R1]: ['completed'] });
    const b = tracker(clock, second.client, file);
    expect(b.t.list().map((r) => r.status)).toEqual(['processing']);
    await clock.advance(0);
    expect(b.announced.map((r) => [r.resultId, r.status, r.sessionName])).toEqual([[R1, 'completed', 'March invoices']]);
    expect(file.content.runs).toEqual([]);
    b.t.close();

    // A third start has nothing left to poll or announce.
    const third = fakeClient(clock, {});
    const c = tracker(clock, third.client, file);
    await clock.advance(60_000);
    expect(third.asked).toEqual([]);
    expect(c.announced).toEqual([]);
  });

  it('a run that settled but was not announced before the quit is announced at the next start', async () => {
    const clock = fakeClock();
    const file = memoryFile();
    const fake = fakeClient(clock, {});
    const t = createRunTracker({ client: fake.client, file, clock, announce: () => undefined, changed: () => undefined });
    // Not started yet (no listener): the settling waits, and is kept on disk.
    t.track(result(R1, 'failed'), label, { notify: true });
    expect(file.content.runs.map((r) => [r.status, r.announced])).toEqual([['failed', false]]);
    t.close();
    const b = tracker(clock, fake.client, file);
    expect(b.announced.map((r) => r.status)).toEqual(['failed']);
    expect(fake.asked).toEqual([]);
  });

  it('a run found already settled, or followed quietly, is not announced; a run deleted on the server stops without one', async () => {
    const clock = fakeClock();
    const gone = new ApiError({ code: 'not-found', status: 404, request: { method: 'GET', path: `/extractions/results/${R2}` } });
    const fake = fakeClient(clock, { [R2]: [gone] });
    const { t, announced } = tracker(clock, fake.client, memoryFile());
    t.track(result(R1, 'completed'), label, { notify: false });
    t.track(result(R2, 'processing'), label, { notify: true });
    await clock.advance(60_000);
    expect(t.get(R2)).toMatchObject({ status: 'unknown', failure: 'Raydocs no longer has this run.' });
    expect(announced).toEqual([]);
    expect(fake.asked.map((a) => a.id)).toEqual([R2]);
  });

  it('finds the run of an auto-extract session once its file is stored, follows it under the file name, once', async () => {
    const clock = fakeClock();
    const file = memoryFile();
    const fake = fakeClient(clock, { [R1]: ['completed'] }, { [S1]: [[], [], [result(R1, 'processing')]] });
    const { t, announced } = tracker(clock, fake.client, file);
    t.discover({ sessionId: S1, sessionName: 'invoice-1.pdf', workspaceId: 7 });
    t.discover({ sessionId: S1, sessionName: 'invoice-1.pdf', workspaceId: 7 });
    await clock.advance(60_000);
    expect(fake.listed).toHaveLength(3);
    expect(t.list()).toEqual([expect.objectContaining({ resultId: R1, sessionName: 'invoice-1.pdf', status: 'completed' })]);
    expect(announced.map((r) => r.resultId)).toEqual([R1]);
    expect(file.content.pending).toEqual([]);
    expect(file.content.discovered).toEqual([S1]);
    t.close();
    // Seen again after a restart (the queue reports its stored items again): not looked for twice.
    const again = fakeClient(clock, {});
    const b = tracker(clock, again.client, file);
    b.t.discover({ sessionId: S1, sessionName: 'invoice-1.pdf', workspaceId: 7 });
    await clock.advance(60_000);
    expect(again.listed).toEqual([]);
  });

  it('gives up looking for an auto-extract run that never appears', async () => {
    const clock = fakeClock();
    const file = memoryFile();
    const fake = fakeClient(clock, {});
    const { t } = tracker(clock, fake.client, file);
    t.discover({ sessionId: S2, sessionName: 'b.pdf', workspaceId: 7 });
    await clock.advance(3_600_000);
    expect(fake.listed).toHaveLength(DISCOVERY_ATTEMPTS);
    expect(file.content.pending).toEqual([]);
    expect(clock.timers()).toBe(0);
  });

  it('keeps at most a few polls in flight for a large batch of runs', async () => {
    const clock = fakeClock();
    const ids = Array.from({ length: 20 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const fake = fakeClient(clock, Object.fromEntries(ids.map((id) => [id, ['processing', 'completed']])));
    const { t, announced } = tracker(clock, fake.client, memoryFile(), 3);
    for (const id of ids) t.track(result(id, 'created'), label, { notify: true });
    await clock.advance(60_000);
    expect(fake.maxInFlight()).toBeLessThanOrEqual(3);
    expect(announced).toHaveLength(20);
    expect(t.list().every((r) => r.status === 'completed')).toBe(true);
  });
});
