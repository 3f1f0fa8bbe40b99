// The loopback rule: a token travels over plain http only to this machine.
import { describe, expect, it } from 'vitest';
import { BaseUrlError, isLoopbackHost, normalizeBaseUrl } from '../../../electron/core/api/base-url';
import { RaydocsClient } from '../../../electron/core/api/client';

describe('loopback rule', () => {
  it.each(['http://127.0.0.1:8787', 'http://127.45.6.7', 'http://localhost:3000', 'http://LOCALHOST', 'http://[::1]:8080', 'http://127.1', 'http://[::ffff:127.0.0.1]'])(
    'accepts %s',
    (url) => expect(() => normalizeBaseUrl(url)).not.toThrow(),
  );
  it.each(['http://api.raydocs.com', 'http://10.0.0.1', 'http://128.0.0.1', 'http://localhost.evil.com', 'http://127.0.0.1.nip.io', 'http://[::2]'])(
    'refuses %s with a clear error',
    (url) => {
      expect(() => normalizeBaseUrl(url)).toThrow(BaseUrlError);
      expect(() => normalizeBaseUrl(url)).toThrow(/plain http:\/\/ would send the token unencrypted/);
    },
  );
  it('accepts https anywhere and strips the trailing slash', () => {
    expect(normalizeBaseUrl('https://api.raydocs.com/')).toBe('https://api.raydocs.com');
    expect(normalizeBaseUrl('https://proxy.example/raydocs/api/')).toBe('https://proxy.example/raydocs/api');
  });
  it('refuses other schemes, garbage, credentials and queries', () => {
    expect(() => normalizeBaseUrl('ftp://api.raydocs.com')).toThrow(/https:\/\//);
    expect(() => normalizeBaseUrl('not a url')).toThrow(/not a valid API address/);
    expect(() => normalizeBaseUrl('https://user:pw@api.raydocs.com')).toThrow(/credentials/);
    expect(() => normalizeBaseUrl('https://api.raydocs.com/?token=x')).toThrow(/query/);
  });
  it('isLoopbackHost takes hostnames as URL serialises them', () => {
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('example.com')).toBe(false);
  });
  it('the client applies the rule and defaults to https://api.raydocs.com', () => {
    expect(() => new RaydocsClient({ baseUrl: 'http://example.com', token: 't' })).toThrow(BaseUrlError);
    expect(new RaydocsClient({ token: 't' }).baseUrl).toBe('https://api.raydocs.com');
  });
});
