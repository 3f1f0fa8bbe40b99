// Files the OS hands the app ("Open with", a second launch, the dock) wait as one pending batch until the person says where they go.
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { PendingOpen } from '../../../shared/ipc';
import type { Target } from '../../../shared/queue';

const SHOWN_NAMES = 5;

/** Main's side of the batch: the paths never leave main; the window sees names and a count. */
export interface OpenedBatch {
  id: string;
  paths: string[];
}

/** New arrivals join the waiting batch under a new id, so an answer given to what was shown never takes files it did not show. */
export function joinBatch(current: OpenedBatch | null, paths: readonly string[]): OpenedBatch {
  const all = [...(current?.paths ?? [])];
  for (const p of paths) if (!all.includes(p)) all.push(p);
  return { id: randomUUID(), paths: all };
}

export function pendingView(batch: OpenedBatch, target: Target | null): PendingOpen {
  return { id: batch.id, count: batch.paths.length, names: batch.paths.slice(0, SHOWN_NAMES).map((p) => basename(p)), target };
}

/** "Upload 3 files to March invoices?" — or, with no target yet, which session to choose. */
export function offerText(p: Pick<PendingOpen, 'count' | 'target'>): string {
  const files = p.count === 1 ? '1 file' : `${p.count} files`;
  if (!p.target) return `Upload ${files}? Choose a session for them.`;
  return p.target.kind === 'session' ? `Upload ${files} to ${p.target.sessionName}?` : `Upload ${files}, one session per file (${p.target.templateName})?`;
}
