// Renders results as the Markdown table that `npm run bench` prints and docs/benchmarks.md records.
import { round } from './stats';
import type { BenchReport, ResultRow } from './types';

const cell = (v: string | number | null): string => (v === null ? '—' : typeof v === 'number' ? String(round(v)) : v);

export function markdownTable(rows: ResultRow[]): string {
  const head = '| case | unit | ours | reference | reference figure | ratio (vs reference) | target | met |';
  const sep = '|---|---|---:|---|---:|---:|---|---|';
  const lines = rows.map(
    (r) =>
      `| ${r.name} | ${r.unit} | ${cell(r.value)} | ${cell(r.reference)} | ${cell(r.referenceValue)} | ${
        r.ratio === null ? '—' : `${round(r.ratio)}×`
      } | ${r.target} | ${r.met ? 'yes' : '**no**'} |`,
  );
  return [head, sep, ...lines].join('\n');
}

export function notesList(rows: ResultRow[]): string {
  return rows
    .filter((r) => r.notes)
    .map((r) => `- **${r.name}**: ${r.notes}`)
    .join('\n');
}

export function machineLine(report: BenchReport): string {
  const m = report.machine;
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryMiB} MiB RAM, Node ${m.node}, ${m.platform}; ${m.date}${
    report.quick ? ' (quick mode)' : ''
  }; ${report.rounds} rounds; run took ${Math.round(report.durationSeconds)} s`;
}
