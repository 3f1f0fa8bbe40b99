// Push progress as text: the terminal's bars and the plain line for logs and pipes. Every line fits the terminal
// without losing what it says: the bar shrinks before a figure is cut, and a waiting row wraps its reason.
import type { QueueItem, QueueSummary } from '../../shared/queue';
import { withoutMarkup } from './describe-error';
import { bar, ellipsize, formatBytes, formatDuration } from './format';
import { isSettled } from './push-report';
import { printable } from './terminal-text';

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
  // "sign in again" is the window's button; the CLI's last line says what fixes it (login, or RAYDOCS_TOKEN).
  return withoutMarkup(message)
    .replace(/\b[Tt]he app\b/g, 'raydocs-upload')
    .replace(/\bthis app\b/g, 'raydocs-upload')
    .replace(/: sign in again\.$/, '.');
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
  const lead = /^ */.exec(line)![0];
  return wordLines(line.slice(lead.length), width - lead.length, width - indent.length).map((l, i) => (i === 0 ? lead : indent) + l);
}

/** Words in lines of at most `first` characters, then `rest`; a word longer than a line stays whole (clip cuts it). */
function wordLines(text: string, first: number, rest: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of text.split(/ +/)) {
    if (cur && [...cur].length + 1 + [...word].length > (out.length === 0 ? first : rest)) {
      out.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) out.push(cur);
  return out;
}

function statusCounts(v: ProgressView): string {
  return v.byStatus.map(([st, n]) => `${n} ${st}`).join(' · ');
}

/** "waiting for the API rate limit (12 s)", or '' when not pacing. */
function pacingNote(v: ProgressView): string {
  if (v.pacingWaitMs === null || v.pacingWaitMs === undefined) return '';
  return `waiting for the API rate limit (${Math.max(1, Math.ceil(v.pacingWaitMs / 1000))} s)`;
}

function ratioOf(v: ProgressView): number {
  if (v.ratio !== undefined) return v.ratio;
  return v.bytesTotal > 0 ? v.bytesDone / v.bytesTotal : v.total > 0 ? v.settled / v.total : 0;
}

/** One line for logs and pipes: no escape codes. */
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

/** A file in flight: its own bar, or why it waits (wrapped, never cut: the reason is what the person needs). */
function itemLines(it: QueueItem, width: number): string[] {
  const s = it.state;
  const nameWidth = Math.max(10, Math.min(40, width - 36));
  const name = ellipsize(printable(it.name), nameWidth).padEnd(nameWidth);
  switch (s.status) {
    case 'hashing':
      return [`  ${name} ${bar(it.size ? s.bytesHashed / it.size : 1, 16)} hashing`];
    case 'uploading':
      return [`  ${name} ${bar(it.size ? s.bytesSent / it.size : 1, 16)} ${formatBytes(s.bytesSent)}`];
    case 'waiting': {
      // A stall or a retry says so, and why: in the bar's column, then on full-width lines below (few of them, so the
      // bars still fit the screen).
      const head = `  ${name} `;
      return wordLines(`waiting: ${printable(cliWords(s.message))}`, width - 1 - head.length, width - 5).map((l, i) => (i === 0 ? head : '    ') + l);
    }
    default:
      return [`  ${name} ${' '.repeat(18)}${s.status}`];
  }
}

/** The first line: the bar takes what the figures leave of the width (8 to 30 characters), so the ETA is never cut. */
function headLine(v: ProgressView, w: number): string {
  const ratio = ratioOf(v);
  const figures =
    `${String(Math.floor(ratio * 100)).padStart(3)}%  ${v.settled}/${v.total} files · ${formatBytes(v.bytesDone)}/${formatBytes(v.bytesTotal)}  ` +
    `${formatBytes(v.speedBps)}/s  ETA ${formatDuration(v.etaSeconds)}`;
  const room = w - 1 - [...figures].length - 3;
  if (room < 8) return figures.trimStart();
  return `${bar(ratio, Math.min(30, room))} ${figures}`;
}

/** The TTY view: a total bar and one bar per file in flight. */
export function ttyProgressLines(v: ProgressView, width: number, maxItems: number): string[] {
  const w = width > 0 ? Math.max(40, width) : 80;
  const lines = [headLine(v, w), `  ${v.byStatus.length ? statusCounts(v) : ''}`];
  const pacing = pacingNote(v);
  if (pacing) lines.push(`  ${pacing}`);
  const items = v.active.slice(0, maxItems).flatMap((it) => itemLines(it, w));
  if (v.active.length > maxItems) items.push(`  … and ${v.active.length - maxItems} more`);
  // The offline line is wrapped, not clipped: it says what is happening and must be read whole.
  const note = connectivityNote(v.connectivity);
  const noteLines = note ? wrap(note.replace(/^ · /, '  '), w - 1, '    ') : [];
  const clipped = [...lines, ...items].map((l) => clip(l, w - 1));
  return [...clipped.slice(0, 2), ...noteLines, ...clipped.slice(2)];
}
