// Saves the world to DATA_DIR/state.json on close and restores it on start, so a restarted emulator keeps its data.
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentRec, ResultRec, SessionRec, TemplateRec, TmpObject, World, WorkspaceRec } from './state';
import type { AttachmentRecord, SeedSummary } from './types';

const VERSION = 1;

interface Snapshot {
  version: number;
  seed: number;
  summary: SeedSummary;
  idDraws: number;
  parseDraws: number;
  uploads: number;
  tokens: Array<{ key: string; abilities: string[]; workspaceIds: number[] | null; revoked: boolean }>;
  workspaces: WorkspaceRec[];
  templates: TemplateRec[];
  sessions: SessionRec[];
  documents: DocumentRec[];
  results: ResultRec[];
  tmp: TmpObject[];
  issuedKeys: string[];
  attachStats: AttachmentRecord[];
}

export const stateFile = (dataDir: string): string => join(dataDir, 'state.json');

export async function saveWorld(world: World, summary: SeedSummary, seed: number, dataDir: string): Promise<void> {
  const snap: Snapshot = {
    version: VERSION,
    seed,
    summary,
    idDraws: world.idDraws,
    parseDraws: world.parseDraws,
    uploads: world.uploads,
    // Token hashes only: no usable secret is written to disk.
    tokens: [...world.tokens].map(([key, t]) => ({ key, abilities: [...t.abilities], workspaceIds: t.workspaceIds, revoked: t.revoked })),
    workspaces: [...world.workspaces.values()],
    templates: [...world.templates.values()],
    sessions: [...world.sessions.values()],
    documents: [...world.documents.values()],
    results: [...world.results.values()],
    tmp: [...world.tmp.values()],
    issuedKeys: [...world.issuedKeys],
    attachStats: [...world.attachStats.values()],
  };
  const file = stateFile(dataDir);
  await writeFile(`${file}.tmp`, JSON.stringify(snap));
  await rename(`${file}.tmp`, file);
}

/** Fills an empty world from DATA_DIR/state.json; returns the seed summary, or null when there is nothing usable. */
export async function loadWorld(world: World, seed: number, dataDir: string): Promise<SeedSummary | null> {
  const file = stateFile(dataDir);
  if (!existsSync(file)) return null;
  let snap: Snapshot;
  try {
    snap = JSON.parse(await readFile(file, 'utf8')) as Snapshot;
  } catch {
    return null;
  }
  if (snap.version !== VERSION || snap.seed !== seed) return null; // another seed means another world: start fresh
  for (const t of snap.tokens) world.tokens.set(t.key, { abilities: new Set(t.abilities), workspaceIds: t.workspaceIds, revoked: t.revoked });
  for (const w of snap.workspaces) world.workspaces.set(w.id, w);
  for (const t of snap.templates) world.templates.set(t.id, t);
  for (const s of snap.sessions) world.sessions.set(s.id, s);
  for (const d of snap.documents) world.documents.set(d.id, d);
  for (const r of snap.results) world.results.set(r.id, r);
  for (const o of snap.tmp) world.tmp.set(o.key, o);
  for (const k of snap.issuedKeys) world.issuedKeys.add(k);
  for (const a of snap.attachStats) world.attachStats.set(`${a.sessionId}|${a.sha256}`, a);
  world.uploads = snap.uploads;
  world.restored(snap.idDraws, snap.parseDraws);
  return snap.summary;
}
