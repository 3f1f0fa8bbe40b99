import { describe, expect, it } from 'vitest';
import { checkExternalUrl, isAllowedExternalUrl } from '../../../electron/core/desktop/external-links';

describe('openExternal allow-list', () => {
  it.each(['https://app.raydocs.com/workspaces/1/sessions/abc', 'https://docs.raydocs.com/guide', 'https://raydocs.com/', 'https://www.raydocs.com/pricing'])(
    'allows %s',
    (url) => expect(isAllowedExternalUrl(url)).toBe(true),
  );

  it.each([
    ['http://app.raydocs.com/', 'only https'],
    ['file:///etc/passwd', 'only https'],
    ['javascript:alert(1)', 'only https'],
    ['smb://attacker/share', 'only https'],
    ['https://evil.com/?https://app.raydocs.com', 'not a Raydocs address'],
    ['https://app.raydocs.com.evil.com/', 'not a Raydocs address'],
    ['https://evilraydocs.com/', 'not a Raydocs address'],
    ['https://user:pw@app.raydocs.com/', 'credentials'],
    ['https://app.raydocs.com:8443/', 'port'],
    ['not a url', 'not a valid URL'],
  ])('refuses %s (%s)', (url, reason) => {
    const v = checkExternalUrl(url);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toContain(reason);
  });
});
