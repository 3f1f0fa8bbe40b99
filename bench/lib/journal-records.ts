// Journal records shaped like the engine's own (PersistedWork around a QueueItem), so sizes and parse costs are real.
import type { QueueItem } from '../../shared/queue';
import type { PersistedWork } from '../../electron/core/engine/work';

const target = {
  kind: 'session',
  workspaceId: 1,
  sessionId: '6f1c2a4e-8a51-4d8e-9a55-0c6c3b1f2e9a',
  sessionName: 'Invoices November',
} as const;

/** A real file the records point at, so a restart's checks (stat of hashed files) do real work. */
export interface SampleFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** The record for item `i` at one of its lifecycle steps: 0 queued, 1 hashed (about to upload), 2 uploaded (to attach). */
export function workRecord(i: number, step: number, sample: SampleFile): PersistedWork {
  const name = `scan-${String(i).padStart(6, '0')}.pdf`;
  const sha256 = step > 0 ? (i.toString(16).padStart(8, '0') + 'ab'.repeat(28)).slice(0, 64) : null;
  const state: QueueItem['state'] =
    step === 0
      ? { status: 'queued' }
      : step === 1
        ? { status: 'uploading', sha256: sha256!, bytesSent: 0, attempt: 1 }
        : { status: 'attaching', sha256: sha256!, key: `tmp/${sha256!.slice(0, 36)}` };
  const item: QueueItem = {
    id: `it-${i.toString(36)}-${(i * 2654435761) % 1e9}`,
    path: sample.path,
    name,
    size: sample.size,
    format: 'pdf',
    target,
    batchId: 'b-1',
    addedAt: 1_790_000_000_000 + i,
    state,
  };
  return {
    item,
    realPath: item.path,
    next: step === 0 ? 'hashing' : step === 1 ? 'uploading' : 'attaching',
    sha256,
    hashedSize: step > 0 ? sample.size : null,
    hashedMtimeMs: step > 0 ? sample.mtimeMs : null,
    key: step === 2 ? `tmp/${sha256!.slice(0, 36)}` : null,
    sessionId: null,
    documentId: null,
    documentStatus: '',
    parsings: [],
    verifyBeforeAttach: false,
  };
}
