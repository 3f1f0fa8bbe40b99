// Where the built preload, renderer page and icons are, in development and when packaged.
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app } from 'electron';

const here = dirname(fileURLToPath(import.meta.url));

export interface AppPaths {
  preload: string;
  rendererIndex: string;
  rendererFileUrl: string;
  /** electron-vite's dev server, never trusted in a packaged app. */
  devServerUrl: string | null;
  resources: string;
}

export function appPaths(env: NodeJS.ProcessEnv = process.env): AppPaths {
  // Bundled to out/main/index.js: the preload and the renderer sit beside it under out/.
  const rendererIndex = join(here, '../renderer/index.html');
  return {
    preload: join(here, '../preload/index.cjs'),
    rendererIndex,
    rendererFileUrl: pathToFileURL(rendererIndex).href,
    devServerUrl: !app.isPackaged && env['ELECTRON_RENDERER_URL'] ? env['ELECTRON_RENDERER_URL'] : null,
    resources: app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources'),
  };
}
