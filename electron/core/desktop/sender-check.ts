// Decides whether an IPC message comes from our own page: the main frame at app://renderer, or our dev server in development.
import { APP_ORIGIN } from './app-protocol';

export interface SenderInfo {
  /** The sending frame's URL; null when the frame is gone. */
  frameUrl: string | null;
  isMainFrame: boolean;
}

export interface TrustedPages {
  /** The renderer's own origin (app://renderer): exactly this one, never file://. */
  appOrigin?: string;
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
  // A file:// page is any file on disk (a saved HTML file, a download): never trusted, whatever its path.
  if (url.protocol === 'file:') return false;
  // app:// is a standard scheme, so the URL has a real origin; path, query and hash are the page's own business.
  if (`${url.protocol}//${url.host}` === (pages.appOrigin ?? APP_ORIGIN)) return true;
  if (pages.devServerUrl) {
    const dev = new URL(pages.devServerUrl);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(dev.hostname) && url.origin === dev.origin;
  }
  return false;
}
