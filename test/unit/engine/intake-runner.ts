// Runs intake in a child process (used to drop root privileges so "permission denied" is real). Prints JSON.
import { intakePaths } from '../../../electron/core/intake/intake';

const res = await intakePaths(process.argv.slice(2));
process.stdout.write(JSON.stringify(res));
