// app://renderer maps only to files of the built renderer, and every answer carries the CSP header.
import { describe, expect, it } from 'vitest';
import { appResponseHeaders, resolveAppRequest, RENDERER_CSP } from '../../../electron/core/desktop/app-protocol';

const root = '/opt/raydocs/out/renderer';

describe('app:// requests', () => {
  it('serves the page and its assets from the renderer folder', () => {
    expect(resolveAppRequest('app://renderer/index.html', root)).toEqual({ kind: 'file', path: `${root}/index.html`, mime: 'text/html; charset=utf-8' });
    expect(resolveAppRequest('app://renderer/', root)).toMatchObject({ kind: 'file', path: `${root}/index.html` });
    expect(resolveAppRequest('app://renderer/assets/index-abc.js?v=1#x', root)).toMatchObject({ kind: 'file', path: `${root}/assets/index-abc.js`, mime: 'text/javascript; charset=utf-8' });
  });

  it('refuses other hosts, paths out of the folder, encoded separators and unknown file types', () => {
    for (const url of [
      'app://evil/index.html',
      'app://renderer/assets%5c..%5c..%5cmain.js',
      'app://renderer/a%00.html',
      'app://renderer/secrets.txt',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(resolveAppRequest(url, root).kind, url).toBe('refused');
    }
  });

  it('dot segments are resolved by the URL itself and never climb out of the folder', () => {
    expect(resolveAppRequest('app://renderer/../../../etc/passwd.html', root)).toMatchObject({ kind: 'file', path: `${root}/etc/passwd.html` });
    expect(resolveAppRequest('app://renderer/%2e%2e/%2e%2e/package.json', root)).toMatchObject({ kind: 'file', path: `${root}/package.json` });
  });

  it('sends the CSP as a header on every answer', () => {
    expect(appResponseHeaders('text/html; charset=utf-8')).toMatchObject({ 'content-security-policy': RENDERER_CSP, 'x-content-type-options': 'nosniff' });
    expect(RENDERER_CSP).toContain("default-src 'self'");
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
  });
});
