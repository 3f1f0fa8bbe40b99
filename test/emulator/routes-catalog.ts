// Workspaces, templates, sessions (CRUD + batch) and results: docs/raydocs-api.md §6, §7, §10.
import { z } from 'zod';
import { canSee, listPage, pagesEverything, resultFor, sessionFor, templateFor, validate, workspaceFor, type Ctx, type Reply } from './context';
import { validationError } from './http-util';
import { claim, materialize, resolveKeys } from './intake';
import { resultJson, sessionJson, templateJson, workspaceJson, iso } from './present';
import type { Route } from './router';
import type { SessionRec } from './state';

const TEMPLATES_PER_PAGE = 15;

function listWorkspaces(ctx: Ctx): Reply {
  const list = [...ctx.env.world.workspaces.values()].filter((w) => canSee(ctx.token, w)).sort((a, b) => a.id - b.id);
  if (!pagesEverything(ctx)) return { status: 200, body: { data: list.map(workspaceJson) } };
  const p = listPage(ctx, list, 15, true);
  return { status: 200, body: p.envelope(p.items.map(workspaceJson)) };
}

function listTemplates(ctx: Ctx): Reply {
  const w = workspaceFor(ctx, ctx.params.workspaceId);
  const all = [...ctx.env.world.templates.values()].filter((t) => t.workspaceId === w.id).sort((a, b) => a.createdAt - b.createdAt);
  const p = listPage(ctx, all, TEMPLATES_PER_PAGE, false);
  return { status: 200, body: p.envelope(p.items.map((t) => templateJson(t, false))) };
}

const createSessionBody = z.object({ extraction_template_id: z.string().min(1), name: z.string().min(1).max(255).optional() });

function createSession(ctx: Ctx, body: unknown): Reply {
  const input = validate(createSessionBody, body);
  const t = ctx.env.world.templates.get(input.extraction_template_id);
  if (!t || !canSee(ctx.token, ctx.env.world.workspaces.get(t.workspaceId))) {
    throw validationError({ extraction_template_id: ['The selected extraction template id is invalid.'] });
  }
  const s = newSession(ctx, t.id, t.workspaceId, input.name ?? `Session ${iso(ctx.now).slice(0, 10)}`, {});
  return { status: 201, body: sessionJson(ctx.env.world, s, true) };
}

function newSession(ctx: Ctx, templateId: string, workspaceId: number, name: string, settings: SessionRec['settings']): SessionRec {
  const s: SessionRec = {
    id: ctx.env.world.uuid(),
    workspaceId,
    templateId,
    name,
    settings,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    links: [],
    autoExtractStarted: false,
  };
  ctx.env.world.addSession(s);
  return s;
}

const renameBody = z.object({ name: z.string().min(1).max(255).optional() });

function renameSession(ctx: Ctx, body: unknown): Reply {
  const s = sessionFor(ctx, ctx.params.sessionId);
  const input = validate(renameBody, body);
  if (input.name !== undefined) {
    s.name = input.name;
    s.updatedAt = ctx.now;
  }
  return { status: 200, body: sessionJson(ctx.env.world, s, true) };
}

function deleteSession(ctx: Ctx): Reply {
  const s = sessionFor(ctx, ctx.params.sessionId);
  // G2 reading (§15.14): documents are workspace objects and survive; the session's results go with it.
  ctx.env.world.deleteSession(s);
  return { status: 204 };
}

const batchBody = z.object({
  files: z.array(z.string().min(1)).min(1).max(50),
  settings: z.object({ auto_extract: z.boolean().optional() }).optional(),
});

async function batchCreate(ctx: Ctx, body: unknown): Promise<Reply> {
  const t = templateFor(ctx, ctx.params.templateId);
  const input = validate(batchBody, body);
  const field = (i: number): string => `files.${i}`;
  const resolved = await resolveKeys(ctx.env, input.files, field, ctx.now, { workspaceId: t.workspaceId, filename: null });
  claim(ctx.env, resolved, field);
  const out = [];
  for (const r of resolved) {
    const s = newSession(ctx, t.id, t.workspaceId, 'Pending...', { auto_extract: input.settings?.auto_extract ?? false });
    const { doc } = await materialize(ctx.env, r, t.workspaceId, null, ctx.now);
    ctx.env.world.attach(s, doc, ctx.now);
    out.push({ id: s.id, name: s.name, created_at: iso(s.createdAt) });
  }
  // batch-order-reversed: "one per key" is all §7.6 says; the order of the answer is not promised.
  if (ctx.env.variants.has('batch-order-reversed')) out.reverse();
  return { status: 201, body: { data: out } };
}

const sessionIdsBody = z.object({ session_ids: z.array(z.string().min(1)).min(1).max(100) });

export function batchSessions(ctx: Ctx, body: unknown): SessionRec[] {
  const t = templateFor(ctx, ctx.params.templateId);
  const input = validate(sessionIdsBody, body);
  const errors: Record<string, string[]> = {};
  const sessions = input.session_ids.map((id, i) => {
    const s = ctx.env.world.sessions.get(id);
    if (!s || s.templateId !== t.id) errors[`session_ids.${i}`] = [`The selected session_ids.${i} is invalid.`];
    return s;
  });
  if (Object.keys(errors).length) throw validationError(errors);
  return sessions.filter((s): s is SessionRec => s !== undefined);
}

function batchExecute(ctx: Ctx, body: unknown): Reply {
  const sessions = batchSessions(ctx, body).filter((s) => s.links.length > 0);
  for (const s of sessions) ctx.env.world.createResult(s, ctx.now);
  return { status: 200, body: { message: 'Extractions queued', queued_count: sessions.length } };
}

function batchDelete(ctx: Ctx, body: unknown): Reply {
  for (const s of batchSessions(ctx, body)) ctx.env.world.deleteSession(s);
  return { status: 204 };
}

function runExtraction(ctx: Ctx): Reply {
  const s = sessionFor(ctx, ctx.params.sessionId);
  if (s.links.length === 0) throw validationError({ session: ['The session has no documents to extract from.'] });
  const r = ctx.env.world.createResult(s, ctx.now);
  return { status: 201, body: resultJson(ctx.env.world, r, true, ctx.env.variants) };
}

export const catalogRoutes: Route[] = [
  { method: 'GET', pattern: '/workspaces', ability: 'workspaces-read', handle: listWorkspaces },
  { method: 'GET', pattern: '/workspaces/:workspaceId/extractions/templates', ability: 'templates-read', handle: listTemplates },
  {
    method: 'GET',
    pattern: '/extractions/templates/:templateId',
    ability: 'templates-read',
    handle: (ctx) => ({ status: 200, body: templateJson(templateFor(ctx, ctx.params.templateId), true) }),
  },
  { method: 'POST', pattern: '/extractions/sessions', ability: 'sessions-write', handle: (ctx) => createSession(ctx, ctx.body) },
  {
    method: 'GET',
    pattern: '/extractions/sessions/:sessionId',
    ability: 'sessions-read',
    handle: (ctx) => ({ status: 200, body: sessionJson(ctx.env.world, sessionFor(ctx, ctx.params.sessionId), true, ctx.env.variants) }),
  },
  { method: 'PUT', pattern: '/extractions/sessions/:sessionId', ability: 'sessions-write', handle: (ctx) => renameSession(ctx, ctx.body) },
  { method: 'DELETE', pattern: '/extractions/sessions/:sessionId', ability: 'sessions-write', handle: deleteSession },
  { method: 'POST', pattern: '/extractions/templates/:templateId/sessions/batch', ability: 'sessions-write', handle: (ctx) => batchCreate(ctx, ctx.body) },
  { method: 'POST', pattern: '/extractions/templates/:templateId/sessions/batch/execute', ability: 'sessions-write', handle: (ctx) => batchExecute(ctx, ctx.body) },
  { method: 'POST', pattern: '/extractions/templates/:templateId/sessions/batch/delete', ability: 'sessions-write', handle: (ctx) => batchDelete(ctx, ctx.body) },
  { method: 'DELETE', pattern: '/extractions/templates/:templateId/sessions/batch', ability: 'sessions-write', handle: (ctx) => batchDelete(ctx, ctx.body) },
  { method: 'POST', pattern: '/extractions/sessions/:sessionId/results', ability: 'sessions-write', handle: runExtraction },
  {
    method: 'GET',
    pattern: '/extractions/sessions/:sessionId/results',
    ability: 'sessions-read',
    handle: (ctx) => {
      const s = sessionFor(ctx, ctx.params.sessionId);
      const all = ctx.env.world.sessionResults(s.id);
      if (!pagesEverything(ctx)) return { status: 200, body: { data: all.map((r) => resultJson(ctx.env.world, r, false, ctx.env.variants)) } };
      const p = listPage(ctx, all, 15, true);
      return { status: 200, body: p.envelope(p.items.map((r) => resultJson(ctx.env.world, r, false, ctx.env.variants))) };
    },
  },
  {
    method: 'GET',
    pattern: '/extractions/results/:resultId',
    ability: 'sessions-read',
    handle: (ctx) => ({ status: 200, body: resultJson(ctx.env.world, resultFor(ctx, ctx.params.resultId), true, ctx.env.variants) }),
  },
  {
    method: 'DELETE',
    pattern: '/extractions/results/:resultId',
    ability: 'sessions-write',
    handle: (ctx) => {
      ctx.env.world.deleteResult(resultFor(ctx, ctx.params.resultId));
      return { status: 204 };
    },
  },
];
