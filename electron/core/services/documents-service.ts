// A session's documents as Raydocs holds them, and asking Raydocs to parse one again (§7, the storage-only lifecycle).
import type { ExtractionResult } from '../../../shared/api';
import type { RaydocsClient } from '../api/client';
import { AppError } from '../desktop/app-error';
import type { IpcHandlers } from '../desktop/ipc-dispatch';
import { nothingToReparse, parsingsOf, reparseConfigHash, sessionHashForReparse, type UploadEngine } from '../engine';

export type DocumentsChannel = 'sessions:documents' | 'documents:reparse';

export interface DocumentsServiceDeps {
  client: Pick<RaydocsClient, 'getWorkspaceDocument' | 'listResults' | 'reparseDocument'>;
  /** Reads for the documents view, paced in the limiter's background lane. */
  background: Pick<RaydocsClient, 'listSessionDocuments'>;
  engine: Pick<UploadEngine, 'snapshot' | 'refreshDocuments'>;
}

export interface DocumentsService {
  handlers: Pick<IpcHandlers, DocumentsChannel>;
  /** A run started on the session: its config hash is the session's from now on, and its documents parse. */
  runStarted(sessionId: string, result: ExtractionResult): void;
}

export function createDocumentsService(deps: DocumentsServiceDeps): DocumentsService {
  const { client, engine } = deps;
  /** Each session's config hash as its last run here answered it (memory only). */
  const runHashes = new Map<string, string>();

  return {
    handlers: {
      'sessions:documents': async ({ sessionId }) => deps.background.listSessionDocuments(sessionId),
      'documents:reparse': async ({ workspaceId, sessionId, documentId }) => {
        const doc = await client.getWorkspaceDocument(workspaceId, documentId);
        // The engine's rule, so the window and the queue row ask for the same parsing and never send a hash the API refuses.
        const sessionHash = await sessionHashForReparse(runHashes.get(sessionId) ?? null, () => client.listResults(sessionId));
        const configHash = reparseConfigHash(parsingsOf(doc), sessionHash);
        if (!configHash) throw new AppError('validation', nothingToReparse(doc.filename || 'This document'));
        const answer = await client.reparseDocument(workspaceId, documentId, { config_hash: configHash, force: true });
        const holding = engine.snapshot().items.flatMap((it) => (it.state.status === 'done' && it.state.documentId === documentId ? [it.state.sessionId] : []));
        for (const sid of holding) engine.refreshDocuments(sid);
        return answer;
      },
    },
    runStarted(sessionId, result) {
      // The run's answer names the session's config hash (a reparse sends it); its list and reads may show another form.
      if (result.config_hash) runHashes.set(sessionId, result.config_hash);
      // A run parses the session's unparsed documents: the queue rows show that parse beside "stored".
      engine.refreshDocuments(sessionId, result.config_hash);
    },
  };
}
