// The words moved out of the queue view's and the shell's components: the sentences they build, one and many.
import { describe, expect, it } from 'vitest';
import {
  couldNotStart,
  dropToWords,
  offlineSinceWords,
  openedFilesWords,
  openedMoreWords,
  openedOfferTitle,
  openedPerFileWords,
  perFileTargetWords,
  percentWords,
  targetLabelWords,
} from '../../../renderer/src/composables/app-words';
import { actionLabel, detailsLabel, progressLabel, rowLabel } from '../../../renderer/src/composables/item-words';
import {
  batchLabelWords,
  batchTitleWords,
  batchTooltipWords,
  bytesOfWords,
  couldNotQueue,
  intakeProgressWords,
  pendingDropWords,
  queueListLabel,
} from '../../../renderer/src/composables/queue-words';

describe('shell words', () => {
  it('offers opened files as one file or many, with or without a destination', () => {
    expect(openedFilesWords(1)).toBe('1 file');
    expect(openedFilesWords(3)).toBe('3 files');
    expect(openedOfferTitle(1, 'March invoices')).toBe('Upload 1 file to March invoices?');
    expect(openedOfferTitle(3, null)).toBe('Upload 3 files? Choose a session for them.');
    expect(openedOfferTitle(2, openedPerFileWords('Invoices'))).toBe('Upload 2 files to one session per file (Invoices)?');
    expect(openedMoreWords(0)).toBe('');
    expect(openedMoreWords(4)).toBe(' and 4 more');
  });

  it('names the target, the drop overlay, the offline time and a failed start', () => {
    expect(targetLabelWords('')).toBe('New files go to');
    expect(targetLabelWords('Acme Finance')).toBe('New files go to · Acme Finance');
    expect(perFileTargetWords('Invoices')).toBe('One session per file · Invoices');
    expect(dropToWords('Q3')).toBe('to Q3');
    expect(offlineSinceWords('2 min ago')).toBe('Since 2 min ago. Uploads resume by themselves.');
    expect(couldNotStart('timed out')).toBe('Could not start: timed out');
    expect(percentWords(42)).toBe('42%');
  });
});

describe('queue view words', () => {
  it('counts a big drop in the locale, singular and plural alike', () => {
    expect(intakeProgressWords(1, 1)).toBe('Adding to the queue: 1 of 1 dropped items checked…');
    expect(intakeProgressWords(250, 5000)).toBe('Adding to the queue: 250 of 5,000 dropped items checked…');
    expect(pendingDropWords(1)).toBe('1 dropped item waits for a session.');
    expect(pendingDropWords(1200)).toBe('1,200 dropped items wait for a session.');
    expect(queueListLabel(1)).toBe('Queue, 1 item');
    expect(queueListLabel(10000)).toBe('Queue, 10,000 items');
  });

  it('builds a batch header, the strip and a failed queue:add', () => {
    const title = batchTitleWords('March invoices · Acme');
    expect(title).toBe('→ March invoices · Acme');
    expect(batchLabelWords(title, '1 file')).toBe('→ March invoices · Acme: 1 file');
    expect(batchTooltipWords(title, '2 files')).toBe('→ March invoices · Acme — 2 files');
    expect(bytesOfWords('1.5 MB', '20 MB')).toBe('1.5 MB of 20 MB');
    expect(couldNotQueue('disk full')).toBe('Could not queue the files: disk full');
  });

  it('names a row, its actions, its progress and its details', () => {
    expect(rowLabel('a.pdf', 'Uploading', ['40%'], true)).toBe('a.pdf: Uploading, 40%, selected');
    expect(rowLabel('a.pdf', 'Queued', [], false)).toBe('a.pdf: Queued');
    expect(actionLabel('Pause', 'a.pdf')).toBe('Pause a.pdf');
    expect(progressLabel('a.pdf')).toBe('a.pdf progress');
    expect(detailsLabel('a.pdf')).toBe('Details of a.pdf');
  });
});
