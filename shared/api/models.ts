// Workspaces, templates, sessions, results and the signed upload URL (docs/raydocs-api.md §6, §7, §8.1, §10).
import { z } from 'zod';
import {
  displayText,
  idSchema,
  isPlainObject,
  objectOrPhpEmpty,
  optionalRecord,
  optionalText,
  statusText,
  workspaceIdSchema,
  workspaceRefSchema,
} from './common';
import { workspaceDocumentSchema } from './documents';

export const workspaceSchema = z.object({
  id: workspaceIdSchema,
  name: displayText,
  icon: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
});
export type Workspace = z.output<typeof workspaceSchema>;

/** List views omit `schema_json`/`settings` (§6.2), so both are optional. */
export const templateSchema = z.object({
  id: idSchema,
  name: displayText,
  description: optionalText,
  workspace_id: workspaceRefSchema.nullish().transform((v) => v ?? null),
  schema_json: optionalRecord,
  settings: optionalRecord,
  created_at: optionalText,
  updated_at: optionalText,
});
export type Template = z.output<typeof templateSchema>;

/** `{kind: "documentRef", documentId, workspaceId, …}` inside results (§10.1). */
export const documentRefSchema = z.object({
  documentId: idSchema,
  workspaceId: workspaceRefSchema.nullish().transform((v) => v ?? null),
  filename: displayText,
  sha256: optionalText,
  mime: optionalText,
});
export type DocumentRef = z.output<typeof documentRefSchema>;

/** G1 called the per-field audit `reasoning`; both land in `audit_data`. */
function auditFromReasoning(v: unknown): unknown {
  return isPlainObject(v) && v['audit_data'] === undefined && v['reasoning'] !== undefined
    ? { ...v, audit_data: v['reasoning'] }
    : v;
}

/**
 * Words a server may put on a failed run. None is documented (§10.2), so anything that is not readable text
 * (an `error` object with a `message`, say) is reduced to its text or dropped: it must never fail the result.
 */
const failureText = z.unknown().optional().transform((v): string | null => {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (isPlainObject(v) && typeof v['message'] === 'string' && v['message'].trim() !== '') return v['message'];
  return null;
});

const resultFields = z.object({
  id: idSchema,
  extraction_session_id: optionalText,
  /** `created`, `parsing_pending`, `processing`, `completed`, `failed` (G1: `pending`); kept as-is. */
  status: statusText,
  config_hash: optionalText,
  document_refs: z
    .array(documentRefSchema)
    .nullish()
    .transform((v) => v ?? []),
  title: optionalText,
  data: optionalRecord,
  audit_data: optionalRecord,
  created_at: optionalText,
  updated_at: optionalText,
  completed_at: optionalText,
  message: failureText,
  error: failureText,
  error_message: failureText,
  failure_reason: failureText,
});
export const extractionResultSchema = z.preprocess(auditFromReasoning, resultFields);
export type ExtractionResult = z.output<typeof resultFields>;

/** Single-session responses embed documents and results; other responses omit them, which reads as empty. */
export const sessionSchema = z.object({
  id: idSchema,
  name: displayText,
  extraction_template_id: optionalText,
  status: optionalText,
  settings: optionalRecord,
  documents: z
    .array(workspaceDocumentSchema)
    .nullish()
    .transform((v) => v ?? []),
  results: z
    .array(extractionResultSchema)
    .nullish()
    .transform((v) => v ?? []),
  created_at: optionalText,
  updated_at: optionalText,
});
export type Session = z.output<typeof sessionSchema>;

/** Batch create answers one `{id, name: "Pending...", created_at}` per key (§7.6). */
export const batchSessionSchema = z.object({
  id: idSchema,
  name: displayText,
  created_at: optionalText,
});
export type BatchSession = z.output<typeof batchSessionSchema>;

/** Vapor may send header values as arrays (PSR-7 style); the PUT needs one string per header. */
const headerValue = z.union([z.string(), z.number().transform(String), z.array(z.string()).transform((v) => v.join(', '))]);

export const signedStorageUrlSchema = z.object({
  uuid: optionalText,
  /** `tmp/<uuid>`: what upload/attach/batch consume. */
  key: z.string().min(1),
  url: z.string().refine((u) => /^https?:\/\//i.test(u), 'expected an http(s) URL'),
  /** PHP serialises an empty map as `[]`, so an empty array means "no headers". */
  headers: objectOrPhpEmpty(z.record(z.string(), headerValue).nullish()).transform((v) => v ?? {}),
});
export type SignedStorageUrl = z.output<typeof signedStorageUrlSchema>;
