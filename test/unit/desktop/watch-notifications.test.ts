// A watch notifies once per quiet period, never per burst; its failures still ask for attention.
import { describe, expect, it } from 'vitest';
import { createNotificationPolicy, watchQuietMessage } from '../../../electron/core/desktop/notification-policy';
import type { EngineEvent } from '../../../shared/queue';

const away = { enabled: true, windowFocused: false, view: 'queue' as const };
const finished = (batchId: string, origin: 'drop' | `watch:${string}`, failed = 0): EngineEvent => ({ type: 'batch-finished', batchId, origin, uploaded: 3, alreadyThere: 0, failed, refused: 0 });

describe('watch notifications', () => {
  it("a watch's finished bursts say nothing unless one failed; a drop's batch still notifies", () => {
    const policy = createNotificationPolicy();
    expect(policy.decide([finished('w1', 'watch:a'), finished('w2', 'watch:a')], away)).toEqual([]);
    expect(policy.decide([finished('w3', 'watch:a', 1)], away)).toEqual([expect.objectContaining({ kind: 'attention' })]);
    expect(policy.decide([finished('d1', 'drop')], away)).toEqual([expect.objectContaining({ kind: 'batch-finished', body: '3 uploaded' })]);
  });

  it('the quiet-period notice names the folder, the count and where they went; none while the queue is on screen', () => {
    const session = { kind: 'session' as const, sessionName: 'March invoices' };
    expect(watchQuietMessage({ folderName: 'Scans', stored: 3, target: session }, away)).toEqual({
      kind: 'batch-finished',
      title: 'Scans: 3 files stored',
      body: '3 files from Scans stored in March invoices.',
      view: 'queue',
    });
    expect(watchQuietMessage({ folderName: 'Scans', stored: 1, target: { kind: 'session-per-file', templateName: 'Invoices' } }, away)?.body).toBe('1 file from Scans stored as new Invoices sessions.');
    expect(watchQuietMessage({ folderName: 'Scans', stored: 3, target: session }, { ...away, windowFocused: true })).toBeNull();
    expect(watchQuietMessage({ folderName: 'Scans', stored: 3, target: session }, { ...away, enabled: false })).toBeNull();
  });
});
