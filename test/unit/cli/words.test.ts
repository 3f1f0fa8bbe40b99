// The CLI's words and small rules: server pages never printed, refusal codes per intake reason, credentials never
// echoed, -q keeps errors only, -v paths without queries, globs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/core/api/api-error';
import { intakePaths } from '../../../electron/core/intake/intake';
import { redactUrl, resolveApiUrl } from '../../../electron/cli/context';
import { describeError, withoutMarkup } from '../../../electron/cli/describe-error';
import { globMatcher } from '../../../electron/cli/glob';
import { profileName } from '../../../electron/cli/profiles';
import { pathWithoutQuery, quietStream } from '../../../electron/cli/verbose';

const PAGE = '<html><head><title>502 Bad Gateway</title></head><body class="x"><h1>502 Bad Gateway</h1></body></html>';

describe('words', () => {
  it('a 502 page or S3 XML is never printed: the status and what happened are', () => {
    const err = new ApiError({ code: 'server', status: 502, request: { method: 'POST', path: '/vapor/signed-storage-url' }, serverMessage: PAGE });
    const d = describeError(err, 'https://api.raydocs.com');
    expect(d.message).toMatch(/502 on POST \/vapor\/signed-storage-url: the server had an error/);
    expect(d.message).not.toMatch(/<|html|Bad Gateway<\//);
    expect(withoutMarkup(err.message)).not.toContain('<');
    expect(withoutMarkup(err.message)).toMatch(/^502 /);
    expect(withoutMarkup('S3 refused: <?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>')).toBe("S3 refused: (a page, not the API's answer)");
    const words = new ApiError({ code: 'server', status: 503, request: { method: 'GET', path: '/workspaces' }, serverMessage: 'Down for maintenance' });
    expect(describeError(words, null).message).toContain('Down for maintenance');
  });

  it('a refused RAYDOCS_TOKEN is not sent to `login`', () => {
    const err = new ApiError({ code: 'unauthorized', status: 401, request: { method: 'GET', path: '/workspaces' } });
    expect(describeError(err, { apiUrl: 'x', tokenFromEnv: true }).message).toMatch(/token in RAYDOCS_TOKEN was refused.*Set RAYDOCS_TOKEN/);
    expect(describeError(err, { apiUrl: 'x', tokenFromEnv: false }).message).toMatch(/raydocs-upload login/);
  });

  it('an invalid --api-url never echoes the credentials or query it carries', () => {
    const addresses = ['https://user:s3cret@api.example.com', 'https://us er:s3cret@exa mple', 'http://api.example.com/?token=s3cret', 'ftp://u:s3cret@x'];
    // Passwords with "/", "?", "#" or "@" typed unencoded: the address does not parse, and is echoed as typed.
    addresses.push('https://u:s3cret/x@host', 'https://u:s3cret?x@host x', 'https://u:s3cret#x@host', 'https://u:s3cret@x@host name', 'u:s3cret@host name');
    for (const bad of addresses) {
      let message = '';
      try {
        resolveApiUrl(bad, {});
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message, bad).not.toBe('');
      expect(message, bad).not.toContain('s3cret');
    }
    expect(redactUrl('https://a:b@h.example/p?q=1#f')).toBe('https://h.example/p');
    expect(redactUrl('https://u:p/ss@host name')).toBe('https://host name');
  });

  it('every intake reason has its code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'raydocs-codes-'));
    try {
      await writeFile(join(dir, 'notes.txt'), 'x');
      await writeFile(join(dir, 'empty.pdf'), '');
      await writeFile(join(dir, 'fake.pdf'), 'MZ\x90\x00 not a pdf');
      const r = await intakePaths([join(dir, 'notes.txt'), join(dir, 'empty.pdf'), join(dir, 'fake.pdf'), join(dir, 'missing.pdf')]);
      const codes = Object.fromEntries(r.refused.map((x) => [x.path.slice(dir.length + 1), x.code]));
      expect(codes).toEqual({ 'notes.txt': 'unsupported-format', 'empty.pdf': 'empty', 'fake.pdf': 'content-mismatch', 'missing.pdf': 'unreadable' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('-q keeps only the error lines; -v shows paths without their query', () => {
    let out = '';
    const q = quietStream({ write: (c: string) => (out += c) });
    q.write('progress: 1/2 files\nraydocs-upload: gave up\n');
    q.write('Note: something');
    q.write(' more\nraydocs-upload: ');
    q.write('second\n');
    expect(out).toBe('raydocs-upload: gave up\nraydocs-upload: second\n');
    expect(pathWithoutQuery('/s3/b/tmp/1?X-Amz-Signature=abc')).toBe('/s3/b/tmp/1');
  });

  it('globs: names without /, relative paths with /, ** across folders, braces and classes', () => {
    const m = globMatcher(['*.pdf', 'scans/**/*.{png,jpg}', 'doc-[0-9].docx']);
    expect(m('a/b/c.pdf')).toBe(true);
    expect(m('c.PDF')).toBe(false);
    expect(m('scans/x.png')).toBe(true);
    expect(m('scans/2026/03/x.jpg')).toBe(true);
    expect(m('other/x.jpg')).toBe(false);
    expect(m('doc-7.docx')).toBe(true);
    expect(m('doc-x.docx')).toBe(false);
  });

  it('a profile name cannot leave its folder, and the refusal says what a name is', () => {
    expect(profileName('staging-2.eu', {})).toBe('staging-2.eu');
    expect(profileName(null, { RAYDOCS_PROFILE: 'work' })).toBe('work');
    expect(profileName('default', {})).toBeNull();
    for (const bad of ['..', '.', '../x', 'a/b', 'bad name', 'x'.repeat(65)]) expect(() => profileName(bad, {}), bad).toThrow(/a letter or digit, then letters, digits/);
  });
});
