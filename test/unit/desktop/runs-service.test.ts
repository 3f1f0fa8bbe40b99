import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extractionResultSchema, type ExtractionResult } from '../../../shared/api';
import type { QueueItem } from '../../../shared/queue';
import type { RunView } from '../../../shared/runs';
import type { Clock } from '../../../electron/core/runs/run-tracker';
import { createRunsService, type RunsServiceDeps } from '../../../electron/core/runs/runs-service';

const S = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const T = '00000000-0000-4000-8000-00000000aaaa';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function manualClock(): Clock & { fire(): void } {
  const timers = new Map<object, () => void>();
  return {
    now: () => 1_000,
    setTimeout: (fn) => {
      const handle = {};
      timers.set(handle, fn);
      return handle;
    },
    clearTimeout: (h) => void (h && timers.delete(h)),
    fire() {
      const due = [...timers.entries()];
      timers.clear();
      for (const [, fn] of due) fn();
    },
  };
}

const result = (id: string, sessionId: string, status: string): ExtractionResult =>
  extractionResultSchema.parse({ id, extraction_session_id: sessionId, status, title: 'T', document_refs: [] }) as ExtractionResult;

function service(clock: Clock, lists: Record<string, ExtractionResult[]> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'raydocs-runs-svc-'));
  dirs.push(dir);
  const emitted: RunView[][] = [];
  const deps: RunsServiceDeps = {
    client: {
      runExtraction: async (sessionId) => result(S(100 + Number(sessionId.slice(-3))), sessionId, 'completed'),
      getResult: async () => {
        throw new Error('unused');
      },
      listResults: async () => [],
      getSession: async () => {
        throw new Error('unused');
      },
      exportResultExcel: async () => ({ bytes: 0, filename: null }),
      exportSessionsExcel: async () => ({ bytes: 0, filename: null }),
    },
    background: { getResult: async (id) => result(id, S(1), 'processing'), listResults: async (sessionId) => lists[sessionId] ?? [] },
    userDataDir: dir,
    chooseSaveTarget: async () => null,
    knownSession: () => ({ sessionName: 'Known', workspaceId: 3, templateId: T, templateName: 'Invoices' }),
    started: () => undefined,
    emitRuns: (runs) => void emitted.push(runs),
    log: () => undefined,
    clock,
  };
  return { svc: createRunsService(deps), emitted };
}

describe('runs service', () => {
  it('many runs changing at once make one runs:changed message with them all', async () => {
    const clock = manualClock();
    const { svc, emitted } = service(clock);
    svc.start();
    for (let i = 1; i <= 20; i++) await svc.handlers['results:run']({ sessionId: S(i) });
    expect(emitted).toEqual([]);
    clock.fire();
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toHaveLength(20);
    svc.close();
  });

  it('settled runs wait for a listener, then arrive together', async () => {
    const clock = manualClock();
    const { svc } = service(clock);
    svc.start();
    await svc.handlers['results:run']({ sessionId: S(1) });
    await svc.handlers['results:run']({ sessionId: S(2) });
    clock.fire();
    const got: RunView[][] = [];
    svc.onSettled((runs) => got.push(runs));
    clock.fire();
    expect(got.map((g) => g.map((r) => [r.sessionId, r.status, r.sessionName]))).toEqual([
      [
        [S(1), 'completed', 'Known'],
        [S(2), 'completed', 'Known'],
      ],
    ]);
    svc.close();
  });

  it('only stored files of auto_extract one-per-file sessions are looked into', () => {
    const clock = manualClock();
    const { svc } = service(clock);
    const done = { status: 'done', sha256: 'a'.repeat(64), documentId: S(50), outcome: 'uploaded', documentStatus: 'uploaded', parsings: [] } as const;
    const item = (n: number, autoExtract: boolean, status: 'done' | 'queued'): QueueItem =>
      ({
        id: `i${n}`,
        path: `/f${n}.pdf`,
        name: `f${n}.pdf`,
        size: 1,
        format: 'pdf',
        target: { kind: 'session-per-file', workspaceId: 3, templateId: T, templateName: 'Invoices', autoExtract },
        batchId: 'b',
        addedAt: 0,
        state: status === 'done' ? { ...done, sessionId: S(n) } : { status: 'queued' },
      }) as QueueItem;
    svc.noteItems([item(1, true, 'done'), item(2, false, 'done'), item(3, true, 'queued')]);
    svc.start();
    const file = JSON.parse(readFileSync(join(dirs[0]!, 'runs.json'), 'utf8')) as { pending: Array<{ sessionId: string; sessionName: string }> };
    expect(file.pending.map((p) => [p.sessionId, p.sessionName])).toEqual([[S(1), 'f1.pdf']]);
    svc.close();
  });
});
