// Command-line parsing: what each command accepts, and usage errors (exit 2) for everything else.
import { describe, expect, it } from 'vitest';
import { ALLOWED, parseCliArgs } from '../../../electron/cli/args';
import { UsageError } from '../../../electron/cli/errors';
import { EXIT } from '../../../electron/cli/exit-codes';
import { COMMAND_NAMES, helpText, USAGE } from '../../../electron/cli/help';

const SID = '9b2f0a7e-1111-4222-8333-944455556666';

describe('parseCliArgs', () => {
  it('parses push with a session, several paths and options in any order', () => {
    const p = parseCliArgs(['--api-url', 'http://127.0.0.1:1', 'push', SID, 'a.pdf', '--concurrency', '8', 'dir', '--wait', '--json']);
    expect(p.apiUrl).toBe('http://127.0.0.1:1');
    expect(p.json).toBe(true);
    expect(p.command).toEqual({
      name: 'push',
      target: { kind: 'session', sessionId: SID },
      paths: ['a.pdf', 'dir'],
      filesFrom: null,
      filter: { include: [], exclude: [], maxSizeBytes: null, followSymlinks: false },
      dryRun: false,
      skipUnsupported: false,
      concurrency: 8,
      wait: true,
      offlineTimeoutSeconds: 300,
      extract: null,
    });
  });

  it('--help lists the extraction commands, their options and the failed-run exit code', () => {
    for (const text of ['raydocs-upload extract <session-id>', 'raydocs-upload results <session-id>', 'raydocs-upload results show <result-id>', '--extract', '--out <file>', '--xlsx <file>', '{name}']) {
      expect(USAGE).toContain(text);
    }
    expect(EXIT.extractionFailed).toBe(6);
    expect(USAGE).toMatch(/6\s+the extraction run failed/);
  });

  it('help lists every exit code and the ranges; each command has its own help with its options', () => {
    for (const code of Object.values(EXIT)) expect(USAGE).toMatch(new RegExp(`^  ${code}\\s`, 'm'));
    expect(USAGE).toContain('1–16');
    const push = helpText('push');
    for (const opt of ['--dry-run', '--include', '--exclude', '--max-size', '--files-from', '--follow-symlinks', '--skip-unsupported', '--json-lines', '1–16']) expect(push).toContain(opt);
    expect(push).toMatch(/^  130\s/m);
    expect(push).not.toContain('raydocs-upload results show');
    for (const topic of COMMAND_NAMES) expect(helpText(topic), topic).not.toBe(USAGE);
    expect(parseCliArgs(['push', '--help']).command).toEqual({ name: 'help', topic: 'push' });
  });

  it("every option a command accepts is on a line of that command's help that explains it", () => {
    for (const [key, options] of Object.entries(ALLOWED)) {
      const own = helpText(key.split(' ')[0]!).split('\nGlobal options:')[0]!;
      for (const opt of options) expect(own, `${key} --${opt}`).toMatch(new RegExp(`^\\s+(-\\w, )?--${opt}\\b.*\\S`, 'm'));
    }
  });

  it('a usage error has balanced quotes and no hint of its own (main adds the --help hint once)', () => {
    for (const argv of [['login', '--bogus'], ['frob'], ['push', SID], ['push', SID, 'x', '--max-size', '-5'], ['whoami', '--quiet=1']]) {
      let message = '';
      try {
        parseCliArgs(argv);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message.split("'").length % 2, message).toBe(1);
      expect(message.split('"').length % 2, message).toBe(1);
      expect(message).not.toMatch(/--help/);
      // One line: node's own words break lines, which the terminal-safe printer would show as '?'.
      expect(message, message).not.toMatch(/\n/);
    }
  });

  it('parses extract, results and results show; --out or --xlsx makes them wait', () => {
    expect(parseCliArgs(['extract', SID]).command).toEqual({ name: 'extract', sessionId: SID, wait: false, out: null, xlsx: null, offlineTimeoutSeconds: 300 });
    expect(parseCliArgs(['extract', SID, '--out', 'r.json']).command).toMatchObject({ wait: true, out: 'r.json', xlsx: null });
    expect(parseCliArgs(['extract', SID, '--xlsx', 'r.xlsx', '--offline-timeout', '5']).command).toMatchObject({ wait: true, xlsx: 'r.xlsx', offlineTimeoutSeconds: 5 });
    expect(parseCliArgs(['results', SID, '--json'])).toMatchObject({ json: true, command: { name: 'results-list', sessionId: SID } });
    expect(parseCliArgs(['results', 'show', SID, '--wait']).command).toEqual({ name: 'results-show', resultId: SID, wait: true, out: null, xlsx: null, offlineTimeoutSeconds: 300 });
    expect(parseCliArgs(['push', SID, 'dir', '--extract', '--out', 'r.json']).command).toMatchObject({ name: 'push', extract: { out: 'r.json', xlsx: null } });
    expect(parseCliArgs(['push', '--one-session-per-file', '--template', 't', 'dir', '--extract']).command).toMatchObject({ extract: { out: null, xlsx: null } });
  });

  it('parses one-session-per-file push: every positional is a path', () => {
    const p = parseCliArgs(['push', '--one-session-per-file', '--template', 'tpl-1', 'a.pdf', 'b.pdf']);
    expect(p.command).toMatchObject({ name: 'push', target: { kind: 'session-per-file', templateId: 'tpl-1', autoExtract: true }, paths: ['a.pdf', 'b.pdf'] });
    const q = parseCliArgs(['push', '--one-session-per-file', '--template', 'tpl-1', '--no-auto-extract', 'a.pdf']);
    expect(q.command).toMatchObject({ target: { autoExtract: false } });
  });

  it('parses sessions, status and the auth commands', () => {
    expect(parseCliArgs(['sessions', 'new', '--template', 't', '--name', 'Q3']).command).toEqual({ name: 'sessions-new', templateId: 't', sessionName: 'Q3' });
    expect(parseCliArgs(['sessions', 'show', SID]).command).toEqual({ name: 'sessions-show', sessionId: SID });
    expect(parseCliArgs(['status', SID]).command).toEqual({ name: 'status', sessionId: SID });
    expect(parseCliArgs(['login', '--token-stdin']).command).toEqual({ name: 'login', tokenStdin: true });
    expect(parseCliArgs(['whoami', '--json']).json).toBe(true);
    expect(parseCliArgs([]).command).toEqual({ name: 'help', topic: null });
    expect(parseCliArgs(['-V']).command).toEqual({ name: 'version' });
    expect(parseCliArgs(['--version']).command).toEqual({ name: 'version' });
    expect(parseCliArgs(['--', '--version']).command).toEqual({ name: 'version' }); // what `npx raydocs-upload -- --version` passes
    expect(parseCliArgs(['whoami', '-v']).verbosity).toBe('verbose');
    expect(parseCliArgs(['whoami', '-q']).verbosity).toBe('quiet');
  });

  it('parses the filters, --dry-run, --files-from and the new commands', () => {
    const p = parseCliArgs(['push', SID, 'dir', '--include', '*.pdf', '--include', 'a/**', '--exclude', 'draft*', '--max-size', '1.5M', '--follow-symlinks', '--dry-run', '--skip-unsupported']);
    expect(p.command).toMatchObject({ filter: { include: ['*.pdf', 'a/**'], exclude: ['draft*'], maxSizeBytes: 1572864, followSymlinks: true }, dryRun: true, skipUnsupported: true });
    expect(parseCliArgs(['push', SID, '--files-from', '-']).command).toMatchObject({ paths: [], filesFrom: '-' });
    expect(parseCliArgs(['push', SID, 'd', '--json-lines'])).toMatchObject({ json: false, jsonLines: true });
    expect(parseCliArgs(['sessions', 'list']).command).toEqual({ name: 'sessions-list' });
    expect(parseCliArgs(['reparse', SID, '--failed']).command).toEqual({ name: 'reparse', sessionId: SID, failedOnly: true });
    expect(parseCliArgs(['check', SID, 'a', 'b']).command).toMatchObject({ name: 'check', sessionId: SID, paths: ['a', 'b'], skipUnsupported: false });
    expect(parseCliArgs(['check', SID, 'a', '--skip-unsupported']).command).toMatchObject({ skipUnsupported: true });
    expect(parseCliArgs(['detach', SID, 'doc-1']).command).toEqual({ name: 'detach', sessionId: SID, what: 'doc-1' });
    expect(parseCliArgs(['completion', 'zsh']).command).toEqual({ name: 'completion', shell: 'zsh' });
    expect(parseCliArgs(['whoami', '--profile', 'work']).profile).toBe('work');
  });

  it('parses resume: every unfinished upload, with push’s concurrency and offline timeout', () => {
    expect(parseCliArgs(['resume']).command).toEqual({ name: 'resume', concurrency: null, offlineTimeoutSeconds: 300 });
    expect(parseCliArgs(['resume', '--concurrency', '2', '--offline-timeout', '9', '--json'])).toMatchObject({ json: true, command: { name: 'resume', concurrency: 2, offlineTimeoutSeconds: 9 } });
  });

  it.each([
    [['frob'], /Unknown command "frob"/],
    [['push', SID], /at least one file/],
    [['push'], /needs a session id/],
    [['push', SID, 'a', '--concurrency', '0'], /between 1 and 16/],
    [['push', SID, 'a', '--concurrency', 'lots'], /whole number/],
    [['push', '--one-session-per-file', 'a.pdf'], /needs --template/],
    [['push', SID, 'a.pdf', '--template', 't'], /only with --one-session-per-file/],
    [['whoami', '--wait'], /--wait does not apply to "whoami"/],
    [['sessions'], /needs a subcommand/],
    [['push', SID, 'a', '--max-size', 'huge'], /--max-size must be a size/],
    [['push', SID, 'a', '--dry-run', '--extract'], /--dry-run uploads nothing/],
    [['whoami', '-q', '-v'], /cannot be used together/],
    [['whoami', '--json-lines'], /--json-lines does not apply to "whoami"/],
    [['completion', 'tcsh'], /needs a shell: bash, zsh or fish/],
    [['detach', SID], /document id or file path/],
    [['check', SID], /at least one file/],
    [['sessions', 'new'], /needs --template/],
    [['status'], /needs a session id/],
    [['status', SID, 'extra'], /Unexpected argument "extra"/],
    [['resume', SID], /Unexpected argument/],
    [['resume', '--wait'], /--wait does not apply to "resume"/],
    [['login', '--bogus'], /Unknown option '--bogus'/],
    [['extract'], /"extract" needs a session id/],
    [['extract', SID, '--extract'], /--extract does not apply to "extract"/],
    [['extract', SID, '--out', ''], /--out needs a path/],
    [['results'], /needs a session id/],
    [['results', 'show'], /needs a result id/],
    [['results', SID, '--out', 'x.json'], /--out does not apply to "results"/],
    [['push', SID, 'a.pdf', '--out', 'r.json'], /only with --extract/],
    [['status', SID, '--xlsx', 'r.xlsx'], /--xlsx does not apply to "status"/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
