// Human units for sizes, speeds, durations and percentages.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatBytes, formatCount, formatDateTime, formatDuration, formatEta, formatSpeed, percent, plural } from '../../../renderer/src/composables/format';

describe('human units', () => {
  it('formats sizes in binary units with one decimal under 100', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3.0 TB');
    expect(formatBytes(-1)).toBe('—');
  });
  it('formats durations as a person says them', () => {
    expect(formatDuration(0.2)).toBe('less than a second');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(75)).toBe('1 min 15 s');
    expect(formatDuration(120)).toBe('2 min');
    expect(formatDuration(3720)).toBe('1 h 2 min');
    expect(formatEta(null)).toBe('');
    expect(formatEta(30)).toBe('30 s left');
  });
  it('formats speed, percent and plurals', () => {
    expect(formatSpeed(2 * 1024 * 1024)).toBe('2.0 MB/s');
    expect(percent(1, 3)).toBe(33);
    expect(percent(5, 0)).toBe(0);
    expect(percent(7, 5)).toBe(100);
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(1200, 'file')).toBe('1,200 files');
  });
});

describe('locale', () => {
  afterEach(() => vi.restoreAllMocks());
  const speak = (lang: string) => vi.spyOn(navigator, 'language', 'get').mockReturnValue(lang);

  it("numbers, sizes and dates follow the browser's locale, not a fixed en-US", () => {
    speak('de-DE');
    expect(formatCount(12345)).toBe('12.345');
    expect(formatBytes(1536)).toBe('1,5 KB');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(plural(5000, 'file')).toBe('5.000 files');
    const at = Date.UTC(2026, 11, 4, 18, 20);
    expect(formatDateTime(at)).toBe(new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(at));
    expect(formatDateTime(at)).not.toBe(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(at));
    speak('en-GB');
    expect(formatCount(12345)).toBe('12,345');
    expect(formatBytes(1536)).toBe('1.5 KB');
  });
});
