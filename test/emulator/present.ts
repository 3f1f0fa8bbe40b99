// JSON shapes the emulator answers with (G2 names from docs/raydocs-api.md §6-§10), built from World records.
import { resultContent } from './result-content';
import { MODEL_FAILURE, type DocumentRec, type ResultRec, type SessionRec, type TemplateRec, type World, type WorkspaceRec } from './state';

export const iso = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '000Z');

export function workspaceJson(w: WorkspaceRec) {
  return { id: w.id, name: w.name, icon: w.icon, settings: {}, created_at: iso(w.createdAt), updated_at: iso(w.createdAt) };
}

export function templateJson(t: TemplateRec, full: boolean) {
  const base = {
    id: t.id,
    name: t.name,
    description: t.description,
    workspace_id: t.workspaceId,
    created_at: iso(t.createdAt),
    updated_at: iso(t.createdAt),
  };
  if (!full) return base;
  const groups = Object.fromEntries(
    Object.entries(t.groups).map(([g, fields]) => [
      g,
      {
        search_query: `${g} details`,
        fields: Object.fromEntries(fields.map((f) => [f, { type: 'string', extraction_prompt: `Extract the ${f.replace(/_/g, ' ')}.` }])),
      },
    ]),
  );
  return {
    ...base,
    schema_json: { config: { reasoning_enabled: true, system_message: `You extract ${t.name.toLowerCase()}.` }, definitions: {}, groups },
    settings: { parsing: { contextual_embedding: false } },
  };
}

const DOC_STATUS = { queued: 'uploaded', processing: 'processing', ready: 'processed', failed: 'failed' } as const;

export function documentJson(world: World, d: DocumentRec) {
  const current = world.currentParsing(d);
  return {
    id: d.id,
    workspace_id: d.workspaceId,
    filename: d.filename,
    mime: d.mime,
    size: d.size,
    sha256: d.sha256,
    status: current ? DOC_STATUS[current.status] : 'uploaded', // no parsing yet: a storage-only upload
    source_type: 'upload',
    source_url: null,
    parsings: d.parsings.map((p) => ({
      id: p.id,
      config_hash: p.configHash,
      status: p.status,
      parser_version: p.parserVersion,
      updated_at: iso(p.phaseAt),
    })),
    created_at: iso(d.createdAt),
    updated_at: iso(Math.max(d.createdAt, current?.phaseAt ?? 0)),
  };
}

export function documentRefJson(d: DocumentRec) {
  return {
    kind: 'documentRef',
    documentId: d.id,
    workspaceId: d.workspaceId,
    filename: d.filename,
    mime: d.mime,
    size: d.size,
    sha256: d.sha256,
    source: { type: 'upload', url: null },
    createdAt: iso(d.createdAt),
  };
}

/**
 * A run as §10.1 shows it. Completed: a readable title, `data` (group → field → value) and `audit_data` (group →
 * field → `{reasoning, sources: [{chunk_id, text, page}]}`), from result-content.ts. A failed run carries no words
 * (none are documented) unless the `run-failure-reason` variant is played (`failure_reason`).
 */
export function resultJson(world: World, r: ResultRec, full: boolean, variants: ReadonlySet<string> = new Set()) {
  const docs = r.documentIds.map((id) => world.documents.get(id)).filter((d): d is DocumentRec => d !== undefined);
  const content = r.status === 'completed' ? resultContent(world, r) : null;
  const base = {
    id: r.id,
    extraction_session_id: r.sessionId,
    status: r.status,
    config_hash: r.configHash,
    title: content?.title ?? null,
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
    completed_at: r.completedAt === null ? null : iso(r.completedAt),
    ...(r.status === 'failed' && variants.has('run-failure-reason') ? { failure_reason: r.failure ?? MODEL_FAILURE } : {}),
  };
  if (!full) return base;
  return { ...base, document_refs: docs.map(documentRefJson), data: content?.data ?? {}, audit_data: content?.audit ?? {} };
}

export type SessionStatus = 'pending' | 'processing' | 'completed' | 'failed';

export function sessionStatus(world: World, s: SessionRec): SessionStatus {
  const results = world.sessionResults(s.id);
  const last = results[results.length - 1];
  if (!last) return 'pending';
  if (last.status === 'completed' || last.status === 'failed') return last.status;
  return 'processing';
}

export function sessionJson(world: World, s: SessionRec, full: boolean, variants: ReadonlySet<string> = new Set()) {
  const base = {
    id: s.id,
    name: s.name,
    extraction_template_id: s.templateId,
    settings: s.settings,
    status: sessionStatus(world, s),
    created_at: iso(s.createdAt),
    updated_at: iso(s.updatedAt),
  };
  if (!full) return base;
  return {
    ...base,
    documents: world.sessionDocuments(s).map((d) => documentJson(world, d)),
    results: world.sessionResults(s.id).map((r) => resultJson(world, r, false, variants)),
  };
}

export function pageMeta(total: number, page: number, perPage: number) {
  return { current_page: page, last_page: Math.max(1, Math.ceil(total / perPage)), per_page: perPage, total };
}
