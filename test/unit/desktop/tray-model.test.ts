import { describe, expect, it } from 'vitest';
import { noteFinished, forgetFinished, trayModel, type TrayInput, type TrayMenuEntry } from '../../../electron/core/desktop/tray-model';
import { doneState, item, summary } from './fixtures';
import type { WatchView } from '../../../shared/watch';

const target = { kind: 'session', workspaceId: 1, sessionId: '00000000-0000-4000-8000-000000000001', sessionName: 'Invoices Q3' } as const;
const base: TrayInput = { summary: summary(), signedIn: true, target, recentFinished: [] };
const labels = (menu: TrayMenuEntry[]): string[] => menu.flatMap((m) => (m.kind === 'separator' ? [] : [m.label]));
const action = (menu: TrayMenuEntry[], kind: string) => menu.find((m) => m.kind === 'action' && m.action.kind === kind);

describe('trayModel', () => {
  it('idle: idle icon, no progress bar, no badge, pause disabled', () => {
    const m = trayModel(base);
    expect(m.state).toBe('idle');
    expect(m.icon).toBe('tray-idle');
    expect(m.tooltip).toBe('Raydocs Uploader: idle');
    expect(m.progress).toBe(-1);
    expect(m.badgeCount).toBe(0);
    expect(action(m.menu, 'pause-all')).toMatchObject({ enabled: false });
    expect(action(m.menu, 'cancel-all')).toMatchObject({ enabled: false });
  });

  it('uploading: count and percent in the tooltip, progress bar and badge', () => {
    const m = trayModel({ ...base, summary: summary({ uploading: 2, queued: 1, done: 4 }, { bytesDone: 450, bytesTotal: 1000 }) });
    expect(m.state).toBe('uploading');
    expect(m.icon).toBe('tray-uploading');
    expect(m.tooltip).toBe('Raydocs Uploader: uploading 3 files, 45%');
    expect(m.progress).toBeCloseTo(0.45);
    expect(m.progressMode).toBe('normal');
    expect(m.badgeCount).toBe(3);
    expect(action(m.menu, 'pause-all')).toMatchObject({ label: 'Pause all', enabled: true });
    expect(action(m.menu, 'cancel-all')).toMatchObject({ label: 'Cancel all…', enabled: true });
  });

  it('Cancel all stays offered while the queue is paused, and not once only finished files are left', () => {
    expect(action(trayModel({ ...base, summary: summary({ paused: 3 }, { paused: true }) }).menu, 'cancel-all')).toMatchObject({ enabled: true });
    expect(action(trayModel({ ...base, summary: summary({ done: 3, cancelled: 1, failed: 1 }) }).menu, 'cancel-all')).toMatchObject({ enabled: false });
  });

  it('offline: waiting icon and a paused progress bar', () => {
    const offline = { state: 'offline', since: 1, nextProbeAt: null, message: 'no network' } as const;
    const m = trayModel({ ...base, summary: summary({ waiting: 5 }, { connectivity: offline, bytesDone: 10, bytesTotal: 100 }) });
    expect(m.state).toBe('offline');
    expect(m.icon).toBe('tray-offline');
    expect(m.tooltip).toContain('waiting for the network, 5 files to go');
    expect(m.progressMode).toBe('paused');
  });

  it('needs attention when signed out with work pending', () => {
    const m = trayModel({ ...base, summary: summary({ waiting: 2 }, { connectivity: { state: 'signed-out', message: '401' } }) });
    expect(m.state).toBe('attention');
    expect(m.tooltip).toContain('signed out');
  });

  it('needs attention when files failed and nothing else moves', () => {
    const m = trayModel({ ...base, summary: summary({ failed: 1, done: 3 }) });
    expect(m.state).toBe('attention');
    expect(m.tooltip).toBe('Raydocs Uploader: 1 file needs attention');
    expect(action(m.menu, 'open-queue')).toMatchObject({ label: 'Show 1 failed file' });
  });

  it('paused queue offers Resume all instead of Pause all', () => {
    const m = trayModel({ ...base, summary: summary({ queued: 3 }, { paused: true }) });
    expect(m.state).toBe('idle');
    expect(m.tooltip).toContain('paused, 3 files waiting');
    expect(action(m.menu, 'resume-all')).toMatchObject({ enabled: true });
    expect(action(m.menu, 'pause-all')).toBeUndefined();
  });

  it('menu: open window, pause, target session, last finished files (newest first), sign out, quit', () => {
    const m = trayModel({ ...base, recentFinished: [{ id: '1', name: 'a.pdf' }, { id: '2', name: 'b.pdf' }] });
    expect(labels(m.menu)).toEqual([
      'Open Raydocs Uploader',
      'Pause all',
      'Cancel all…',
      'Target: Invoices Q3',
      'Recently finished',
      'b.pdf',
      'a.pdf',
      'Sign out',
      'Quit Raydocs Uploader',
    ]);
    expect(action(m.menu, 'reveal')).toMatchObject({ action: { kind: 'reveal', itemId: '2' } });
  });

  it('signed out: sign-out disabled, no target says so', () => {
    const m = trayModel({ summary: null, signedIn: false, target: null, recentFinished: [] });
    expect(m.state).toBe('attention');
    expect(action(m.menu, 'sign-out')).toMatchObject({ enabled: false });
    expect(labels(m.menu)).toContain('No target session chosen');
  });
});

describe('noteFinished', () => {
  it('keeps the last five done files, each once', () => {
    let list = noteFinished([], [item('a', doneState), item('b', { status: 'queued' })]);
    list = noteFinished(list, [item('a', doneState)]);
    expect(list.map((f) => f.id)).toEqual(['a']);
    list = noteFinished(list, ['c', 'd', 'e', 'f', 'g'].map((id) => item(id, doneState)));
    expect(list.map((f) => f.id)).toEqual(['c', 'd', 'e', 'f', 'g']);
    expect(forgetFinished(list, ['d']).map((f) => f.id)).toEqual(['c', 'e', 'f', 'g']);
  });
});

describe('watched folders in the tray', () => {
  const watch = (over: Partial<WatchView>): WatchView => ({
    id: 'w',
    folderName: 'Scans',
    target,
    recursive: false,
    after: 'leave',
    settleMs: 2000,
    state: 'watching',
    message: null,
    waiting: 0,
    stored: 0,
    lastFile: null,
    ...over,
  });

  it("each watch shows its state and its last file; no section without watches", () => {
    const m = trayModel({
      ...base,
      watches: [watch({ waiting: 3, lastFile: { name: 'scan-7.pdf', at: 1 } }), watch({ id: 'u', folderName: 'USB', state: 'missing' }), watch({ id: 'p', folderName: 'Old', state: 'paused' })],
    });
    const l = labels(m.menu);
    expect(l).toEqual(expect.arrayContaining(['Watched folders', 'Scans: 3 waiting', '   last: scan-7.pdf', 'USB: folder missing', 'Old: paused']));
    expect(labels(trayModel(base).menu)).not.toContain('Watched folders');
  });
});
