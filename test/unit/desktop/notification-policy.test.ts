import { describe, expect, it } from 'vitest';
import { createNotificationPolicy, type NotificationContext } from '../../../electron/core/desktop/notification-policy';
import type { EngineEvent } from '../../../shared/queue';
import { item, doneState, summary } from './fixtures';

const away: NotificationContext = { enabled: true, windowFocused: false, view: 'queue' };
const finished = (batchId: string, over: Partial<Extract<EngineEvent, { type: 'batch-finished' }>> = {}): EngineEvent => ({
  type: 'batch-finished',
  batchId,
  uploaded: 12,
  alreadyThere: 0,
  failed: 0,
  refused: 1,
  ...over,
});

describe('notification policy', () => {
  it('one notification per finished batch, never one per file', () => {
    const p = createNotificationPolicy();
    const perFile: EngineEvent[] = Array.from({ length: 50 }, (_, i) => ({ type: 'items', items: [item(`f${i}`, doneState)] }));
    expect(p.decide(perFile, away)).toEqual([]);
    const out = p.decide([finished('b1')], away);
    expect(out).toEqual([{ kind: 'batch-finished', title: 'Uploads finished', body: '12 uploaded, 1 refused', view: 'queue' }]);
    expect(p.decide([finished('b1')], away)).toEqual([]);
    expect(p.decide([finished('b2', { uploaded: 1, refused: 0 })], away)).toHaveLength(1);
  });

  it('a batch with failures asks for attention', () => {
    const out = createNotificationPolicy().decide([finished('b', { uploaded: 3, failed: 2, refused: 0, alreadyThere: 1 })], away);
    expect(out[0]).toMatchObject({ kind: 'attention', title: 'Uploads need attention', body: '3 uploaded, 1 already there, 2 failed' });
  });

  it('none while the window is focused on the queue, and the batch does not come back later', () => {
    const p = createNotificationPolicy();
    expect(p.decide([finished('b1')], { enabled: true, windowFocused: true, view: 'queue' })).toEqual([]);
    expect(p.decide([finished('b1')], away)).toEqual([]);
  });

  it('still notifies when the focused window shows another view', () => {
    const p = createNotificationPolicy();
    expect(p.decide([finished('b1')], { enabled: true, windowFocused: true, view: 'settings' })).toHaveLength(1);
  });

  it('none when notifications are off', () => {
    const p = createNotificationPolicy();
    const off = { ...away, enabled: false };
    expect(p.decide([finished('b1')], off)).toEqual([]);
    expect(p.decide([{ type: 'summary', summary: summary({ queued: 2 }, { connectivity: { state: 'signed-out', message: '' } }) }], off)).toEqual([]);
  });

  it('signing out notifies once per transition', () => {
    const p = createNotificationPolicy();
    const out = summary({ queued: 2, waiting: 1 }, { connectivity: { state: 'signed-out', message: 'token revoked' } });
    const first = p.decide([{ type: 'summary', summary: out }], away);
    expect(first).toEqual([{ kind: 'attention', title: 'Signed out of Raydocs', body: 'Sign in again to resume 3 uploads.', view: 'queue' }]);
    expect(p.decide([{ type: 'summary', summary: out }], away)).toEqual([]);
    p.decide([{ type: 'summary', summary: summary() }], away);
    expect(p.decide([{ type: 'summary', summary: out }], away)).toHaveLength(1);
  });
});
