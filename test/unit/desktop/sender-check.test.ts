import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/core/desktop/sender-check';

const pages = { rendererFileUrl: 'file:///opt/Raydocs/resources/app.asar/out/renderer/index.html' };
const dev = { ...pages, devServerUrl: 'http://localhost:5173' };

describe('IPC sender check', () => {
  it('trusts our page in the main frame, with or without a hash route', () => {
    expect(isTrustedSender({ frameUrl: pages.rendererFileUrl, isMainFrame: true }, pages)).toBe(true);
    expect(isTrustedSender({ frameUrl: `${pages.rendererFileUrl}#/queue`, isMainFrame: true }, pages)).toBe(true);
  });

  it('refuses subframes, gone frames and other files', () => {
    expect(isTrustedSender({ frameUrl: pages.rendererFileUrl, isMainFrame: false }, pages)).toBe(false);
    expect(isTrustedSender({ frameUrl: null, isMainFrame: true }, pages)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'file:///tmp/evil.html', isMainFrame: true }, pages)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'file:///opt/Raydocs/resources/app.asar/out/renderer/index.html.evil', isMainFrame: true }, pages)).toBe(false);
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
