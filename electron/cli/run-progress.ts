// The progress line of runs being waited on: one line rewritten in place on a terminal, plain lines in logs and pipes.
import type { RunStatus } from '../../shared/result-table';
import { formatDuration } from './format';
import type { OutStream } from './io';
import type { WatchedRun } from './run-wait';
import { printable } from './terminal-text';

const ORDER: RunStatus[] = ['created', 'parsing_pending', 'processing', 'completed', 'failed', 'unknown'];

function parseNote(w: WatchedRun): string {
  const p = w.parse;
  if (!p || w.status !== 'parsing_pending') return '';
  return ` (${p.parsed}/${p.total} document${p.total === 1 ? '' : 's'} parsed${p.failed ? `, ${p.failed} could not be parsed` : ''})`;
}

/** `parsing_pending (3/5 documents parsed) · 12s` for one run; `3 runs: 1 completed · 2 processing · 12s` for several. */
export function runProgressLine(runs: readonly WatchedRun[], elapsedSeconds: number, note: string | null): string {
  let text: string;
  if (runs.length === 1 && runs[0]) {
    const w = runs[0];
    text = w.result ? `run ${w.status}${parseNote(w)}` : 'waiting for the run Raydocs starts by itself';
  } else {
    const waiting = runs.filter((w) => !w.result).length;
    const parts = ORDER.flatMap((st) => {
      const n = runs.filter((w) => w.result && w.status === st).length;
      return n > 0 ? [`${n} ${st}`] : [];
    });
    if (waiting > 0) parts.unshift(`${waiting} not started yet`);
    text = `${runs.length} runs: ${parts.join(' · ')}`;
  }
  return printable(`${text} · ${formatDuration(elapsedSeconds)}${note ? ` · ${note}` : ''}`);
}

export interface RunProgressWriter {
  update(runs: readonly WatchedRun[], note: string | null): void;
  /** Ends the rewritten line (TTY) so what follows starts on a fresh line. */
  finish(): void;
}

/**
 * TTY: the line is rewritten in place. Plain: a line each time a run changes state, and at most every `plainIntervalMs`
 * when only the parse count or the clock moved, so a CI log shows every state without one line per poll.
 */
export function createRunProgress(out: OutStream, mode: 'tty' | 'plain' | 'off', opts: { plainIntervalMs?: number; now?: () => number } = {}): RunProgressWriter {
  const now = opts.now ?? Date.now;
  const started = now();
  const plainInterval = opts.plainIntervalMs ?? 5000;
  let lastStates = '';
  let lastPlainAt = 0;
  let lastLine = '';
  let drawn = false;
  return {
    update(runs, note) {
      if (mode === 'off') return;
      const line = runProgressLine(runs, (now() - started) / 1000, note);
      if (mode === 'tty') {
        const width = Math.max(20, (out.columns ?? 80) - 1);
        const chars = [...line];
        out.write(`\r\x1b[2K${chars.length > width ? chars.slice(0, width - 1).join('') + '…' : line}`);
        drawn = true;
        return;
      }
      const states = runs.map((w) => `${w.result?.id ?? ''}:${w.status}`).join(',') + `|${note ?? ''}`;
      const t = now();
      if (states === lastStates && t - lastPlainAt < plainInterval) return;
      // The clock alone changing is not news.
      if (states === lastStates && line.replace(/ · [^·]*$/, '') === lastLine.replace(/ · [^·]*$/, '') && !note) return;
      lastStates = states;
      lastPlainAt = t;
      lastLine = line;
      out.write(`${line}\n`);
    },
    finish() {
      if (mode === 'tty' && drawn) out.write('\n');
      drawn = false;
    },
  };
}
