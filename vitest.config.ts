// Vitest: node environment for shared/core/main/emulator; happy-dom for renderer tests (by folder).
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import vue from '@vitejs/plugin-vue';

/**
 * The files that take longest (most of it waiting on child processes, the emulator's clock and real sockets), started
 * first so none of them is left running alone at the end. Vitest's own order needs a results cache, which a fresh CI
 * clone does not have (it then starts the largest files first). A file missing here only runs in Vitest's order.
 */
const SLOW_FIRST = [
  'test/bench/bench-quick.test.ts',
  'test/integration/engine/variant-matrix.test.ts',
  'test/integration/engine/faults.test.ts',
  'test/integration/cli/extract.test.ts',
  'test/integration/engine/memory.test.ts',
  'test/integration/cli/resume.test.ts',
  'test/integration/cli/sigkill.test.ts',
  'test/integration/engine/dead-keys.test.ts',
  'test/integration/cli/own-work.test.ts',
  'test/integration/cli/shell.test.ts',
  'test/integration/app-service/runs.test.ts',
  'test/integration/engine/budgets.test.ts',
  'test/integration/cli/push.test.ts',
  'test/integration/engine/attach-readings.test.ts',
];

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const projects = [...new Set(sorted.map((f) => f.project.name))];
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((p) => f.moduleId.endsWith(`/${p}`));
      return i === -1 ? SLOW_FIRST.length : i;
    };
    // Projects keep Vitest's order; within one, listed files first, the rest in Vitest's order (the sort is stable).
    return sorted.sort((a, b) => projects.indexOf(a.project.name) - projects.indexOf(b.project.name) || rank(a) - rank(b));
  }
}

export default defineConfig({
  plugins: [vue()],
  test: {
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one file at a time on CI's 2 cores, while most files spend
    // their time waiting (CLI children, the emulator's clock, sockets). One more worker than cores keeps both busy.
    maxWorkers: availableParallelism() + 1,
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**', 'test/unit/renderer/**'] },
      },
      {
        extends: true,
        test: { name: 'renderer', include: ['test/unit/renderer/**/*.test.ts'], environment: 'happy-dom' },
      },
    ],
  },
});
