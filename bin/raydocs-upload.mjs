#!/usr/bin/env node
// The `raydocs-upload` bin: runs the TypeScript CLI in this process through tsx (no child process, so signals hit us).
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import(new URL('../electron/cli/main.ts', import.meta.url).href);
const code = await main(process.argv.slice(2));
// Exit once stdout and stderr have drained (pipes are asynchronous on macOS), so a big --json report is never cut;
// exiting explicitly means keep-alive sockets or timers cannot hold the process open.
await new Promise((resolve) => process.stdout.write('', resolve));
await new Promise((resolve) => process.stderr.write('', resolve));
process.exit(code);
