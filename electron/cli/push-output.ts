// How a push looks on the terminal: the final table, and the progress lines (bars on a TTY, plain lines otherwise).
import { assertNever } from '../../shared/assert-never';
import type { QueueItem, QueueSummary, Target } from '../../shared/queue';
import { bar, ellipsize, formatBytes, formatDuration, formatTable } from './format';
import type { OtherWork, PushReport, TargetFailure } from './push-report';
import { isSettled, isTargetRefusal } from './push-report';
import { printable } from './terminal-text';
import { withoutMarkup } from './describe-error';

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
    out += formatTable(shown.map((x) => [x.path, x.status, x.message ?? '']), ['FILE', 'STATE', '']);
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

export interface ProgressView {
  settled: number;
  total: number;
  failed: number;
  bytesDone: number;
  bytesTotal: number;
  speedBps: number;
  etaSeconds: number | null;
  /** Share of the work done, files and bytes together (progress-estimate.ts); null: bytes alone. */
  ratio?: number;
  /** The client is pacing itself under the API's rate limit: about this long until the next call goes. */
  pacingWaitMs?: number | null;
  connectivity: QueueSummary['connectivity'];
  active: QueueItem[];
  /** Items per status, in lifecycle order, zero counts left out. */
  byStatus: Array<[string, number]>;
}

const ACTIVE_ORDER = ['uploading', 'hashing', 'checking', 'attaching', 'waiting'];
const STATUS_ORDER = ['queued', 'hashing', 'checking', 'uploading', 'attaching', 'waiting', 'paused', 'done', 'failed', 'cancelled'];

export function progressView(items: QueueItem[], summary: QueueSummary | null): ProgressView {
  let settled = 0;
  let failed = 0;
  let bytesTotal = 0;
  let bytesDone = 0;
  const active: QueueItem[] = [];
  const counts = new Map<string, number>();
  for (const it of items) {
    counts.set(it.state.status, (counts.get(it.state.status) ?? 0) + 1);
    bytesTotal += it.size;
    const s = it.state;
    if (isSettled(s)) settled++;
    if (s.status === 'failed') failed++;
    if (s.status === 'uploading') bytesDone += s.bytesSent;
    else if (s.status === 'attaching' || s.status === 'done') bytesDone += it.size;
    if (s.status === 'hashing' || s.status === 'uploading' || s.status === 'attaching' || s.status === 'checking' || s.status === 'waiting') active.push(it);
  }
  return {
    settled,
    total: items.length,
    failed,
    bytesDone,
    bytesTotal,
    speedBps: summary?.speedBps ?? 0,
    etaSeconds: summary?.etaSeconds ?? null,
    connectivity: summary?.connectivity ?? { state: 'online' },
    // Bytes moving first: they are what the person is waiting on.
    active: active.sort((a, b) => ACTIVE_ORDER.indexOf(a.state.status) - ACTIVE_ORDER.indexOf(b.state.status)),
    byStatus: STATUS_ORDER.flatMap((st): Array<[string, number]> => {
      const n = counts.get(st) ?? 0;
      return n > 0 ? [[st, n]] : [];
    }),
  };
}

/** The engine's sentences are the app's ("the app retries…"): on the command line, the CLI is the one doing it. */
export function cliWords(message: string): string {
  return withoutMarkup(message).replace(/\b[Tt]he app\b/g, 'raydocs-upload').replace(/\bthis app\b/g, 'raydocs-upload');
}

function connectivityNote(c: QueueSummary['connectivity'], now: number = Date.now()): string {
  switch (c.state) {
    case 'online':
      return '';
    case 'offline': {
      const next = c.nextProbeAt === null ? '' : ` next try in ${Math.max(0, Math.ceil((c.nextProbeAt - now) / 1000))} s;`;
      return ` · offline:${next} ${printable(cliWords(c.message))}`;
    }
    case 'signed-out':
      return ` · signed out: ${printable(cliWords(c.message))}`;
  }
}

/** Breaks a long line at spaces into lines of at most `width` characters, indented: a sentence is never cut off. */
function wrap(line: string, width: number, indent = '  '): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of line.split(' ')) {
    if (cur && [...cur].length + 1 + [...word].length > width) {
      out.push(cur);
      cur = indent + word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) out.push(cur);
  return out;
}

function statusCounts(v: ProgressView): string {
  return v.byStatus.map(([st, n]) => `${n} ${st}`).join(' · ');
}

/** One line for logs and pipes: no escape codes. */
/** "waiting for the API rate limit (12 s)", or '' when not pacing. */
function pacingNote(v: ProgressView): string {
  if (v.pacingWaitMs === null || v.pacingWaitMs === undefined) return '';
  return `waiting for the API rate limit (${Math.max(1, Math.ceil(v.pacingWaitMs / 1000))} s)`;
}

function ratioOf(v: ProgressView): number {
  if (v.ratio !== undefined) return v.ratio;
  return v.bytesTotal > 0 ? v.bytesDone / v.bytesTotal : v.total > 0 ? v.settled / v.total : 0;
}

export function plainProgressLine(v: ProgressView): string {
  const pct = Math.floor(100 * ratioOf(v));
  const pacing = pacingNote(v);
  return (
    `progress: ${v.settled}/${v.total} files${v.failed ? ` (${v.failed} failed)` : ''}, ` +
    `${formatBytes(v.bytesDone)}/${formatBytes(v.bytesTotal)} (${pct}%), ${formatBytes(v.speedBps)}/s, ETA ${formatDuration(v.etaSeconds)}` +
    (v.byStatus.length ? ` [${statusCounts(v)}]` : '') +
    connectivityNote(v.connectivity) +
    (pacing ? ` · ${pacing}` : '')
  );
}

/** Cuts at the end, keeping the line inside the terminal so redraws stay aligned. */
function clip(line: string, width: number): string {
  const chars = [...line];
  return chars.length <= width ? line : chars.slice(0, Math.max(1, width - 1)).join('') + '…';
}

function itemLine(it: QueueItem, width: number): string {
  const s = it.state;
  const nameWidth = Math.max(10, Math.min(40, width - 36));
  const name = ellipsize(printable(it.name), nameWidth).padEnd(nameWidth);
  switch (s.status) {
    case 'hashing':
      return `  ${name} ${bar(it.size ? s.bytesHashed / it.size : 1, 16)} hashing`;
    case 'uploading':
      return `  ${name} ${bar(it.size ? s.bytesSent / it.size : 1, 16)} ${formatBytes(s.bytesSent)}`;
    case 'waiting':
      // A stall or a retry says so, and why.
      return `  ${name} ${' '.repeat(18)}waiting: ${printable(cliWords(s.message))}`;
    default:
      return `  ${name} ${' '.repeat(18)}${s.status}`;
  }
}

/** The TTY view: a total bar and one bar per file in flight. */
export function ttyProgressLines(v: ProgressView, width: number, maxItems: number): string[] {
  const w = width > 0 ? Math.max(40, width) : 80;
  const ratio = ratioOf(v);
  const lines = [
    `${bar(ratio, w >= 80 ? 30 : 16)} ${String(Math.floor(ratio * 100)).padStart(3)}%  ` +
      `${v.settled}/${v.total} files · ${formatBytes(v.bytesDone)}/${formatBytes(v.bytesTotal)}  ${formatBytes(v.speedBps)}/s  ETA ${formatDuration(v.etaSeconds)}`,
    `  ${v.byStatus.length ? statusCounts(v) : ''}`,
  ];
  const pacing = pacingNote(v);
  if (pacing) lines.push(`  ${pacing}`);
  for (const it of v.active.slice(0, maxItems)) lines.push(itemLine(it, w));
  if (v.active.length > maxItems) lines.push(`  … and ${v.active.length - maxItems} more`);
  // The offline line is wrapped, not clipped: it says what is happening and must be read whole.
  const note = connectivityNote(v.connectivity);
  const noteLines = note ? wrap(note.replace(/^ · /, '  '), w - 1, '    ') : [];
  const clipped = lines.map((l) => clip(l, w - 1));
  return [...clipped.slice(0, 2), ...noteLines, ...clipped.slice(2)];
}
