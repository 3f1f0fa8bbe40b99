// The slice of RaydocsClient the engine uses, typed structurally so tests can hand in a fake.
import type { DocLike } from './doc-status';

/** `timeoutMs`: this call's own limit (the client's default otherwise). */
export interface CallOptions {
  timeoutMs?: number;
}

export interface EngineClient {
  listWorkspaces(signal?: AbortSignal): Promise<unknown[]>;
  signedStorageUrl(body?: { content_type?: string }, signal?: AbortSignal): Promise<{ key: string; url: string; headers?: Record<string, string> | null }>;
  uploadSessionDocuments(sessionId: string, keys: string[], signal?: AbortSignal, opts?: CallOptions): Promise<DocLike[]>;
  attachSessionDocuments(sessionId: string, documentIds: string[], signal?: AbortSignal, opts?: CallOptions): Promise<DocLike[]>;
  detachSessionDocument(sessionId: string, documentId: string, signal?: AbortSignal): Promise<void>;
  createWorkspaceDocument(workspaceId: number, body: { key: string; filename: string; mime?: string }, signal?: AbortSignal): Promise<{ document: DocLike; reused: boolean }>;
  listWorkspaceDocuments(workspaceId: number, query: { query?: string; per_page?: number }, signal?: AbortSignal): Promise<{ data: DocLike[] }>;
  listSessionDocuments(sessionId: string, signal?: AbortSignal): Promise<DocLike[]>;
  /** One document with its sha256, for lists that leave it out (doc-sha.ts). */
  getWorkspaceDocument(workspaceId: number, id: string, signal?: AbortSignal): Promise<DocLike>;
  reparseDocument(workspaceId: number, id: string, body: { config_hash: string; force?: boolean }, signal?: AbortSignal): Promise<unknown>;
  listResults(sessionId: string, signal?: AbortSignal): Promise<Array<{ config_hash?: string | null; created_at?: string | null }>>;
  renameSession(sessionId: string, name: string, signal?: AbortSignal): Promise<unknown>;
  batchCreateSessions(templateId: string, body: { files: string[]; settings?: { auto_extract?: boolean } }, signal?: AbortSignal): Promise<Array<{ id: string; name: string }>>;
}
