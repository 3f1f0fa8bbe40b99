// Where the built preload, renderer page and icons are, in development and when packaged.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { APP_INDEX_URL } from '../core/desktop/app-protocol';

const here = dirname(fileURLToPath(import.meta.url));

export interface AppPaths {
  preload: string;
  /** The built renderer's folder, served as app://renderer. */
  rendererDir: string;
  /** What the window loads: app://renderer/index.html. */
  rendererUrl: string;
  /** electron-vite's dev server, never trusted in a packaged app. */
  devServerUrl: string | null;
  resources: string;
}

export function appPaths(env: NodeJS.ProcessEnv = process.env): AppPaths {
  // Bundled to out/main/index.js: the preload and the renderer sit beside it under out/.
  return {
    preload: join(here, '../preload/index.cjs'),
    rendererDir: join(here, '../renderer'),
    rendererUrl: APP_INDEX_URL,
    devServerUrl: !app.isPackaged && env['ELECTRON_RENDERER_URL'] ? env['ELECTRON_RENDERER_URL'] : null,
    resources: app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources'),
  };
}
