// `npm run demo`: starts the Raydocs emulator with demo data, then the app signed in to it (Demo badge).
// The demo token goes to the Electron main process through its environment only; main drops it from the
// environment at start and never hands it to the renderer. Electron's binary is fetched first if it is missing
// (scripts/launch.ts); when it cannot be, one sentence says so and the emulator stops.
import { parseArgs } from 'node:util';
import { startEmulator } from '../test/emulator/index';
import { launch } from './launch';

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

  const code = await launch({
    mode: values.preview ? 'preview' : 'dev',
    command: 'npm run demo',
    env: { ...process.env, RAYDOCS_API_URL: emulator.url, RAYDOCS_DEMO: '1', RAYDOCS_DEMO_TOKEN: emulator.token },
  });
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
