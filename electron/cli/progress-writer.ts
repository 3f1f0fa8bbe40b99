// Draws push progress: redrawn bars on a terminal, a plain line every few seconds in logs and pipes, or nothing.
import type { OutStream } from './io';
import { plainProgressLine, ttyProgressLines, type ProgressView } from './progress-lines';

export type ProgressMode = 'tty' | 'plain' | 'off';

export interface ProgressWriter {
  update(view: ProgressView): void;
  /** Draws the last state once more (plain mode) or clears the bars (TTY). */
  finish(): void;
}

export function createProgressWriter(out: OutStream, mode: ProgressMode, opts: { plainIntervalMs?: number; ttyIntervalMs?: number; maxItems?: number } = {}): ProgressWriter {
  const plainInterval = opts.plainIntervalMs ?? 5000;
  const ttyInterval = opts.ttyIntervalMs ?? 100;
  let last: ProgressView | null = null;
  let lastDrawAt = 0;
  let lastLine = '';
  let drawnLines = 0;

  const drawTty = () => {
    if (!last) return;
    const lines = ttyProgressLines(last, out.columns ?? 80, opts.maxItems ?? 6);
    // Move to the top of what we drew last time and clear below, so the bars redraw in place.
    const up = drawnLines > 0 ? `\x1b[${drawnLines}F\x1b[J` : '';
    out.write(up + lines.join('\n') + '\n');
    drawnLines = lines.length;
  };
  const drawPlain = (force: boolean) => {
    if (!last) return;
    const line = plainProgressLine(last);
    if (!force && line === lastLine) return;
    lastLine = line;
    out.write(`${line}\n`);
  };

  return {
    update(view) {
      if (view.total === 0) return; // nothing queued: no bar to draw
      last = view;
      if (mode === 'off') return;
      const now = Date.now();
      const interval = mode === 'tty' ? ttyInterval : plainInterval;
      if (lastDrawAt !== 0 && now - lastDrawAt < interval) return;
      lastDrawAt = now;
      if (mode === 'tty') drawTty();
      else drawPlain(false);
    },
    finish() {
      if (mode === 'tty') {
        drawTty();
      } else if (mode === 'plain') drawPlain(false);
    },
  };
}
