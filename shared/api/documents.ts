// Workspace documents and their parsings, normalized to G2 field names whatever generation answered (§9.1, §12).
import { z } from 'zod';
import {
  idSchema,
  isPlainObject,
  optionalCount,
  optionalText,
  displayText,
  statusText,
  workspaceRefSchema,
} from './common';

export const parsingSchema = z.object({
  id: idSchema,
  /** Opaque: 64 hex in some examples, `cfg_…` in others. */
  config_hash: optionalText,
  status: statusText,
  parser_version: optionalText,
  updated_at: optionalText,
});
export type Parsing = z.output<typeof parsingSchema>;

/** G1 spelled `mime_type` and put the size under `meta.file_size`; map them before validating so callers see G2 only. */
function toG2Names(v: unknown): unknown {
  if (!isPlainObject(v)) return v;
  const meta = isPlainObject(v['meta']) ? v['meta'] : {};
  return {
    ...v,
    mime: v['mime'] ?? v['mime_type'],
    size: v['size'] ?? meta['file_size'],
    page_count: v['page_count'] ?? meta['page_count'],
  };
}

const documentFields = z.object({
  id: idSchema,
  workspace_id: workspaceRefSchema.nullish().transform((v) => v ?? null),
  filename: displayText,
  mime: optionalText,
  size: optionalCount,
  /** Lower-cased so it compares equal to a locally computed hex digest. */
  sha256: optionalText.transform((v) => (v === null ? null : v.toLowerCase())),
  status: statusText,
  source_type: optionalText,
  source_url: optionalText,
  page_count: optionalCount,
  parsings: z
    .array(parsingSchema)
    .nullish()
    .transform((v) => v ?? []),
  /** G1 only: the session a document belonged to. */
  extraction_session_id: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
});

export const workspaceDocumentSchema = z.preprocess(toG2Names, documentFields);
export type WorkspaceDocument = z.output<typeof documentFields>;
