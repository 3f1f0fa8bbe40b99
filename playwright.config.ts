// Playwright drives Debian's Chromium (never a downloaded browser) against the built renderer served by vite preview.
import { defineConfig } from '@playwright/test';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

const ALONE = /scale\.spec\.ts$/;
// One preview server per checkout run: RAYDOCS_E2E_PORT lets two checkouts run their e2e side by side.
const PORT = Number(process.env.RAYDOCS_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 120_000,
  // Two at a time: a scenario spends most of its time waiting on the emulator's clock and the engine's polling.
  workers: 2,
  reporter: [['list']],
  // The 5,000-item scale spec bounds long tasks and frame times: it runs in a project of its own, by itself
  // (`npm run test:e2e` runs the two projects one after the other), so another scenario never shares its cores.
  projects: [
    { name: 'e2e', testIgnore: ALONE },
    { name: 'alone', testMatch: ALONE },
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    viewport: { width: 1100, height: 760 },
  },
  webServer: {
    command: `npx vite preview --config renderer/vite.preview.config.ts --outDir ../out/renderer --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
