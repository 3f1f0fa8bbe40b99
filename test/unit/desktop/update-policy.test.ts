import { describe, expect, it } from 'vitest';
import {
  activityOf,
  CHECK_INTERVAL_MS,
  FIRST_CHECK_DELAY_MS,
  initialUpdateState,
  installDecision,
  nextCheckIn,
  reduceUpdate,
  RETRY_AFTER_FAILURE_MS,
  shouldDownload,
  trayUpdate,
  updateView,
  type UpdateState,
  type UpdaterEvent,
} from '../../../electron/core/desktop/update-policy';
import { trayModel, type TrayInput } from '../../../electron/core/desktop/tray-model';
import { updateViewSchema } from '../../../shared/update';
import { summary } from './fixtures';

const idle = activityOf(summary({ done: 3, failed: 1, paused: 2 }));
const uploading = activityOf(summary({ uploading: 2, queued: 1, done: 3 }));
const ready: UpdateState = { kind: 'ready', version: '1.2.0' };

function run(events: UpdaterEvent[], from: UpdateState = initialUpdateState({ packaged: true, demo: false })): UpdateState {
  return events.reduce(reduceUpdate, from);
}

describe('update policy: when to check', () => {
  it('is off unpackaged and in the demo, and checks nothing then', () => {
    expect(initialUpdateState({ packaged: false, demo: false })).toEqual({ kind: 'disabled', reason: 'not-packaged' });
    const demo = initialUpdateState({ packaged: true, demo: true });
    expect(demo).toEqual({ kind: 'disabled', reason: 'demo' });
    expect(nextCheckIn(demo, 0)).toBeNull();
    // Events cannot switch a disabled updater on.
    expect(reduceUpdate(demo, { type: 'downloaded', version: '9.9.9' })).toBe(demo);
  });

  it('first checks a minute after start, then every 6 hours, and an hour after a failure', () => {
    const start = initialUpdateState({ packaged: true, demo: false });
    expect(nextCheckIn(start, 0)).toBe(FIRST_CHECK_DELAY_MS);
    const checked = run([{ type: 'check-started', at: 1000 }, { type: 'not-available', at: 2000 }]);
    expect(checked).toEqual({ kind: 'idle', lastCheckedAt: 2000 });
    expect(nextCheckIn(checked, 2000)).toBe(CHECK_INTERVAL_MS);
    expect(nextCheckIn(checked, 2000 + CHECK_INTERVAL_MS + 5)).toBe(0);
    const failed = run([{ type: 'check-started', at: 0 }, { type: 'error', at: 10_000, message: 'net::ERR_INTERNET_DISCONNECTED' }]);
    expect(nextCheckIn(failed, 10_000)).toBe(RETRY_AFTER_FAILURE_MS);
    expect(RETRY_AFTER_FAILURE_MS).toBeLessThan(CHECK_INTERVAL_MS);
  });

  it('a check that settles without a word counts as "no update", and never undoes what it found', () => {
    expect(run([{ type: 'check-started', at: 0 }, { type: 'check-finished', at: 50 }])).toEqual({ kind: 'idle', lastCheckedAt: 50 });
    const found = run([{ type: 'check-started', at: 0 }, { type: 'available', version: '1.2.0' }, { type: 'check-finished', at: 50 }]);
    expect(found).toEqual({ kind: 'available', version: '1.2.0' });
  });

  it('does not check again while a check or a download runs, nor once an update waits', () => {
    expect(nextCheckIn({ kind: 'checking', startedAt: 0 }, 1e12)).toBeNull();
    expect(nextCheckIn({ kind: 'downloading', version: '1.2.0', percent: 5 }, 1e12)).toBeNull();
    expect(nextCheckIn(ready, 1e12)).toBeNull();
  });
});

describe('update policy: when to download', () => {
  it('downloads a found update while online, also during uploads (downloading never restarts anything)', () => {
    const found = run([{ type: 'check-started', at: 0 }, { type: 'available', version: '1.2.0' }]);
    expect(found).toEqual({ kind: 'available', version: '1.2.0' });
    expect(shouldDownload(found, idle)).toBe(true);
    expect(shouldDownload(found, uploading)).toBe(true);
    expect(shouldDownload(found, activityOf(summary({ queued: 2 }, { connectivity: { state: 'offline', since: 0, nextProbeAt: null, message: 'no network' } })))).toBe(false);
    expect(shouldDownload({ kind: 'downloading', version: '1.2.0', percent: 1 }, idle)).toBe(false);
  });

  it('follows the download to ready; a later error or check keeps the ready update', () => {
    const s = run([
      { type: 'check-started', at: 0 },
      { type: 'available', version: '1.2.0' },
      { type: 'progress', percent: 40.4 },
      { type: 'progress', percent: 140 },
    ]);
    expect(s).toEqual({ kind: 'downloading', version: '1.2.0', percent: 100 });
    expect(updateView(s, idle)).toEqual({ status: 'downloading', version: '1.2.0', percent: 100 });
    const done = reduceUpdate(s, { type: 'downloaded', version: '1.2.0' });
    expect(done).toEqual(ready);
    expect(reduceUpdate(done, { type: 'error', at: 5, message: 'boom' })).toBe(done);
    expect(reduceUpdate(done, { type: 'check-started', at: 5 })).toBe(done);
  });

  it('a failed download is a failure, retried later by a new check', () => {
    const s = run([{ type: 'check-started', at: 0 }, { type: 'available', version: '1.2.0' }, { type: 'error', at: 7, message: 'sha512 checksum mismatch' }]);
    expect(s).toEqual({ kind: 'failed', at: 7, message: 'sha512 checksum mismatch' });
    expect(updateView(s, idle)).toEqual({ status: 'none' });
  });
});

describe('update policy: when to install', () => {
  it('installs on quit when idle, without relaunching', () => {
    expect(installDecision(ready, idle, 'quit')).toEqual({ kind: 'install', version: '1.2.0', relaunch: false });
  });

  it('"Restart now" with nothing in flight installs and relaunches', () => {
    expect(installDecision(ready, idle, 'restart-now')).toEqual({ kind: 'install', version: '1.2.0', relaunch: true });
  });

  it('never restarts or installs while uploads or watches are busy', () => {
    for (const trigger of ['quit', 'restart-now'] as const) {
      expect(installDecision(ready, uploading, trigger)).toEqual({ kind: 'wait', reason: 'busy', uploads: 3, watches: 0 });
      expect(installDecision(ready, { uploads: 0, watches: 1, online: true }, trigger)).toEqual({ kind: 'wait', reason: 'busy', uploads: 0, watches: 1 });
    }
    // Waiting uploads (offline, rate limited) are in flight too: the journal would resume them, but a restart is not ours to force.
    expect(installDecision(ready, activityOf(summary({ waiting: 1 })), 'restart-now').kind).toBe('wait');
  });

  it('an update downloaded during a batch waits for the batch, then installs', () => {
    const during = run([{ type: 'check-started', at: 0 }, { type: 'available', version: '2.0.0' }, { type: 'downloaded', version: '2.0.0' }]);
    expect(installDecision(during, uploading, 'quit').kind).toBe('wait');
    expect(updateView(during, uploading)).toEqual({ status: 'ready', version: '2.0.0', waitingFor: 3 });
    expect(trayUpdate(during, uploading)).toEqual({ version: '2.0.0', canRestart: false });
    const after = activityOf(summary({ done: 6 }));
    expect(installDecision(during, after, 'quit')).toEqual({ kind: 'install', version: '2.0.0', relaunch: false });
    expect(trayUpdate(during, after)).toEqual({ version: '2.0.0', canRestart: true });
  });

  it('has nothing to install before a download finished', () => {
    for (const s of [{ kind: 'idle', lastCheckedAt: null }, { kind: 'downloading', version: '1', percent: 99 }, { kind: 'disabled', reason: 'demo' }] as UpdateState[]) {
      expect(installDecision(s, idle, 'restart-now')).toEqual({ kind: 'nothing-to-install' });
      expect(trayUpdate(s, idle)).toBeNull();
    }
  });

  it('every view it produces passes the IPC event schema', () => {
    for (const s of [ready, { kind: 'downloading', version: '1.2.0', percent: 33.3 }, { kind: 'idle', lastCheckedAt: null }] as UpdateState[]) {
      expect(updateViewSchema.safeParse(updateView(s, uploading)).success).toBe(true);
    }
  });
});

describe('tray with an update ready', () => {
  const base: TrayInput = { summary: summary({ done: 2 }), signedIn: true, target: null, recentFinished: [] };

  it('shows "Update ready" and offers "Restart now" when idle', () => {
    const m = trayModel({ ...base, update: { version: '1.2.0', canRestart: true } });
    expect(m.menu).toContainEqual({ kind: 'label', label: 'Update ready: version 1.2.0' });
    expect(m.menu).toContainEqual({ kind: 'action', label: 'Restart now to update', action: { kind: 'restart-to-update' }, enabled: true });
    expect(m.tooltip).toBe('Raydocs Uploader: idle (update ready)');
  });

  it('keeps "Restart" disabled while uploads run', () => {
    const m = trayModel({ ...base, summary: summary({ uploading: 1 }), update: { version: '1.2.0', canRestart: false } });
    expect(m.menu).toContainEqual({ kind: 'action', label: 'Restart to update (after uploads finish)', action: { kind: 'restart-to-update' }, enabled: false });
  });

  it('shows nothing about updates without one', () => {
    const m = trayModel({ ...base, update: null });
    expect(JSON.stringify(m.menu)).not.toMatch(/update/i);
    expect(m.tooltip).toBe('Raydocs Uploader: idle');
  });
});
