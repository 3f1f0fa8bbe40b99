import { describe, expect, it } from 'vitest';
import { createRunNotificationPolicy, RUNS_SUMMARY_THRESHOLD } from '../../../electron/core/desktop/run-notifications';
import type { NotificationContext } from '../../../electron/core/desktop/notification-policy';
import type { RunView } from '../../../shared/runs';

const away: NotificationContext = { enabled: true, windowFocused: false, view: 'documents' };
let n = 0;
const run = (over: Partial<RunView> = {}): RunView => ({
  resultId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  sessionId: '00000000-0000-4000-8000-0000000000b1',
  sessionName: 'March invoices',
  workspaceId: 7,
  status: 'completed',
  title: 'Invoice 42 — ACME',
  documentCount: 3,
  startedAt: 1,
  settledAt: 2,
  failure: null,
  ...over,
});

describe('run notifications', () => {
  it('one notification per completed run, naming it and opening its result; never twice', () => {
    const p = createRunNotificationPolicy();
    const r = run();
    expect(p.decide([r], away)).toEqual([
      { kind: 'run-completed', title: 'Extraction finished', body: 'Invoice 42 — ACME (3 documents) is ready.', view: 'documents', resultId: r.resultId },
    ]);
    expect(p.decide([r], away)).toEqual([]);
  });

  it('a failed run says so with the server words, else a plain sentence', () => {
    const p = createRunNotificationPolicy();
    const a = run({ status: 'failed', failure: 'Template has no fields', title: null });
    const b = run({ status: 'failed', sessionName: null, title: null });
    expect(p.decide([a, b], away)).toEqual([
      { kind: 'run-failed', title: 'Extraction failed', body: 'March invoices: Template has no fields', view: 'documents', resultId: a.resultId },
      { kind: 'run-failed', title: 'Extraction failed', body: 'The extraction: Raydocs could not complete the run.', view: 'documents', resultId: b.resultId },
    ]);
  });

  it('only completed and failed runs notify', () => {
    const p = createRunNotificationPolicy();
    expect(p.decide([run({ status: 'unknown' }), run({ status: 'processing', settledAt: null })], away)).toEqual([]);
  });

  it('many runs settling together (a one-per-file batch) make one summary that opens the documents view', () => {
    const p = createRunNotificationPolicy();
    const many = [...Array.from({ length: RUNS_SUMMARY_THRESHOLD + 2 }, () => run()), run({ status: 'failed' })];
    expect(p.decide(many, away)).toEqual([
      { kind: 'run-failed', title: 'Extractions need attention', body: '6 runs: 5 completed, 1 failed.', view: 'documents', resultId: null },
    ]);
    expect(p.decide(many, away)).toEqual([]);
  });

  it('quiet when notifications are off or the person watches the documents view, and the run does not come back later', () => {
    const p = createRunNotificationPolicy();
    const r = run();
    expect(p.decide([r], { ...away, enabled: false })).toEqual([]);
    expect(p.decide([r], away)).toEqual([]);
    const s = run();
    expect(p.decide([s], { enabled: true, windowFocused: true, view: 'documents' })).toEqual([]);
    expect(p.decide([run()], { enabled: true, windowFocused: true, view: 'queue' })).toHaveLength(1);
  });
});
