// Main process entry: starts the app; everything else lives in app-main.ts so a test can drive it with electron mocked.
import { app } from 'electron';
import { startMain } from './app-main';

startMain().catch((err: unknown) => {
  console.error('Raydocs Uploader failed to start:', err);
  app.exit(1);
});
