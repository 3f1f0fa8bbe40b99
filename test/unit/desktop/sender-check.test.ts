import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, APP_ORIGIN } from '../../../electron/core/desktop/app-protocol';
import { isTrustedSender } from '../../../electron/core/desktop/sender-check';

const pages = { appOrigin: APP_ORIGIN };
const dev = { ...pages, devServerUrl: 'http://localhost:5173' };
const builtPage = 'file:///opt/Raydocs/resources/app.asar/out/renderer/index.html';

describe('IPC sender check', () => {
  it('trusts our page at app://renderer in the main frame, with or without a hash route', () => {
    expect(isTrustedSender({ frameUrl: APP_INDEX_URL, isMainFrame: true }, pages)).toBe(true);
    expect(isTrustedSender({ frameUrl: `${APP_INDEX_URL}#/queue`, isMainFrame: true }, pages)).toBe(true);
  });

  it('refuses every file:// sender, even the built page itself', () => {
    expect(isTrustedSender({ frameUrl: builtPage, isMainFrame: true }, pages)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'file:///tmp/evil.html', isMainFrame: true }, pages)).toBe(false);
    expect(isTrustedSender({ frameUrl: builtPage, isMainFrame: true }, dev)).toBe(false);
  });

  it('refuses subframes, gone frames and other app:// hosts', () => {
    expect(isTrustedSender({ frameUrl: APP_INDEX_URL, isMainFrame: false }, pages)).toBe(false);
    expect(isTrustedSender({ frameUrl: null, isMainFrame: true }, pages)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'app://evil/index.html', isMainFrame: true }, pages)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'app://renderer.evil/index.html', isMainFrame: true }, pages)).toBe(false);
  });

  it('refuses any web origin in production', () => {
    expect(isTrustedSender({ frameUrl: 'https://app.raydocs.com/', isMainFrame: true }, pages)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'http://localhost:5173/', isMainFrame: true }, pages)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'about:blank', isMainFrame: true }, pages)).toBe(false);
  });

  it('trusts only the exact dev server origin in development', () => {
    expect(isTrustedSender({ frameUrl: 'http://localhost:5173/#/settings', isMainFrame: true }, dev)).toBe(true);
    expect(isTrustedSender({ frameUrl: 'http://localhost:5174/', isMainFrame: true }, dev)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'https://localhost:5173/', isMainFrame: true }, dev)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'http://evil.com:5173/', isMainFrame: true }, dev)).toBe(false);
  });

  it('never trusts a non-loopback dev server URL', () => {
    const remote = { ...pages, devServerUrl: 'http://192.0.2.1:5173' };
    expect(isTrustedSender({ frameUrl: 'http://192.0.2.1:5173/', isMainFrame: true }, remote)).toBe(false);
  });
});
