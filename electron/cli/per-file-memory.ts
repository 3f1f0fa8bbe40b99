// One session per file, remembered: the session each file's content went to, per template, so a rerun creates none.
import { join } from 'node:path';
import { z } from 'zod';
import type { QueueItem, Target } from '../../shared/queue';
import { readJsonFile, writeJsonFile } from '../core/desktop/json-file';

/** Beside the journal, so it follows the API origin (one journal dir per origin). */
export const PER_FILE_MEMORY_FILE = 'per-file-sessions.json';

const entrySchema = z.object({
  templateId: z.string(),
  sha256: z.string(),
  sessionId: z.string(),
  documentId: z.string(),
  /** The file's name when its session was made (the session is named after it). */
  name: z.string(),
  createdAt: z.string(),
});
const fileSchema = z.object({ version: z.literal(1), sessions: z.array(entrySchema) });
type Entry = z.infer<typeof entrySchema>;

export interface PerFileMemory {
  /** The engine's `knownContent`: the session this content already went to from this template, if any. */
  known(target: Target, sha256: string): { sessionId: string; documentId: string } | null;
  /** Takes in the sessions that stored one-session-per-file items went to; true when something new was learned. */
  learn(items: QueueItem[]): boolean;
  /** Writes the file atomically (a temporary file, then rename): a crash leaves the previous one. */
  save(): void;
}

const keyOf = (templateId: string, sha256: string): string => `${templateId}\n${sha256}`;

/** A missing or unreadable file is an empty memory: the worst case is a session made again, never a file lost. */
export function openPerFileMemory(journalDir: string): PerFileMemory {
  const file = join(journalDir, PER_FILE_MEMORY_FILE);
  const entries = new Map<string, Entry>();
  for (const e of readJsonFile(file, fileSchema)?.sessions ?? []) entries.set(keyOf(e.templateId, e.sha256), e);

  return {
    known(target, sha256) {
      if (target.kind !== 'session-per-file') return null;
      const e = entries.get(keyOf(target.templateId, sha256));
      return e ? { sessionId: e.sessionId, documentId: e.documentId } : null;
    },
    learn(items) {
      let learned = false;
      for (const it of items) {
        const s = it.state;
        if (it.target.kind !== 'session-per-file' || s.status !== 'done' || !s.sha256 || !s.sessionId) continue;
        const key = keyOf(it.target.templateId, s.sha256);
        if (entries.has(key)) continue;
        entries.set(key, { templateId: it.target.templateId, sha256: s.sha256, sessionId: s.sessionId, documentId: s.documentId, name: it.name, createdAt: new Date().toISOString() });
        learned = true;
      }
      return learned;
    },
    save() {
      writeJsonFile(file, { version: 1, sessions: [...entries.values()] });
    },
  };
}
