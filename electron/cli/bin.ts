// The `raydocs-upload` process: runs main() in this process (no child, so signals reach it) and exits once output drained.
// eslint-disable-next-line no-restricted-imports -- the layer rule means electron/main; this is the CLI's own main.ts
import { main } from './main';

const code = await main(process.argv.slice(2));
// Exit once stdout and stderr have drained (pipes are asynchronous on macOS), so a big --json report is never cut;
// exiting explicitly means keep-alive sockets or timers cannot hold the process open.
await new Promise((resolve) => process.stdout.write('', resolve));
await new Promise((resolve) => process.stderr.write('', resolve));
process.exit(code);
