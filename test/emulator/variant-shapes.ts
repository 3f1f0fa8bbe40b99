// The serialisation readings of the docs, applied to an answer on its way out, so each handler builds one G2 shape.
import type { Ctx } from './context';

type Json = unknown;

/** An object the emulator presents as a WorkspaceDocument (present.ts documentJson): the only one with `source_type`. */
function isDocument(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'source_type' in v && 'filename' in v && 'id' in v;
}

/** Rebuilds every object and array of `v` bottom-up through `fix`. */
function mapDeep(v: Json, fix: (o: Json) => Json): Json {
  if (Array.isArray(v)) return fix(v.map((x) => mapDeep(x, fix)));
  if (typeof v === 'object' && v !== null) return fix(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapDeep(x, fix)])));
  return v;
}

/** php-empty-arrays: PHP's json_encode writes an empty associative array as `[]`. */
function phpEmptyArrays(body: Json): Json {
  return mapDeep(body, (o) => (typeof o === 'object' && o !== null && !Array.isArray(o) && Object.keys(o).length === 0 ? [] : o));
}

/** string-workspace-ids: `workspace_id` (and `document_refs[].workspaceId`) as strings; paths keep integers. */
function stringWorkspaceIds(body: Json): Json {
  return mapDeep(body, (o) => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return o;
    const r = o as Record<string, Json>;
    const out = { ...r };
    for (const k of ['workspace_id', 'workspaceId']) if (typeof r[k] === 'number') out[k] = String(r[k]);
    return out;
  });
}

/** g1-field-names: documents say `mime_type` instead of `mime`, and name their session (`extraction_session_id`). */
function g1FieldNames(body: Json, sessionId: string | null): Json {
  return mapDeep(body, (o) => {
    if (!isDocument(o)) return o;
    const { mime, ...rest } = o;
    return { ...rest, mime_type: mime, extraction_session_id: sessionId };
  });
}

/** no-sha-in-lists: documents listed by a GET (a list's `data[]`, a session's `documents[]`) carry no sha256. */
function noShaInLists(body: Json): Json {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const drop = (list: Json): Json => (Array.isArray(list) ? list.map((d) => (isDocument(d) ? withoutSha(d) : d)) : list);
  const b = body as Record<string, Json>;
  return { ...b, ...('data' in b ? { data: drop(b['data']) } : {}), ...('documents' in b ? { documents: drop(b['documents']) } : {}) };
}

function withoutSha(d: Record<string, Json>): Record<string, Json> {
  const { sha256: _sha, ...rest } = d;
  return rest;
}

/** The answer body as the variants being played serialise it (README "Variants"); unchanged when none applies. */
export function reshape(ctx: Ctx, body: Json): Json {
  const v = ctx.env.variants;
  if (body === undefined || v.size === 0) return body;
  let out: Json = body;
  if (v.has('no-sha-in-lists') && ctx.req.method === 'GET') out = noShaInLists(out);
  if (v.has('g1-field-names')) out = g1FieldNames(out, ctx.params.sessionId ?? null);
  if (v.has('string-workspace-ids')) out = stringWorkspaceIds(out);
  if (v.has('php-empty-arrays')) out = phpEmptyArrays(out);
  return out;
}
