// What a journaled item must look like, one zod schema per journal version, and the one upgrade from older shapes.
import { z } from 'zod';
import { ITEM_ERROR_CODES, SUPPORTED_FORMATS, type ItemErrorCode, type ItemState, type Target } from '../../../shared/queue';
import { describe, type JournalVersion, type ReadResult, type ValueCodec } from './journal-lines';
import type { PersistedWork } from './work';

const str = z.string();
const nullableStr = str.nullable();
const num = z.number();
const step = z.enum(['hashing', 'checking', 'uploading', 'attaching']);
const errorCode = z.union([z.enum(ITEM_ERROR_CODES), z.templateLiteral(['storage-', z.number()])]);

const target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('session'), workspaceId: num, sessionId: str, sessionName: str }),
  z.object({ kind: z.literal('session-per-file'), workspaceId: num, templateId: str, templateName: str, autoExtract: z.boolean() }),
]);

const parsing = z.object({ id: str, status: str, configHash: nullableStr, updatedAt: nullableStr.optional() });

const state = z.discriminatedUnion('status', [
  z.object({ status: z.literal('queued'), sha256: str.optional() }),
  z.object({ status: z.literal('hashing'), bytesHashed: num }),
  z.object({ status: z.literal('checking'), sha256: str }),
  z.object({ status: z.literal('uploading'), sha256: str, bytesSent: num, attempt: num }),
  z.object({ status: z.literal('attaching'), sha256: str, key: str }),
  z.object({
    status: z.literal('done'),
    sha256: str,
    sessionId: str,
    documentId: str,
    outcome: z.enum(['uploaded', 'reused', 'already-in-session', 'already-in-workspace']),
    documentStatus: str,
    parsings: z.array(parsing),
    configHash: nullableStr.optional(),
  }),
  z.object({
    status: z.literal('waiting'),
    step,
    reason: z.enum(['offline', 'rate-limited', 'retry-backoff', 'signed-out']),
    retryAt: num.nullable(),
    attempt: num,
    message: str,
  }),
  z.object({ status: z.literal('paused'), step: z.union([step, z.literal('queued')]) }),
  z.object({
    status: z.literal('failed'),
    step,
    error: z.object({ code: errorCode, message: str }),
    documentId: nullableStr,
    sessionId: nullableStr,
    sha256: nullableStr,
  }),
  z.object({ status: z.literal('cancelled') }),
]);

const itemFields = {
  id: str,
  path: str,
  name: str,
  size: num,
  format: z.enum(SUPPORTED_FORMATS),
  target,
  batchId: str,
  addedAt: num,
  note: str.optional(),
  origin: z.union([z.enum(['drop', 'dialog', 'open-with', 'tray', 'cli']), z.templateLiteral(['watch:', z.string()])]).optional(),
};

const workFields = {
  realPath: str,
  sha256: nullableStr,
  hashedSize: num.nullable(),
  hashedMtimeMs: num.nullable(),
  key: nullableStr,
  sessionId: nullableStr,
  documentId: nullableStr,
  documentStatus: str,
  parsings: z.array(parsing),
  verifyBeforeAttach: z.boolean(),
  candidateSessions: z.array(str).nullable().optional(),
  reused: z.enum(['before-upload', 'on-create']).nullable().optional(),
  upload: z.discriminatedUnion('kind', [z.object({ kind: z.literal('put') })]).optional(),
};

/** Version 2: today's `PersistedWork`. Keys it does not name are kept as they are (the value read is the one written). */
const workV2 = z.object({ ...workFields, item: z.object({ ...itemFields, state }), next: step });

/**
 * Version 1 (before records carried a version): the same fields, but from before upload was storage-only an item
 * could be at a `parsing` step or state, fail at it, or carry a code that no longer exists. Those are upgraded.
 */
const workV1 = z.object({ ...workFields, item: z.object({ ...itemFields, state: z.looseObject({ status: str }) }), next: str });
type WorkV1 = z.infer<typeof workV1>;

// The schema and the type must not drift apart: a field added to PersistedWork needs its schema here (and, when old
// records lack it, a default in upgradeV1 or a new version).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<z.infer<typeof workV2>, PersistedWork> = true;
void schemaMatchesType;

const CODES: ReadonlySet<string> = new Set<string>(ITEM_ERROR_CODES);
const knownCode = (code: unknown): ItemErrorCode =>
  typeof code === 'string' && (CODES.has(code) || /^storage-\d+$/.test(code)) ? (code as ItemErrorCode) : 'unexpected';

/**
 * A version 1 item in today's shape. An item stored in a session (attached, then kept `parsing`, or failed at
 * parsing) is done: upload is storage-only. One at the `parsing` step without a stored document resumes at
 * attaching, which looks in the session first (`recover`). A failed item keeps its message; a code this version
 * does not know becomes `unexpected`.
 */
function upgradeV1(p: WorkV1): unknown {
  const s = p.item.state as Record<string, unknown> & { status: string };
  const next = p.next === 'parsing' ? 'attaching' : p.next;
  const atParsing = s.status === 'parsing' || s.step === 'parsing';
  const documentId = p.documentId ?? (typeof s.documentId === 'string' ? s.documentId : null);
  const sessionId = p.sessionId ?? (typeof s.sessionId === 'string' ? s.sessionId : null);
  const terminal = s.status === 'done' || s.status === 'failed' || s.status === 'cancelled';
  const stored = (s.status === 'parsing' || (s.status === 'failed' && s.step === 'parsing') || (!terminal && p.next === 'parsing')) && documentId && sessionId && p.sha256;
  let st: unknown = s;
  if (stored) {
    const done: ItemState = { status: 'done', sha256: p.sha256!, sessionId, documentId, outcome: 'uploaded', documentStatus: p.documentStatus, parsings: p.parsings };
    return { ...p, next: 'attaching', key: null, documentId, sessionId, item: { ...p.item, state: done } };
  }
  if (s.status === 'parsing') st = { status: 'attaching', sha256: p.sha256 ?? '', key: p.key ?? '' }; // resumes by `next`
  else if (atParsing) st = { ...s, step: 'attaching' };
  if ((st as { status: string }).status === 'failed') {
    const f = st as { error?: { code?: unknown; message?: unknown } };
    st = { ...(st as object), error: { ...f.error, code: knownCode(f.error?.code) } };
  }
  return { ...p, next, item: { ...p.item, state: st } };
}

let sharedTarget: Target | null = null;

/**
 * Makes a record just read hold one string where it holds equal ones twice (the real path that is the path, the
 * sha256 and key its state repeats, its session's id) and the previous record's target object when the target is
 * equal, as add() shares one target across a batch. Values do not change; done right after each record is parsed,
 * the copies die young: a 100,000-item restart keeps 30 MB less and the collector copies that much less.
 */
function shareRepeats(p: PersistedWork): void {
  const item = p.item;
  if (p.realPath === item.path) p.realPath = item.path;
  const s = item.state as { sha256?: unknown; key?: unknown };
  if (p.sha256 !== null && s.sha256 === p.sha256) s.sha256 = p.sha256;
  if (p.key !== null && s.key === p.key) s.key = p.key;
  const t = item.target;
  if (t.kind === 'session' && p.sessionId === t.sessionId) p.sessionId = t.sessionId;
  if (sharedTarget && t !== sharedTarget && sameTarget(t, sharedTarget)) item.target = sharedTarget;
  else sharedTarget = plainTarget(t) ? t : null;
}

/** Only the fields a target has (a key an older or newer version added would make two equal-looking targets differ). */
function plainTarget(t: Target): boolean {
  let n = 0;
  for (const k in t) if (Object.hasOwn(t, k)) n++;
  return n === (t.kind === 'session' ? 4 : 5);
}

function sameTarget(a: Target, b: Target): boolean {
  if (a.kind === 'session') return b.kind === 'session' && a.sessionId === b.sessionId && a.workspaceId === b.workspaceId && a.sessionName === b.sessionName && plainTarget(a);
  return (
    b.kind === 'session-per-file' && a.templateId === b.templateId && a.workspaceId === b.workspaceId && a.templateName === b.templateName && a.autoExtract === b.autoExtract && plainTarget(a)
  );
}

function check(data: unknown): ReadResult<PersistedWork> {
  const r = workV2.safeParse(data);
  if (!r.success) return { ok: false, reason: `not a queue item (${describe(r.error)})` };
  // The value as written, not zod's copy: keys the schema does not name survive a restart.
  shareRepeats(data as PersistedWork);
  return { ok: true, value: data as PersistedWork };
}

/** Reads an item as any known journal version wrote it, in today's shape. */
export const workCodec: ValueCodec<PersistedWork> = {
  read(version: JournalVersion, data: unknown): ReadResult<PersistedWork> {
    if (version === 2) return check(data);
    const v1 = workV1.safeParse(data);
    if (!v1.success) return { ok: false, reason: `not a queue item (${describe(v1.error)})` };
    // Upgraded from the value as written (zod's copy would drop keys the schema does not name).
    return check(upgradeV1(data as WorkV1));
  },
};
