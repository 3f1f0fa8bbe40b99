// A drop sent in chunks is one batch to the person: each chunk's engine batch id maps to the first chunk's. Plain
// functions, not store actions: the queue's rows ask for each item's batch on every message (20,000 calls at 10,000
// items), and a Pinia action wraps every call with its subscription bookkeeping.
import type { QueueItem } from '../../../shared/queue';

export interface BatchAliases {
  /** Records that engine batch `chunk` shows as batch `first`. */
  alias(chunk: string, first: string): void;
  /** The batch an item shows under. */
  of(item: QueueItem): string;
  /** Every engine batch id the shown batch stands for. */
  chunksOf(batchId: string): string[];
}

export function createBatchAliases(): BatchAliases {
  const byChunk = new Map<string, string>();
  return {
    alias: (chunk, first) => void byChunk.set(chunk, first),
    of: (item) => byChunk.get(item.batchId) ?? item.batchId,
    chunksOf: (batchId) => {
      const out = [batchId];
      for (const [chunk, first] of byChunk) if (first === batchId && chunk !== batchId) out.push(chunk);
      return out;
    },
  };
}
