// The queue and settings services over a fake engine: where files go, files opened with the app, and settings the engine follows.
import { describe, expect, it, vi } from 'vitest';
import type { IntakeReport, QueueItem, Target } from '../../../shared/queue';
import { item } from '../desktop/fixtures';
import { createMemorySettingsStore } from '../../../electron/core/desktop/settings-store';
import { AppError } from '../../../electron/core/desktop/app-error';
import type { UploadEngine } from '../../../electron/core/engine';
import { createQueueService } from '../../../electron/core/services/queue-service';
import { createSettingsService } from '../../../electron/core/services/settings-service';

const target: Target = { kind: 'session', workspaceId: 1, sessionId: 's-1', sessionName: 'March invoices' };

function fakeEngine() {
  const added: Array<[string[], Target]> = [];
  const engine = {
    add: vi.fn(async (paths: string[], t: Target): Promise<IntakeReport> => {
      added.push([paths, t]);
      return { batchId: `b${added.length}`, accepted: paths.length, duplicates: 0, skipped: 0, refused: [] };
    }),
    items: [] as QueueItem[],
    snapshot: () => ({ items: engine.items, summary: {} as never }),
    cancelAll: vi.fn((batchId?: string) => engine.items.filter((i) => batchId === undefined || i.batchId === batchId).length),
    retryFailed: vi.fn(() => 2),
    removeBatch: vi.fn(() => 1),
    pause: vi.fn(),
    resume: vi.fn(),
    probeNow: vi.fn(),
    setConcurrency: vi.fn(),
    setBandwidthLimit: vi.fn(),
    setKeepFileNames: vi.fn(),
  };
  return { engine, added };
}

function queueSetup(last: Target | null = null) {
  const { engine, added } = fakeEngine();
  const events: unknown[] = [];
  const targets = { current: last, lastTarget: () => targets.current, touch: vi.fn((t: Target) => (targets.current = t)) };
  const queue = createQueueService({
    engine: engine as unknown as UploadEngine,
    targets,
    shell: { pickPaths: async () => ['/picked/a.pdf'], reveal: async () => undefined },
    emit: (e, p) => void events.push([e, p]),
    log: () => undefined,
  });
  return { queue, engine, added, events, targets };
}

describe('queue service', () => {
  it('queued files make their target the last one; items the page could not resolve are refused by name', async () => {
    const { queue, targets } = queueSetup();
    const report = await queue.handlers['queue:add']({ paths: ['/a.pdf'], unresolved: ['from-a-website.pdf'], target });
    expect(report.accepted).toBe(1);
    expect(report.refused).toEqual([{ path: 'from-a-website.pdf', code: 'refused', reason: expect.stringMatching(/not a file on this computer/) }]);
    expect(targets.touch).toHaveBeenCalledWith(target);
  });

  it('a tray drop goes to the last target, or waits when there is none', async () => {
    const empty = queueSetup(null);
    expect(await empty.queue.addToCurrentTarget(['/a.pdf'])).toBeNull();
    expect(empty.added).toHaveLength(0);
    const known = queueSetup(target);
    expect(await known.queue.addToCurrentTarget(['/a.pdf'])).toMatchObject({ accepted: 1 });
    expect(known.added).toEqual([[['/a.pdf'], target]]);
  });

  it('files opened with the app wait as one batch the window answers by id; an answer to an older offer queues nothing', async () => {
    const { queue, added, events } = queueSetup(target);
    const first = queue.offerOpened(['/x/one.pdf']);
    const joined = queue.offerOpened(['/x/two.pdf']);
    // New arrivals get a new id: an answer to what was shown before never takes files it did not show.
    expect(joined?.id).not.toBe(first?.id);
    expect(joined?.count).toBe(2);
    expect(await queue.handlers['opened:accept']({ id: first!.id, target })).toBeNull();
    expect(await queue.handlers['opened:accept']({ id: joined!.id, target })).toMatchObject({ accepted: 2 });
    expect(added).toEqual([[['/x/one.pdf', '/x/two.pdf'], target]]);
    expect(events.at(-1)).toEqual(['opened:changed', null]);
    expect(await queue.handlers['opened:get'](undefined)).toBeNull();
  });

  it('the dialog picks in main and the page sees only the report', async () => {
    const { queue, added } = queueSetup();
    expect(await queue.handlers['dialog:pick']({ kind: 'files', target })).toMatchObject({ accepted: 1 });
    expect(added).toEqual([[['/picked/a.pdf'], target]]);
  });

  it('bulk actions are one engine call each and answer their count', async () => {
    const { queue, engine } = queueSetup(target);
    engine.items = [item('a', { status: 'queued' }, 'b1'), item('b', { status: 'queued' }, 'b2')];
    expect(await queue.handlers['queue:cancel-all']({ batchId: 'b2' })).toEqual({ cancelled: 1 });
    expect(await queue.handlers['queue:cancel-all'](undefined)).toEqual({ cancelled: 2 });
    expect(await queue.handlers['queue:retry-failed']({})).toEqual({ retried: 2 });
    await queue.handlers['queue:remove-batch']({ batchId: 'b1' });
    expect(engine.removeBatch).toHaveBeenCalledWith('b1');
  });

  it('Cancel all from the tray asks with the count and the destination first; a No cancels nothing', async () => {
    const { queue, engine } = queueSetup(target);
    engine.items = [{ ...item('a', { status: 'queued' }), target }, { ...item('b', { status: 'uploading', sha256: 'x', bytesSent: 1, attempt: 1 }), target }];
    const asked: string[] = [];
    const no = async (p: { message: string }) => (asked.push(p.message), false);
    expect(await queue.askCancelAll(no, () => 'Acme Finance')).toBe(0);
    expect(asked).toEqual(['Cancel 2 files going to March invoices · Acme Finance?']);
    expect(engine.cancelAll).not.toHaveBeenCalled();
    expect(await queue.askCancelAll(async () => true, () => 'Acme Finance')).toBe(2);
    engine.items = [];
    expect(await queue.askCancelAll(async () => true, () => null)).toBe(0);
    expect(engine.cancelAll).toHaveBeenCalledTimes(1);
  });

  it('revealing a file no longer in the queue says so', async () => {
    const { queue } = queueSetup();
    await expect(queue.reveal('gone')).rejects.toMatchObject({ code: 'not-found', message: 'That file is no longer in the queue.' });
  });
});

describe('settings service', () => {
  function settingsSetup(answer: boolean) {
    const { engine } = fakeEngine();
    const store = createMemorySettingsStore({ apiBaseUrl: 'https://api.raydocs.com' });
    const asked: unknown[] = [];
    const settings = createSettingsService({
      store,
      engine,
      async ask(prompt, refusal) {
        asked.push(prompt);
        if (!answer) throw new AppError('cancelled', refusal);
      },
      emit: () => undefined,
      onListenerError: () => undefined,
    });
    return { settings, engine, store, asked };
  }

  it('the engine follows each change and listeners hear the saved settings', async () => {
    const { settings, engine } = settingsSetup(true);
    const heard = vi.fn();
    settings.onChanged(heard);
    const next = await settings.handlers['settings:set']({ concurrency: 6, bandwidthLimitBps: 1_000_000 });
    expect(engine.setConcurrency).toHaveBeenCalledWith(6);
    expect(engine.setBandwidthLimit).toHaveBeenCalledWith(1_000_000);
    expect(engine.setKeepFileNames).not.toHaveBeenCalled();
    expect(heard).toHaveBeenCalledWith(next);
  });

  it('a new API address is asked natively first; a No saves nothing', async () => {
    const { settings, store, asked } = settingsSetup(false);
    await expect(settings.handlers['settings:set']({ apiBaseUrl: 'https://elsewhere.example' })).rejects.toMatchObject({ code: 'cancelled' });
    expect(asked).toHaveLength(1);
    expect(store.get().apiBaseUrl).toBe('https://api.raydocs.com');
  });
});
