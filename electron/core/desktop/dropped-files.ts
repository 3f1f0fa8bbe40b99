// What main answers for dropped items the preload could not turn into files on disk: refused by name, never looked up.
import { randomUUID } from 'node:crypto';
import type { IntakeReport, Refusal } from '../../../shared/queue';
import { NOT_ON_DISK, refusal } from '../intake/refusal-words';

export function unresolvedRefusals(names: readonly string[]): Refusal[] {
  return names.map((name) => refusal(name, 'refused', NOT_ON_DISK));
}

/** A batch with nothing to queue: only the refusals of items that had no path. */
export function refusedOnlyReport(names: readonly string[]): IntakeReport {
  return { batchId: randomUUID(), accepted: 0, duplicates: 0, skipped: 0, refused: unresolvedRefusals(names) };
}
