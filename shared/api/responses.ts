// One validator per endpoint response, keyed like ENDPOINTS, so the client never parses JSON by hand.
import { z } from 'zod';
import { isPlainObject, listOf, oneOf, paginatedOf } from './common';
import { workspaceDocumentSchema, type WorkspaceDocument } from './documents';
import {
  batchSessionSchema,
  extractionResultSchema,
  sessionSchema,
  signedStorageUrlSchema,
  templateSchema,
  workspaceSchema,
} from './models';

/**
 * `{document, dedup: {reused}, document_ref}` (§8.4). `reused` is null when the server left out `dedup`:
 * the client then falls back to the status code (200 reused, 201 new). A bare document is accepted too.
 */
const createdDocument = z
  .preprocess(
    (v) => (isPlainObject(v) && v['document'] === undefined && v['id'] !== undefined ? { document: v } : v),
    z.object({
      document: workspaceDocumentSchema,
      dedup: z.object({ reused: z.boolean().nullish() }).nullish(),
    }),
  )
  .transform((v) => ({ document: v.document, reused: v.dedup?.reused ?? null }));

/**
 * Reparse's body is undocumented (§9.4): a document (bare, `{data}` or `{document}`) when one is recognisable,
 * otherwise null (e.g. `{message: "queued"}` or an empty 202). A document-looking object that is malformed still fails.
 */
const reparsed = z
  .preprocess((v) => {
    if (!isPlainObject(v)) return null;
    const inner = isPlainObject(v['document']) ? v['document'] : isPlainObject(v['data']) ? v['data'] : v;
    return inner['id'] === undefined ? null : inner;
  }, workspaceDocumentSchema.nullable())
  .transform((v): WorkspaceDocument | null => v);

export const responses = {
  /** Documented as a bare array or `{data}` (§6.1); read as pages in case the server paginates it. */
  listWorkspaces: paginatedOf(workspaceSchema),
  listTemplates: paginatedOf(templateSchema),
  getTemplate: oneOf(templateSchema),
  createSession: oneOf(sessionSchema),
  getSession: oneOf(sessionSchema),
  renameSession: oneOf(sessionSchema),
  signedStorageUrl: oneOf(signedStorageUrlSchema),
  uploadSessionDocuments: listOf(workspaceDocumentSchema),
  attachSessionDocuments: listOf(workspaceDocumentSchema),
  /** `{data, meta}` (G2), or a bare array (G1 prose) read as one page. */
  listSessionDocuments: paginatedOf(workspaceDocumentSchema),
  createWorkspaceDocument: createdDocument,
  listWorkspaceDocuments: paginatedOf(workspaceDocumentSchema),
  getWorkspaceDocument: oneOf(workspaceDocumentSchema),
  reparseDocument: reparsed,
  runExtraction: oneOf(extractionResultSchema),
  /** `{data: Result[]}` (G2), or a bare array (G1 prose), read as pages in case it is paginated; summary fields only (§10.2). */
  listResults: paginatedOf(extractionResultSchema),
  getResult: oneOf(extractionResultSchema),
  batchCreateSessions: listOf(batchSessionSchema),
} as const;

/** Endpoints that answer with a body worth validating (detach answers 204). */
export type ResponseName = keyof typeof responses;
export type ResponseOf<N extends ResponseName> = z.output<(typeof responses)[N]>;
