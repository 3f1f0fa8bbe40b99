// Upload flow and documents: signed-storage-url, session upload/attach/list/detach, workspace documents (§8, §9).
import { z } from 'zod';
import { canSee, documentFor, listPage, sessionFor, validate, workspaceFor, type Ctx, type Reply } from './context';
import { notFound, sleep, validationError } from './http-util';
import { claim, materialize, resolveKeys } from './intake';
import { documentJson, documentRefJson } from './present';
import type { Route } from './router';
import type { DocumentRec, SessionRec } from './state';

const signedUrlBody = z.object({
  content_type: z.string().min(1).max(255).optional(),
  visibility: z.enum(['private']).optional(),
});

/** strict-content-types: the reference page's three types, plus the upload guide's default (§8.1). */
const STRICT_CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream'];

async function signedStorageUrl(ctx: Ctx): Promise<Reply> {
  const input = validate(signedUrlBody, ctx.body);
  const contentType = input.content_type ?? 'application/octet-stream';
  if (ctx.env.variants.has('strict-content-types') && !STRICT_CONTENT_TYPES.includes(contentType)) {
    throw validationError({ content_type: ['The selected content type is invalid.'] });
  }
  const uuid = ctx.env.world.uuid();
  const key = `tmp/${uuid}`;
  const vapor = ctx.env.variants.has('vapor-signed-url');
  const acl = input.visibility ?? 'private';
  const url = await ctx.env.signer.presign({
    origin: ctx.env.origin,
    path: `/s3/${ctx.env.bucket}/${key}`,
    contentType,
    expiresIn: ctx.env.urlExpirySeconds,
    now: new Date(ctx.now),
    ...(vapor ? { extraSignedHeaders: { 'x-amz-acl': acl } } : {}),
  });
  ctx.env.world.issuedKeys.add(key);
  if (vapor) return { status: 201, body: { uuid, bucket: ctx.env.bucket, key, url, headers: vaporHeaders(ctx, contentType, acl) } };
  return { status: 200, body: { uuid, bucket: ctx.env.bucket, key, url, headers: { 'Content-Type': contentType } } };
}

/**
 * vapor-signed-url: Vapor's controller answers the signed request's own headers, PSR-7 style (arrays). `Host` names
 * the bucket's S3 host, as Vapor's signed request does on AWS, not the emulator the URL points at: a client that
 * replays it breaks the signature (signed for the URL's host), as S3 would refuse it. `x-amz-acl` is signed.
 */
function vaporHeaders(ctx: Ctx, contentType: string, acl: string): Record<string, string[]> {
  return { 'Content-Type': [contentType], Host: [`${ctx.env.bucket}.s3.us-east-1.amazonaws.com`], 'x-amz-acl': [acl] };
}

/** slow-attach: the server hashes what it attaches before answering, 200 ms per MiB (§0 gives no timing). */
const SLOW_ATTACH_MS_PER_MIB = 200;

/**
 * slow-attach: the link is made at once, the answer comes after the hashing time. A client that stops waiting finds
 * the documents attached when it looks.
 */
async function hashingTime(ctx: Ctx, docs: DocumentRec[]): Promise<void> {
  if (!ctx.env.variants.has('slow-attach')) return;
  const bytes = docs.reduce((sum, d) => sum + d.size, 0);
  await sleep(Math.round((bytes / (1024 * 1024)) * SLOW_ATTACH_MS_PER_MIB));
}

/**
 * strict-attach: content the session already holds is refused with 422 (the whole request, before anything changes)
 * instead of a silent no-op. Each refused repeat still counts as a duplicate attach in the inspection.
 */
function refuseRepeats(ctx: Ctx, s: SessionRec, shas: string[], field: (i: number) => string): void {
  if (!ctx.env.variants.has('strict-attach')) return;
  const errors: Record<string, string[]> = {};
  shas.forEach((sha, i) => {
    if (!ctx.env.world.holds(s, sha)) return;
    ctx.env.world.countRepeat(s, sha);
    errors[field(i)] = [`The ${field(i)} is already attached to this session.`];
  });
  if (Object.keys(errors).length) throw validationError(errors);
}

// §15.9: no documented cap on keys[]; the emulator applies batch create's 50.
const uploadBody = z.object({ keys: z.array(z.string().min(1)).min(1).max(50) });

async function uploadToSession(ctx: Ctx): Promise<Reply> {
  const s = sessionFor(ctx, ctx.params.sessionId);
  const input = validate(uploadBody, ctx.body);
  const field = (i: number): string => `keys.${i}`;
  const resolved = await resolveKeys(ctx.env, input.keys, field, ctx.now, { workspaceId: s.workspaceId, filename: null });
  refuseRepeats(ctx, s, resolved.map((r) => r.tmp.sha256), field);
  claim(ctx.env, resolved, field);
  const docs: DocumentRec[] = [];
  for (const r of resolved) {
    const { doc } = await materialize(ctx.env, r, s.workspaceId, null, ctx.now);
    ctx.env.world.attach(s, doc, ctx.now);
    docs.push(doc);
  }
  await hashingTime(ctx, docs);
  return { status: 200, body: { data: docs.map((d) => documentJson(ctx.env.world, d)) } };
}

const attachBody = z.object({ document_ids: z.array(z.string().min(1)).min(1).max(100) });

async function attachToSession(ctx: Ctx): Promise<Reply> {
  const s = sessionFor(ctx, ctx.params.sessionId);
  const input = validate(attachBody, ctx.body);
  const errors: Record<string, string[]> = {};
  const docs = input.document_ids.map((id, i) => {
    const d = ctx.env.world.documents.get(id);
    // A document the token cannot see is "invalid", not "elsewhere": its existence stays hidden.
    if (!d || !canSee(ctx.token, ctx.env.world.workspaces.get(d.workspaceId))) errors[`document_ids.${i}`] = [`The selected document_ids.${i} is invalid.`];
    else if (d.workspaceId !== s.workspaceId) errors[`document_ids.${i}`] = [`The document_ids.${i} belongs to a different workspace than the session.`];
    return d;
  });
  if (Object.keys(errors).length) throw validationError(errors);
  const list = docs.filter((d): d is DocumentRec => d !== undefined);
  refuseRepeats(ctx, s, list.map((d) => d.sha256), (i) => `document_ids.${i}`);
  for (const d of list) ctx.env.world.attach(s, d, ctx.now);
  await hashingTime(ctx, list);
  return { status: 200, body: { data: list.map((d) => documentJson(ctx.env.world, d)) } };
}

// §15.6: the session document list is paginated like every Laravel list (15 per page, per_page ≤ 100).
const SESSION_DOCS_PER_PAGE = 15;

function listSessionDocuments(ctx: Ctx): Reply {
  const s = sessionFor(ctx, ctx.params.sessionId);
  const all = ctx.env.world.sessionDocuments(s);
  const p = listPage(ctx, all, SESSION_DOCS_PER_PAGE, true);
  return { status: 200, body: p.envelope(p.items.map((d) => documentJson(ctx.env.world, d))) };
}

function detach(ctx: Ctx): Reply {
  const s = sessionFor(ctx, ctx.params.sessionId);
  const id = ctx.params.documentId;
  if (!id || !s.links.includes(id)) throw notFound();
  s.links = s.links.filter((x) => x !== id);
  s.updatedAt = ctx.now;
  return { status: 204 };
}

const createDocBody = z.object({
  key: z.string().min(1),
  filename: z.string().min(1).max(255),
  mime: z.string().max(255).optional(),
});

async function createWorkspaceDocument(ctx: Ctx): Promise<Reply> {
  const w = workspaceFor(ctx, ctx.params.workspaceId);
  const input = validate(createDocBody, ctx.body);
  const field = (): string => 'key';
  const resolved = await resolveKeys(ctx.env, [input.key], field, ctx.now, { workspaceId: w.id, filename: input.filename });
  claim(ctx.env, resolved, field);
  const [r] = resolved;
  if (!r) throw validationError({ key: ['The key is invalid.'] });
  const { doc, reused } = await materialize(ctx.env, r, w.id, input.filename, ctx.now);
  return {
    status: reused ? 200 : 201,
    body: { document: documentJson(ctx.env.world, doc), dedup: { reused, matched_by: 'sha256' }, document_ref: documentRefJson(doc) },
  };
}

const listQuery = z.object({
  query: z.string().optional(),
  mime: z.string().optional(),
  status: z.string().optional(),
  source_type: z.enum(['upload', 'url', 'connector']).optional(),
  sort: z.enum(['created_at', 'filename', 'size', 'status']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});

function listWorkspaceDocuments(ctx: Ctx): Reply {
  const w = workspaceFor(ctx, ctx.params.workspaceId);
  const q = validate(listQuery, Object.fromEntries([...ctx.url.searchParams].filter(([k]) => k !== 'page' && k !== 'per_page' && k !== 'cursor')));
  const needle = q.query?.toLowerCase();
  const world = ctx.env.world;
  let all = [...world.documents.values()]
    .filter((d) => d.workspaceId === w.id)
    .map((d) => ({ d, json: documentJson(world, d) }))
    .filter(({ d }) => !needle || d.filename.toLowerCase().includes(needle) || d.sha256 === needle)
    .filter(({ d }) => !q.mime || d.mime === q.mime)
    .filter(({ json }) => !q.status || json.status === q.status)
    .filter(() => !q.source_type || q.source_type === 'upload');
  const sort = q.sort ?? 'created_at';
  const dir = (q.order ?? 'desc') === 'asc' ? 1 : -1;
  all = all.sort((a, b) => {
    const av = sort === 'created_at' ? a.d.createdAt : sort === 'size' ? a.d.size : sort === 'filename' ? a.d.filename : a.json.status;
    const bv = sort === 'created_at' ? b.d.createdAt : sort === 'size' ? b.d.size : sort === 'filename' ? b.d.filename : b.json.status;
    return av < bv ? -dir : av > bv ? dir : 0;
  });
  const p = listPage(ctx, all, 15, true);
  return { status: 200, body: p.envelope(p.items.map((x) => x.json)) };
}

const reparseBody = z.object({
  config_hash: z.string().length(64),
  force: z.boolean().optional(),
  parser_version: z.string().min(1).max(50).optional(),
});

function reparse(ctx: Ctx): Reply {
  const w = workspaceFor(ctx, ctx.params.workspaceId);
  const doc = documentFor(ctx, w, ctx.params.documentId);
  const input = validate(reparseBody, ctx.body);
  const existing = doc.parsings.find((p) => p.configHash === input.config_hash);
  if (existing && !input.force) {
    if (existing.status === 'ready') return { status: 200, body: documentJson(ctx.env.world, doc) };
    if (existing.status === 'queued' || existing.status === 'processing') return { status: 202, body: documentJson(ctx.env.world, doc) };
  }
  ctx.env.world.startParsing(doc, input.config_hash, ctx.now, input.parser_version);
  return { status: 202, body: documentJson(ctx.env.world, doc) };
}

export const documentRoutes: Route[] = [
  { method: 'POST', pattern: '/vapor/signed-storage-url', ability: null, handle: signedStorageUrl },
  { method: 'POST', pattern: '/extractions/sessions/:sessionId/documents/upload', ability: 'sessions-write', handle: uploadToSession },
  { method: 'POST', pattern: '/extractions/sessions/:sessionId/documents/attach', ability: 'sessions-write', handle: attachToSession },
  { method: 'GET', pattern: '/extractions/sessions/:sessionId/documents', ability: 'sessions-read', handle: listSessionDocuments },
  { method: 'DELETE', pattern: '/extractions/sessions/:sessionId/documents/:documentId', ability: 'sessions-write', handle: detach },
  { method: 'POST', pattern: '/workspaces/:workspaceId/documents', ability: 'documents-write', handle: createWorkspaceDocument },
  { method: 'GET', pattern: '/workspaces/:workspaceId/documents', ability: 'documents-read', handle: listWorkspaceDocuments },
  {
    method: 'GET',
    pattern: '/workspaces/:workspaceId/documents/:documentId',
    ability: 'documents-read',
    handle: (ctx) => {
      const w = workspaceFor(ctx, ctx.params.workspaceId);
      return { status: 200, body: documentJson(ctx.env.world, documentFor(ctx, w, ctx.params.documentId)) };
    },
  },
  { method: 'POST', pattern: '/workspaces/:workspaceId/documents/:documentId/reparse', ability: 'documents-write', handle: reparse },
];
