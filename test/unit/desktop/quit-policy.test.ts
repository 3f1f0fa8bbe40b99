import { describe, expect, it } from 'vitest';
import { quitChoice, quitPrompt } from '../../../electron/core/desktop/quit-policy';
import { summary } from './fixtures';

describe('quit prompt policy', () => {
  it('quits without asking when nothing is pending', () => {
    expect(quitPrompt(null)).toBeNull();
    expect(quitPrompt(summary({ done: 10, failed: 1, cancelled: 2 }))).toBeNull();
  });

  it('does not ask for stored or user-paused items (the journal keeps them)', () => {
    expect(quitPrompt(summary({ done: 4, paused: 2 }))).toBeNull();
  });

  it('asks with the count when uploads are pending, and defaults to keep running', () => {
    const p = quitPrompt(summary({ uploading: 1, queued: 1, waiting: 1, done: 5 }));
    expect(p).not.toBeNull();
    expect(p?.message).toBe('3 uploads in progress');
    expect(p?.buttons).toEqual(['Quit anyway', 'Keep running in tray']);
    expect(p?.defaultId).toBe(1);
    expect(p?.cancelId).toBe(1);
    if (!p) return;
    expect(quitChoice(p, 0)).toBe('quit');
    expect(quitChoice(p, 1)).toBe('keep-running');
    expect(quitChoice(p, -1)).toBe('keep-running');
  });

  it('says "1 upload" for one', () => {
    expect(quitPrompt(summary({ hashing: 1 }))?.message).toBe('1 upload in progress');
  });
});
