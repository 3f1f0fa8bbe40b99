// Finds the built renderer (out/renderer from `npm run build`) or, when it is missing or older than the sources,
// builds one into a scratch directory so the UI case always measures the current code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './child';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export async function builtRenderer(scratchDir: string, log: (m: string) => void): Promise<string> {
  const out = path.join(repoRoot, 'out', 'renderer');
  const index = path.join(out, 'index.html');
  const sources = Math.max(newestMtime(path.join(repoRoot, 'renderer')), newestMtime(path.join(repoRoot, 'shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return out;
  log('out/renderer is missing or older than the sources: building the renderer into a scratch dir');
  const dest = path.join(scratchDir, 'renderer-build');
  const { build } = await import('vite');
  const vue = (await import('@vitejs/plugin-vue')).default;
  await build({
    root: path.join(repoRoot, 'renderer'),
    base: './',
    plugins: [vue()],
    logLevel: 'error',
    build: { outDir: dest, emptyOutDir: true },
  });
  return dest;
}
