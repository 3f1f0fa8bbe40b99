// Runs every benchmark case in quick mode, so the harness cannot rot. It asserts that each case ran and produced
// figures, never how fast anything was: timings on a shared CI machine are not a test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES } from '../../bench/cases/index';
import type { BenchReport } from '../../bench/lib/types';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let dir = '';
let report: BenchReport;
let output = '';

describe('npm run bench -- --quick', () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'raydocs-bench-test-'));
    const out = path.join(dir, 'quick.json');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 280_000,
    });
    output = `${run.stdout}\n${run.stderr}`;
    report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the Markdown table and records the machine', () => {
    expect(output).toContain('| case | unit | ours |');
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    expect(report.quick).toBe(true);
  });

  it.each(CASES.map((c) => c.name))('%s ran and produced figures', (name) => {
    const failure = report.errors.find((e) => e.case === name);
    expect(failure?.message ?? null).toBeNull();
    const rows = report.cases.filter((r) => r.name === name || r.name.startsWith(`${name} `));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(Number.isFinite(row.value), `${row.name} value`).toBe(true);
      expect(typeof row.met).toBe('boolean');
      expect(row.target.length).toBeGreaterThan(0);
      if (row.referenceValue !== null) expect(Number.isFinite(row.referenceValue), `${row.name} reference`).toBe(true);
      if (row.ratio !== null) expect(Number.isFinite(row.ratio), `${row.name} ratio`).toBe(true);
    }
  });
});
