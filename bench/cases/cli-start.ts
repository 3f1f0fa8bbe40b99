// Cold start of the built CLI: `raydocs-upload --help` and `--version` against `node -e 0`, interleaved, medians.
import path from 'node:path';
import { cliBuildProblem, CLI_OUT } from '../../scripts/build-cli';
import { repoRoot, timeCommand } from '../lib/child';
import { median, round } from '../lib/stats';
import type { BenchCase, ResultRow } from '../lib/types';

const TARGET = 3;

export const cliStartCase: BenchCase = {
  name: 'cli-start',
  description: 'raydocs-upload --help and --version (the built bin) against node -e 0',
  async run(ctx) {
    const problem = cliBuildProblem(repoRoot);
    if (problem) throw new Error(problem);
    const bin = path.join(repoRoot, CLI_OUT);
    const rounds = ctx.quick ? 3 : 10;
    const times = { node: [] as number[], help: [] as number[], version: [] as number[] };
    // One warm-up of each fills the page cache, so the first measured round is not the disk's.
    await timeCommand(process.execPath, ['-e', '0']);
    await timeCommand(process.execPath, [bin, '--help']);
    for (let i = 0; i < rounds; i++) {
      // Interleaved: a burst of load on the shared machine lands on all three alike.
      times.node.push((await timeCommand(process.execPath, ['-e', '0'])).ms);
      times.help.push((await timeCommand(process.execPath, [bin, '--help'])).ms);
      times.version.push((await timeCommand(process.execPath, [bin, '--version'])).ms);
    }
    const node = median(times.node);
    ctx.log(`node -e 0 ${round(node)} ms, --help ${round(median(times.help))} ms, --version ${round(median(times.version))} ms`);
    return (['help', 'version'] as const).map((which): ResultRow => {
      const value = median(times[which]);
      // The time over the reference's, as the target is stated: lower is better here.
      const ratio = value / node;
      return {
        name: `cli-start --${which}`,
        unit: 'ms',
        value: round(value),
        reference: 'node -e 0',
        referenceValue: round(node),
        ratio: round(ratio),
        target: `≤ ${TARGET}× node -e 0`,
        met: ratio <= TARGET,
        notes: `median of ${rounds}, interleaved with node -e 0; ${CLI_OUT} (one esbuild bundle; only the parser runs for --${which})`,
      };
    });
  },
};
