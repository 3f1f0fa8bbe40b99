// The drop notice's words: what was queued, and for a drop that queued nothing, why, before the counts.
import { describe, expect, it } from 'vitest';
import { intakeAnnouncement, intakeWords, queuedNothing } from '../../../renderer/src/composables/queue-words';

const refusal = { path: '/d/notes.txt', code: 'unsupported-format' as const, reason: 'Raydocs does not take this kind of file' };

describe('intake words', () => {
  it('counts what a drop queued, already had and skipped', () => {
    const r = { accepted: 4, duplicates: 1, skipped: 2, linksOutside: 1, refused: [refusal] };
    expect(queuedNothing(r)).toBe(false);
    expect(intakeWords(r)).toBe('4 files queued, 1 already queued, 2 skipped, 1 link outside the folder skipped');
    expect(intakeAnnouncement(r)).toBe('4 files queued, 1 already queued, 1 refused.');
  });

  it('a folder with nothing supported says so first, with the counts after', () => {
    const r = { accepted: 0, duplicates: 0, skipped: 2, refused: [refusal, refusal, refusal] };
    expect(queuedNothing(r)).toBe(true);
    expect(intakeWords(r)).toBe('Nothing to upload: none of these is a PDF, Word, PowerPoint or image file (3 refused, 2 hidden or system files skipped)');
    expect(intakeAnnouncement(r)).toBe(`${intakeWords(r)}.`);
  });

  it('an empty folder says it is empty', () => {
    expect(intakeWords({ accepted: 0, duplicates: 0, skipped: 0, refused: [] })).toBe('Nothing to upload: there were no files in what was added (the folder is empty)');
  });

  it('a drop of files already queued is not "nothing"', () => {
    expect(queuedNothing({ accepted: 0, duplicates: 3, skipped: 0, refused: [] })).toBe(false);
    expect(intakeWords({ accepted: 0, duplicates: 3, skipped: 0, refused: [] })).toBe('0 files queued, 3 already queued');
  });
});
