// How a push looks on the terminal once it ends: the final table (the progress lines are progress-lines.ts).
import { assertNever } from '../../shared/assert-never';
import type { IntakeReport, Target } from '../../shared/queue';
import { formatTable } from './format';
import { cliWords } from './progress-lines';
import type { OtherWork, PushReport, TargetFailure } from './push-report';
import { isTargetRefusal } from './push-report';
import { printable } from './terminal-text';

/** Refusals and failures are always listed in full; unfinished files are a progress note, so the list is capped. */
const MAX_PENDING_ROWS = 20;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** How a target is named in messages: `Session <id> "<name>"`, or the template a session per file comes from. */
export function targetLabel(t: Target): string {
  switch (t.kind) {
    case 'session':
      return `Session ${t.sessionId}${t.sessionName ? ` "${t.sessionName}"` : ''}`;
    case 'session-per-file':
      return `One new session per file from template ${t.templateId}${t.templateName ? ` "${t.templateName}"` : ''}${t.autoExtract ? ' (auto-extract)' : ''}`;
    default:
      return assertNever(t, 'target');
  }
}

/** One line per refused target: "Session … : the session no longer exists… (404 on …); 37 files not uploaded". */
function targetFailureLine(f: TargetFailure): string {
  return printable(`${targetLabel(f.target)}: ${f.message.replace(/\.$/, '')}; ${plural(f.files, 'file')} not uploaded`);
}

function perFileSections(r: PushReport): string {
  let out = '';
  const created = r.perFileSessions.filter((s) => s.created);
  const earlier = r.perFileSessions.filter((s) => !s.created);
  if (created.length > 0) out += `\nSessions created (one per file, each named after its file):\n${formatTable(created.map((s) => [s.name, s.sessionId]), ['NAME', 'SESSION'])}`;
  if (earlier.length > 0) {
    out += `\nAlready in a session (not uploaded again):\n${formatTable(earlier.map((s) => [s.path, `already in session ${s.sessionId}`]), ['FILE', ''])}`;
  }
  return out;
}

export function formatReport(r: PushReport, targetLabelText: string, opts: { verbose?: boolean } = {}): string {
  let out = `\n${printable(targetLabelText)}\n`;
  out += formatTable(
    [
      ['uploaded', String(r.uploaded.length)],
      ['already there', String(r.alreadyThere.length)],
      ['refused', String(r.refused.length)],
      ['failed', String(r.failed.length)],
      ...(r.pending.length > 0 ? [['not finished', String(r.pending.length)]] : []),
    ],
    ['RESULT', 'FILES'],
  );
  const extras: string[] = [];
  if (r.skipped > 0) extras.push(`${r.skipped} junk/hidden file${r.skipped === 1 ? '' : 's'} skipped`);
  if (r.duplicates > 0) extras.push(`${r.duplicates} duplicate path${r.duplicates === 1 ? '' : 's'} ignored`);
  if (r.filtered.length > 0) extras.push(`${plural(r.filtered.length, 'file')} left out by --include/--exclude/--max-size`);
  if (extras.length > 0) out += `(${extras.join(', ')})\n`;
  if (opts.verbose && r.hidden.length > 0) out += `\nSkipped (junk or hidden):\n${r.hidden.map((p) => `  ${printable(p)}\n`).join('')}`;
  if (opts.verbose && r.filtered.length > 0) out += `\nLeft out by a filter:\n${formatTable(r.filtered.map((f) => [f.path, f.reason]), ['FILE', 'WHY'])}`;
  if (r.unsupported.length > 0) out += `\nSkipped, unsupported format (--skip-unsupported):\n${formatTable(r.unsupported.map((x) => [x.path, x.reason]), ['FILE', 'REASON'])}`;
  out += perFileSections(r);
  if (r.refused.length > 0) out += `\nRefused:\n${formatTable(r.refused.map((x) => [x.path, x.reason]), ['FILE', 'REASON'])}`;
  if (r.targetFailures.length > 0) out += `\nStopped for a whole session or template:\n${r.targetFailures.map((f) => `${targetFailureLine(f)}\n`).join('')}`;
  // Files of a refused target are counted above, not listed one by one.
  const own = r.failed.filter((x) => !isTargetRefusal(x.code));
  if (own.length > 0) out += `\nFailed:\n${formatTable(own.map((x) => [x.path, x.step, x.message]), ['FILE', 'STEP', 'REASON'])}`;
  if (r.pending.length > 0) {
    out += `\nNot finished (run the same command again to resume):\n`;
    const shown = r.pending.slice(0, MAX_PENDING_ROWS);
    out += formatTable(shown.map((x) => [x.path, x.status, cliWords(x.message ?? '')]), ['FILE', 'STATE', 'WHY']);
    if (r.pending.length > shown.length) out += `… and ${r.pending.length - shown.length} more\n`;
  }
  return out;
}

/** The one line about the journal's other work, or null when there is none. */
export function otherWorkLine(o: OtherWork): string | null {
  if (o.items === 0) return null;
  const whose = [o.sessions > 0 ? plural(o.sessions, 'other session') : '', o.templates > 0 ? plural(o.templates, 'other one-session-per-file template') : '']
    .filter(Boolean)
    .join(' and ');
  return `${plural(o.items, 'unfinished upload')} for ${whose}: run \`raydocs-upload resume\``;
}

/** "Session … : 4 files queued, 1 refused, 2 skipped." on stderr as a push starts; --skip-unsupported's are skipped. */
export function intakeLine(label: string, intake: Pick<IntakeReport, 'accepted' | 'skipped' | 'linksOutside' | 'refused'>, skipUnsupported: boolean): string {
  const unsupported = skipUnsupported ? intake.refused.filter((r) => r.code === 'unsupported-format').length : 0;
  const refused = intake.refused.length - unsupported;
  const parts = [
    `${plural(intake.accepted, 'file')} queued`,
    refused ? `${refused} refused` : '',
    unsupported ? `${unsupported} skipped as unsupported` : '',
    intake.skipped ? `${intake.skipped} skipped` : '',
    intake.linksOutside ? `${plural(intake.linksOutside, 'link')} outside the folder skipped` : '',
  ];
  return `${label}: ${parts.filter(Boolean).join(', ')}.`;
}
