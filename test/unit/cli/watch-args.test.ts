// `watch`'s command line: where files go, durations, and the refusals a person gets instead of a guess.
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../electron/cli/args';
import { parseDuration } from '../../../electron/cli/watch-args';

describe('watch arguments', () => {
  it('a session watch with its options', () => {
    expect(parseCliArgs(['watch', 'scans', '--session', 'S1', '--recursive', '--settle', '500ms', '--after', 'move', '--poll', '--json-lines']).command).toEqual({
      name: 'watch',
      folder: 'scans',
      target: { kind: 'session', sessionId: 'S1' },
      recursive: true,
      settleMs: 500,
      after: 'move',
      poll: true,
      concurrency: null,
    });
  });

  it('one session per file, auto-extract off unless asked; the default settle is 2 s and files are left', () => {
    const c = parseCliArgs(['watch', 'scans', '--one-session-per-file', '--template', 'T1']).command;
    expect(c).toMatchObject({ target: { kind: 'session-per-file', templateId: 'T1', autoExtract: false }, settleMs: 2000, after: 'leave', recursive: false });
    expect(parseCliArgs(['watch', 'scans', '--one-session-per-file', '--template', 'T1', '--auto-extract']).command).toMatchObject({ target: { autoExtract: true } });
  });

  it.each([
    [['watch', '--session', 'S1'], /needs a folder/],
    [['watch', 'a', 'b', '--session', 'S1'], /takes one folder/],
    [['watch', 'scans'], /needs where its files go/],
    [['watch', 'scans', '--session', 'S1', '--one-session-per-file', '--template', 'T'], /either --session or --one-session-per-file/],
    [['watch', 'scans', '--one-session-per-file'], /needs --template/],
    [['watch', 'scans', '--session', 'S1', '--auto-extract'], /only with --one-session-per-file/],
    [['watch', 'scans', '--session', 'S1', '--after', 'delete'], /--after must be leave or move/],
    [['watch', 'scans', '--session', 'S1', '--settle', 'soon'], /duration like 2s/],
    [['watch', 'scans', '--session', 'S1', '--dry-run'], /does not apply to "watch"/],
  ])('%j is refused in words', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('durations: seconds by default, ms and m suffixes, a range', () => {
    expect(parseDuration('2', 'settle')).toBe(2000);
    expect(parseDuration('1.5s', 'settle')).toBe(1500);
    expect(parseDuration('1m', 'settle')).toBe(60_000);
    expect(() => parseDuration('10ms', 'settle')).toThrow(/between 100ms and 10m/);
    expect(() => parseDuration('11m', 'settle')).toThrow(/between 100ms and 10m/);
  });
});
