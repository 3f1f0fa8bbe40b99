// `npm run bench [-- --case NAME] [--quick] [--rounds N] [--out FILE]`: runs the benchmark cases, prints the
// Markdown table and writes the same figures as JSON (bench/results/latest.json for a full run).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CASES } from './cases/index';
import { benchRoot, cleanupBundles } from './lib/child';
import { machineInfo } from './lib/machine';
import { machineLine, markdownTable, notesList } from './lib/report';
import type { BenchReport, ResultRow } from './lib/types';

const { values } = parseArgs({
  options: {
    case: { type: 'string', multiple: true },
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    out: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});

if (values.list) {
  for (const c of CASES) console.log(c.name);
  process.exit(0);
}

const wanted = (values.case ?? []).flatMap((c) => c.split(',')).filter(Boolean);
const unknown = wanted.filter((w) => !CASES.some((c) => c.name === w));
if (unknown.length) {
  console.error(`unknown case(s): ${unknown.join(', ')}; known: ${CASES.map((c) => c.name).join(', ')}`);
  process.exit(2);
}
const selected = wanted.length ? CASES.filter((c) => wanted.includes(c.name)) : CASES;
const quick = values.quick ?? false;
const rounds = values.rounds ? Number(values.rounds) : quick ? 1 : 3;
const outFile = values.out ?? path.join(benchRoot, 'results', quick ? 'quick.json' : 'latest.json');

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const sharedDir = mkdtempSync(path.join(os.tmpdir(), 'raydocs-bench-'));
const started = performance.now();
const rows: ResultRow[] = [];
const errors: BenchReport['errors'] = [];

process.on('SIGINT', () => {
  rmSync(sharedDir, { recursive: true, force: true });
  cleanupBundles();
  process.exit(130);
});

try {
  for (const entry of selected) {
    const caseStarted = performance.now();
    log(`${entry.name}: starting${quick ? ' (quick)' : ''}`);
    const tmpDir = mkdtempSync(path.join(sharedDir, `${entry.name}-`));
    try {
      const benchCase = await entry.load();
      const caseRows = await benchCase.run({ quick, rounds, tmpDir, sharedDir, log: (m) => log(`${entry.name}: ${m}`) });
      if (caseRows.length === 0) throw new Error('the case produced no figures');
      rows.push(...caseRows);
      log(`${entry.name}: done in ${((performance.now() - caseStarted) / 1000).toFixed(1)} s`);
    } catch (err) {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      errors.push({ case: entry.name, message: message.slice(0, 4000) });
      log(`${entry.name}: FAILED: ${message}`);
    } finally {
      rmSync(tmpDir, { recursive: true, force: true });
    }
  }
} finally {
  rmSync(sharedDir, { recursive: true, force: true });
  cleanupBundles();
}

const report: BenchReport = {
  machine: machineInfo(),
  quick,
  rounds,
  durationSeconds: (performance.now() - started) / 1000,
  cases: rows,
  errors,
};
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);

console.log(`Machine: ${machineLine(report)}\n`);
console.log(markdownTable(rows));
const notes = notesList(rows);
if (notes) console.log(`\n${notes}`);
if (errors.length) console.log(`\nFailed cases: ${errors.map((e) => e.case).join(', ')}`);
console.log(`\nJSON: ${path.relative(process.cwd(), outFile)}`);
process.exit(errors.length ? 1 : 0);
