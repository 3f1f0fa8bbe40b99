// Intake at scale: a nested tree of 100,000 small files given to the engine in one add(), against listing and
// stat'ing the same tree with find | xargs stat; plus the time to the first PUT (under way before the walk ends) and
// the engine's peak RSS.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runWorker, timeCommand } from '../lib/child';
import { newSessionTarget, startBenchEmulator } from '../lib/emulator';
import { median, round } from '../lib/stats';
import type { BenchCase } from '../lib/types';
import type { IntakeInput, IntakeResult } from '../workers/intake';

/** The engine's add() may take this many times find | xargs stat: it also reads each file's first bytes (format sniff). */
const TARGET = 5;

/** `files` small PDFs, 100 to a folder, folders two levels deep (10 at the top). */
function makeTree(root: string, files: number): void {
  for (let i = 0; i < files; i++) {
    const folder = Math.floor(i / 100);
    const dir = path.join(root, `d${folder % 10}`, `f${folder}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `scan-${i}.pdf`), `%PDF-1.7\n% file ${i}\n%%EOF\n`);
  }
}

export const intake100kCase: BenchCase = {
  name: 'intake-100k',
  description: 'one add() of a nested tree of 100,000 small files vs find | xargs stat of the same tree; time to the first PUT; peak RSS',
  async run(ctx) {
    const files = ctx.quick ? 5_000 : 100_000;
    const root = path.join(ctx.tmpDir, 'tree');
    makeTree(root, files);
    const intakeMs: number[] = [];
    const firstPutMs: number[] = [];
    const rss: number[] = [];
    const statMs: number[] = [];
    const emu = await startBenchEmulator();
    try {
      for (let r = 0; r < ctx.rounds; r++) {
        const sides = [
          async () => {
            const target = await newSessionTarget(emu, `intake ${r}`);
            const input: IntakeInput = { baseUrl: emu.emu.url, token: emu.emu.token, target, folder: root, journalDir: mkdtempSync(path.join(ctx.tmpDir, 'journal-')) };
            const run = await runWorker<IntakeResult & { peakRssMiB: number }>('intake', input, { timeoutMs: 600_000 });
            if (run.result.accepted !== files) throw new Error(`the engine accepted ${run.result.accepted} of ${files} files`);
            intakeMs.push(run.result.intakeMs);
            firstPutMs.push(run.result.firstPutMs);
            rss.push(run.result.peakRssMiB);
          },
          async () => {
            statMs.push((await timeCommand('sh', ['-c', `find "${root}" -type f | xargs stat > /dev/null`], { timeoutMs: 600_000 })).ms);
          },
        ];
        for (let i = 0; i < sides.length; i++) await sides[(i + r) % sides.length]!();
        ctx.log(`round ${r + 1}: add() ${intakeMs.at(-1)!.toFixed(0)} ms, first PUT at ${firstPutMs.at(-1)!.toFixed(0)} ms, find | xargs stat ${statMs.at(-1)!.toFixed(0)} ms`);
      }
    } finally {
      await emu.close();
    }
    const value = median(intakeMs);
    const reference = median(statMs);
    const bound = TARGET * reference;
    return [
      {
        name: 'intake-100k',
        unit: 'ms',
        value,
        reference: 'find + xargs stat of the same tree',
        referenceValue: reference,
        // The case's time over the reference's, like cli-start and journal recovery: ≤ TARGET meets it.
        ratio: value / reference,
        target: `≤ ${TARGET}× find + xargs stat (${round(bound)} ms)`,
        met: value <= bound,
        notes:
          `${files} files of ~30 B in ${files / 100} folders two levels deep. Intake is the add() call: the scan, the format sniff ` +
          `(first bytes of each file), the size checks, and every item queued and journaled. Items are queued group by group ` +
          `while the walk goes on, so hashing and the first uploads run during the call and are inside the figure. add() took ${round(value / reference)}× find -type f | xargs stat (${round(reference)} ms). The first PUT was under way ` +
          `${round(median(firstPutMs))} ms after add() was called. The engine process (under tsx) peaked at ${round(median(rss))} MiB RSS.`,
      },
    ];
  },
};
