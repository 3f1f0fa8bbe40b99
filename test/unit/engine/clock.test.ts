// The engine on a fake clock: the backoff's timer, its retryAt and its jitter all come from EngineOptions.clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/core/api/api-error';
import { createEngine, type EngineClient, type UploadEngine } from '../../../electron/core/engine';
import type { ItemState } from '../../../shared/queue';
import { createRng } from '../../emulator/prng';
import { writeFile } from '../../fixtures/make-files';
import { createFakeClock, settle } from '../../support/fake-clock';

const dirs: string[] = [];
const engines: UploadEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every signed-URL call answers 503; the session holds nothing. Anything else is not expected here. */
function failingClient(signCalls: number[], now: () => number): EngineClient {
  const unexpected = (): never => {
    throw new Error('unexpected call');
  };
  return {
    listWorkspaces: async () => [],
    listSessionDocuments: async () => [],
    signedStorageUrl: async () => {
      signCalls.push(now());
      throw new ApiError({ code: 'server', status: 503, request: { method: 'POST', path: '/vapor/signed-storage-url' } });
    },
    uploadSessionDocuments: unexpected,
    attachSessionDocuments: unexpected,
    detachSessionDocument: unexpected,
    createWorkspaceDocument: unexpected,
    listWorkspaceDocuments: async () => ({ data: [] }),
    getWorkspaceDocument: unexpected,
    reparseDocument: unexpected,
    listResults: async () => [],
    renameSession: unexpected,
    batchCreateSessions: unexpected,
  };
}

/** Real file I/O (hashing, stat, the journal) finishes on its own: wait for it by turns, bounded, never by a sleep. */
async function untilState(e: UploadEngine, pred: (s: ItemState) => boolean, what: string): Promise<ItemState> {
  const end = Date.now() + 10_000;
  for (;;) {
    const s = e.snapshot().items[0]?.state;
    if (s && pred(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (state ${JSON.stringify(s)})`);
    await settle(1);
  }
}

describe('the engine on a fake clock', () => {
  it('backs off with the clock: retryAt is now + the jitter drawn from clock.random, and the retry waits for the clock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'engine-clock-'));
    dirs.push(dir);
    writeFile(join(dir, 'a.pdf'), 'pdf');
    const clock = createFakeClock({ seed: 42 });
    const draws = createRng(42); // the same stream: the engine draws from the clock for each backoff, and only there
    const signCalls: number[] = [];
    // Minutes of backoff: were any of it on real timers, the test would time out instead of passing at once.
    const retry = { baseMs: 60_000, capMs: 10 * 60_000, budget: 3 };
    const budget = retry.budget;
    const e = createEngine({ client: failingClient(signCalls, clock.now), journalDir: join(dir, 'journal'), clock, retry });
    engines.push(e);
    await e.add([join(dir, 'a.pdf')], { kind: 'session', workspaceId: 1, sessionId: 's1', sessionName: 'S' });

    for (let attempt = 1; attempt <= budget; attempt++) {
      const s = await untilState(e, (st) => st.status === 'waiting' && st.attempt === attempt, `backoff ${attempt}`);
      const ceiling = Math.min(retry.capMs, retry.baseMs * 2 ** (attempt - 1));
      const delay = Math.floor(draws() * ceiling);
      expect(s).toMatchObject({ status: 'waiting', step: 'uploading', reason: 'retry-backoff', retryAt: clock.now() + delay });
      const calls = signCalls.length;
      // Not a millisecond early: the item waits for the clock, however long the real time.
      if (delay > 0) {
        await clock.advance(delay - 1);
        expect(e.snapshot().items[0]!.state.status).toBe('waiting');
        expect(signCalls).toHaveLength(calls);
      }
      await clock.advance(delay > 0 ? 1 : 0);
      await untilState(e, () => signCalls.length > calls, `retry ${attempt}`);
      expect(signCalls.at(-1)).toBe(s.status === 'waiting' ? s.retryAt : NaN);
    }
    const failed = await untilState(e, (st) => st.status === 'failed', 'giving up');
    expect(failed).toMatchObject({ status: 'failed', step: 'uploading', error: { code: 'retries-exhausted' } });
    expect(signCalls).toHaveLength(budget + 1);
  });
});
