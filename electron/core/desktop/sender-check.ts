// Decides whether an IPC message comes from our own page: the main frame, loaded from our file or our dev server.

export interface SenderInfo {
  /** The sending frame's URL; null when the frame is gone. */
  frameUrl: string | null;
  isMainFrame: boolean;
}

export interface TrustedPages {
  /** file:// URL of out/renderer/index.html. */
  rendererFileUrl: string;
  /** electron-vite's dev server (ELECTRON_RENDERER_URL), only in development. */
  devServerUrl?: string | null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isTrustedSender(sender: SenderInfo, pages: TrustedPages): boolean {
  if (!sender.isMainFrame || !sender.frameUrl) return false;
  let url: URL;
  try {
    url = new URL(sender.frameUrl);
  } catch {
    return false;
  }
  if (url.protocol === 'file:') {
    const page = new URL(pages.rendererFileUrl);
    // Hash and query are the page's own business (routing); the file itself must be ours, exactly.
    return page.protocol === 'file:' && url.host === page.host && decodeURIComponent(url.pathname) === decodeURIComponent(page.pathname);
  }
  if (pages.devServerUrl) {
    const dev = new URL(pages.devServerUrl);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(dev.hostname) && url.origin === dev.origin;
  }
  return false;
}
