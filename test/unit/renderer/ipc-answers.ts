// What main answers on a channel, where a shared schema already says it: the fake bridge holds its scripted answers to them.
import type { z } from 'zod';
import {
  extractionResultSchema,
  paginatedOf,
  sessionSchema,
  templateSchema,
  workspaceDocumentSchema,
  workspaceSchema,
  type ExtractionResult,
  type Session,
  type WorkspaceDocument,
} from '../../../shared/api';
import { runsIpcResults, type IpcChannel } from '../../../shared/ipc';
import type { RunView } from '../../../shared/runs';
import { settingsSchema } from '../../../shared/settings';

/**
 * `normalized`: main sends what the API client made of Raydocs' answer, so the answer must already be in that form
 * (parsing it again changes nothing: no missing field, no unknown one). Otherwise it need only parse.
 */
interface AnswerRule {
  schema: z.ZodType;
  normalized: boolean;
}

const list = (item: z.ZodType) => ({ schema: item.array(), normalized: true });
const one = (item: z.ZodType) => ({ schema: item, normalized: true });

export const ANSWERS: Partial<Record<IpcChannel, AnswerRule>> = {
  'workspaces:list': list(workspaceSchema),
  // A parsed page carries `next` as a request, not as the server spelled it: it need only parse.
  'templates:list': { schema: paginatedOf(templateSchema), normalized: false },
  'sessions:create': one(sessionSchema),
  'sessions:documents': list(workspaceDocumentSchema),
  'documents:reparse': one(workspaceDocumentSchema.nullable()),
  'results:get': one(extractionResultSchema),
  // The run channels answer main's own shapes, exactly (strict schemas in shared/runs.ts).
  ...Object.fromEntries(Object.entries(runsIpcResults).map(([c, schema]) => [c, { schema, normalized: false }])),
  'settings:get': { schema: settingsSchema.strict(), normalized: false },
  'settings:set': { schema: settingsSchema.strict(), normalized: false },
};

/** Same JSON value, whatever the key order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(rb, k) && sameJson(ra[k], rb[k]));
}

/** Why `value` is not an answer main could give on `channel`, or null when it could (or no schema says). */
export function answerProblem(channel: IpcChannel, value: unknown): string | null {
  const rule = ANSWERS[channel];
  if (!rule) return null;
  const parsed = rule.schema.safeParse(value);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`).join('; ');
  if (rule.normalized && !sameJson(parsed.data, value)) return `not in the form main sends (expected ${JSON.stringify(parsed.data)})`;
  return null;
}

type Fields = Record<string, unknown> & { id: string };

/** A document as main sends it (every field the client fills), from the fields a test cares about. */
export function apiDocument(over: Fields): WorkspaceDocument {
  return workspaceDocumentSchema.parse({ filename: `${over.id}.pdf`, status: 'uploaded', ...over }) as WorkspaceDocument;
}

/** An extraction result as main sends it. */
export function apiResult(over: Fields): ExtractionResult {
  return extractionResultSchema.parse({ status: 'created', ...over }) as ExtractionResult;
}

/** A session as main sends it. */
export function apiSession(over: Fields): Session {
  return sessionSchema.parse({ name: 'Session', ...over });
}

/** A run as main reports it, from the fields a test cares about. */
export function runView(over: Partial<RunView> & { resultId: string; sessionId: string }): RunView {
  return { sessionName: null, workspaceId: 1, status: 'created', title: null, documentCount: 3, startedAt: 1_700_000_000_000, settledAt: null, failure: null, ...over };
}
