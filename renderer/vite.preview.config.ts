// Serves the built renderer for the Playwright suite and the benchmarks (module scripts cannot load from file://).
import { defineConfig } from 'vite';

export default defineConfig({ root: 'renderer', build: { outDir: '../out/renderer' } });
