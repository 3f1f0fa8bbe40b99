// `npm run demo`: starts the Raydocs emulator with demo data, then the app signed in to it (Demo badge).
// The demo token goes to the Electron main process through its environment only; main drops it from the
// environment at start and never hands it to the renderer. Without Electron's binary (offline machines)
// electron-vite stops at "Electron uninstall": the emulator part still runs, and the URL is printed.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startEmulator } from '../test/emulator/index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    preview: { type: 'boolean', default: false },
    'step-ms': { type: 'string', default: '1500' },
  },
});

async function main(): Promise<number> {
  const emulator = await startEmulator({ port: Number(values.port), demoSeed: true, parsing: { stepMs: Number(values['step-ms']) } });
  const names = emulator.seed.workspaces.map((w) => w.name).join(', ');
  process.stdout.write(`Raydocs emulator at ${emulator.url} (workspaces: ${names})\n`);
  process.stdout.write(`Starting the app in demo mode (${values.preview ? 'electron-vite preview' : 'electron-vite dev'})…\n`);

  const child = spawn('npx', ['electron-vite', values.preview ? 'preview' : 'dev'], {
    stdio: 'inherit',
    env: { ...process.env, RAYDOCS_API_URL: emulator.url, RAYDOCS_DEMO: '1', RAYDOCS_DEMO_TOKEN: emulator.token },
  });
  const stop = (): void => {
    child.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const code = await new Promise<number>((resolve) => {
    child.once('exit', (c, signal) => resolve(c ?? (signal ? 130 : 1)));
    child.once('error', (err) => {
      process.stderr.write(`Could not start electron-vite: ${err.message}\n`);
      resolve(1);
    });
  });
  if (code !== 0) {
    process.stderr.write(
      'The app did not start. On a machine without Electron\'s binary (no internet), electron-vite stops at "Electron uninstall": that is expected here.\n',
    );
  }
  await emulator.close();
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
