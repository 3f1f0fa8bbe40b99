// Worker: one journal operation, timed in-process: write N transitions, recover (open) the journal, or just read
// the journal file's bytes (the floor recovery is compared with).
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { RaydocsClient } from '../../electron/core/api/client';
import { createEngine } from '../../electron/core/engine';
import { openJournal, replay } from '../../electron/core/engine/journal';
import type { PersistedWork } from '../../electron/core/engine/work';
import { workRecord, type SampleFile } from '../lib/journal-records';
import { runMain, workerInput } from '../lib/worker-io';

export type JournalInput =
  | { op: 'write'; dir: string; items: number; transitions: number; durableEvery: number; sample: SampleFile }
  | { op: 'recover'; dir: string }
  | { op: 'restart'; dir: string; scratch: string }
  | { op: 'read'; dir: string };

export interface JournalResult {
  elapsedMs: number;
  records: number;
  bytes: number;
  /** Recovery only: read + decode + replay without validation (JSON.parse of each id's last record), timed after the real recovery. */
  replayMs?: number;
}

function journalFile(dir: string): string {
  const name = readdirSync(dir).find((f) => !f.endsWith('.tmp'));
  if (!name) throw new Error(`no journal file in ${dir}`);
  return path.join(dir, name);
}

runMain(async (): Promise<JournalResult> => {
  const input = workerInput<JournalInput>();
  switch (input.op) {
    case 'write': {
      // Build the records first so only journaling is timed.
      const records: PersistedWork[] = [];
      // Items cycle through queued / hashed / uploaded, so a restart has every kind of work to recover.
      for (let t = 0; t < input.transitions; t++) records.push(workRecord(t % input.items, (t + Math.floor(t / input.items)) % 3, input.sample));
      const journal = openJournal<PersistedWork>(input.dir);
      const t0 = performance.now();
      for (let t = 0; t < records.length; t++) {
        const r = records[t]!;
        journal.put(r.item.id, r, input.durableEvery > 0 && (t + 1) % input.durableEvery === 0);
      }
      journal.sync();
      const elapsedMs = performance.now() - t0;
      journal.close();
      return { elapsedMs, records: records.length, bytes: statSync(journalFile(input.dir)).size };
    }
    case 'recover': {
      const bytes = statSync(journalFile(input.dir)).size;
      const t0 = performance.now();
      const journal = openJournal<PersistedWork>(input.dir);
      const records = journal.loaded.size;
      const elapsedMs = performance.now() - t0;
      journal.close();
      const t1 = performance.now();
      replay<PersistedWork>(readFileSync(journalFile(input.dir), 'utf8'));
      const replayMs = performance.now() - t1;
      return { elapsedMs, records, bytes, replayMs };
    }
    case 'restart': {
      // The engine's real restart (journal replay, recovery of each item, file checks, compaction) on a copy.
      const dir = mkdtempSync(path.join(input.scratch, 'restart-'));
      for (const f of readdirSync(input.dir)) copyFileSync(path.join(input.dir, f), path.join(dir, f));
      const bytes = statSync(journalFile(dir)).size;
      // Nothing listens there: the work that starts after start() resolves is not timed, and the process exits.
      const client = new RaydocsClient({ baseUrl: 'http://127.0.0.1:9', token: 'bench-no-token' });
      const engine = createEngine({ client, journalDir: dir });
      const t0 = performance.now();
      await engine.start();
      const elapsedMs = performance.now() - t0;
      return { elapsedMs, records: engine.snapshot().items.length, bytes };
    }
    case 'read': {
      const file = journalFile(input.dir);
      const t0 = performance.now();
      const buf = readFileSync(file);
      const elapsedMs = performance.now() - t0;
      return { elapsedMs, records: -1, bytes: buf.length };
    }
  }
});
