// push --dry-run: what a push would do, from reads only: the walk and filters, the intake's refusals, and each
// accepted file's sha256 against what the session (or the per-file memory) already holds. No PUT, no attach.
import type { Target } from '../../shared/queue';
import type { RaydocsClient } from '../core/api/client';
import { hashFile } from '../core/engine';
import { intakePaths } from '../core/intake/intake';
import { mapLimit } from '../core/map-limit';
import type { CliContext } from './context';
import { EXIT, type ExitCode } from './exit-codes';
import { formatBytes, formatTable } from './format';
import { failureMember, writeJson } from './json-output';
import { openPerFileMemory } from './per-file-memory';
import { targetLabel } from './push-output';
import { withCode, type CodedRefusal } from './refusal-codes';
import type { Selection } from './select-files';
import { printable } from './terminal-text';

export interface DryRunReport {
  dryRun: true;
  target: Target;
  wouldUpload: Array<{ path: string; size: number; sha256: string }>;
  alreadyThere: Array<{ path: string; sha256: string; sessionId: string }>;
  /** Same bytes as a file listed before it in wouldUpload: the push uploads them once and reports these already there. */
  sameContent: Array<{ path: string; sha256: string; sameAs: string }>;
  refused: CodedRefusal[];
  unsupported: CodedRefusal[];
  filtered: Selection['filtered'];
  hidden: string[];
  linksOutside: number;
}

const HASH_CONCURRENCY = 4;
const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

export async function dryRun(ctx: CliContext, client: RaydocsClient, target: Target, selection: Selection, skipUnsupported: boolean): Promise<ExitCode> {
  const intake = await intakePaths(selection.files);
  const coded = [...selection.refused, ...intake.refused].map(withCode);
  const held = new Map<string, string>();
  if (target.kind === 'session') for (const d of await client.listSessionDocuments(target.sessionId)) if (d.sha256) held.set(d.sha256, target.sessionId);
  const memory = target.kind === 'session-per-file' ? openPerFileMemory(ctx.journalDir) : null;
  const hashed = await mapLimit(intake.accepted, HASH_CONCURRENCY, async (f) => ({ f, ...(await hashFile(f.path)) }));
  const report: DryRunReport = {
    dryRun: true,
    target,
    wouldUpload: [],
    alreadyThere: [],
    sameContent: [],
    refused: skipUnsupported ? coded.filter((r) => r.code !== 'unsupported-format') : coded,
    unsupported: skipUnsupported ? coded.filter((r) => r.code === 'unsupported-format') : [],
    filtered: selection.filtered,
    hidden: selection.hidden,
    linksOutside: selection.linksOutside,
  };
  const first = new Map<string, string>();
  for (const { f, sha256, size } of hashed) {
    const there = held.get(sha256) ?? memory?.known(target, sha256)?.sessionId ?? null;
    const sameAs = first.get(sha256);
    if (there) report.alreadyThere.push({ path: f.path, sha256, sessionId: there });
    else if (sameAs !== undefined) report.sameContent.push({ path: f.path, sha256, sameAs });
    else {
      first.set(sha256, f.path);
      report.wouldUpload.push({ path: f.path, size, sha256 });
    }
  }
  // Exit as the push would: refusals make it 1.
  const exitCode = report.refused.length > 0 ? EXIT.failed : EXIT.ok;
  if (ctx.json) writeJson(ctx.io.stdout, { ...report, exitCode, ...failureMember(exitCode, `${plural(report.refused.length, 'file')} would be refused.`, 'files-failed') });
  else ctx.io.stdout.write(formatDryRun(report, ctx.verbosity === 'verbose'));
  return exitCode;
}

function formatDryRun(r: DryRunReport, verbose: boolean): string {
  let out = `\nDry run (nothing uploaded): ${printable(targetLabel(r.target))}\n`;
  const bytes = r.wouldUpload.reduce((n, f) => n + f.size, 0);
  out += formatTable(
    [
      ['would upload', `${r.wouldUpload.length} (${formatBytes(bytes)})`],
      ['already there', String(r.alreadyThere.length)],
      ['would be refused', String(r.refused.length)],
      ...(r.unsupported.length ? [['skipped, unsupported', String(r.unsupported.length)]] : []),
      ...(r.sameContent.length ? [['same content as another', String(r.sameContent.length)]] : []),
      ...(r.filtered.length ? [['left out by a filter', String(r.filtered.length)]] : []),
      ...(r.hidden.length ? [['junk or hidden, skipped', String(r.hidden.length)]] : []),
      ...(r.linksOutside ? [['links outside, skipped', String(r.linksOutside)]] : []),
    ],
    ['RESULT', 'FILES'],
  );
  if (r.wouldUpload.length) out += `\nWould upload:\n${r.wouldUpload.map((f) => `  ${printable(f.path)}\n`).join('')}`;
  if (r.alreadyThere.length) out += `\nAlready there:\n${r.alreadyThere.map((f) => `  ${printable(f.path)}\n`).join('')}`;
  if (r.sameContent.length) out += `\nSame content as another file (uploaded once):\n${formatTable(r.sameContent.map((x) => [x.path, x.sameAs]), ['FILE', 'SAME AS'])}`;
  if (r.refused.length) out += `\nWould be refused:\n${formatTable(r.refused.map((x) => [x.path, x.reason]), ['FILE', 'REASON'])}`;
  if (r.unsupported.length) out += `\nSkipped, unsupported format:\n${formatTable(r.unsupported.map((x) => [x.path, x.reason]), ['FILE', 'REASON'])}`;
  if (r.filtered.length) out += `\nLeft out by a filter:\n${formatTable(r.filtered.map((f) => [f.path, f.reason]), ['FILE', 'WHY'])}`;
  if (verbose && r.hidden.length) out += `\nSkipped (junk or hidden):\n${r.hidden.map((p) => `  ${printable(p)}\n`).join('')}`;
  if (r.linksOutside) out += `\n${plural(r.linksOutside, 'link')} leading out of the folder skipped (--follow-symlinks follows them).\n`;
  return out;
}
