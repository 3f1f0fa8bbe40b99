#!/usr/bin/env node
// The `raydocs-upload` bin: runs the TypeScript CLI in this process through tsx (no child process, so signals hit us).
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
const { main } = await import(new URL('../electron/cli/main.ts', import.meta.url).href);
const code = await main(process.argv.slice(2));
// Let stdout drain; open handles (keep-alive sockets, timers) must not keep the process alive.
process.exitCode = code;
setImmediate(() => process.exit(code));
