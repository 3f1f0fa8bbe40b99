// The --json contract as zod schemas, one per command (docs/cli.md "JSON output" describes them; the tests validate
// every command's output against them). Objects are open: new members may appear without a schemaVersion bump.
import { z } from 'zod';
import { CLI_ERROR_CODES } from './errors';
import { REFUSAL_CODES } from './refusal-codes';

const version = { schemaVersion: z.literal(1) };
const exitCode = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6), z.literal(130)]);

export const jsonErrorSchema = z.object({
  code: z.enum(CLI_ERROR_CODES as [string, ...string[]]),
  message: z.string().min(1),
  exitCode: exitCode.refine((c) => c !== 0, 'an error never exits 0'),
  status: z.number().nullable().optional(),
});

/** What a failing command prints when it has no report of its own to carry the error. */
export const errorOutputSchema = z.object({ ...version, error: jsonErrorSchema });

/** A report that may fail: `error` is present exactly when exitCode is not 0. */
function report<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({ ...version, ...shape, exitCode, error: jsonErrorSchema.optional() })
    .refine((o) => {
      const { exitCode: code, error } = o as { exitCode: number; error?: unknown };
      return (code === 0) === (error === undefined);
    }, 'error is present exactly when exitCode is not 0');
}

const workspaces = z.array(z.object({ id: z.number(), name: z.string() }));
const refusal = z.object({ path: z.string(), reason: z.string(), code: z.enum(REFUSAL_CODES) });
const filtered = z.object({ path: z.string(), code: z.enum(['excluded', 'not-included', 'over-max-size']), reason: z.string() });
const reportFile = z.object({ path: z.string(), sessionId: z.string().nullable(), documentId: z.string().nullable(), sha256: z.string().nullable() });
const field = z.object({ group: z.string().nullable().optional(), field: z.string(), value: z.unknown(), page: z.unknown(), reasoning: z.unknown() }).loose();

export const loginSchema = z.object({ ...version, apiUrl: z.string(), profile: z.string().nullable(), stored: z.literal('keychain'), workspaces });
export const logoutSchema = z.object({ ...version, apiUrl: z.string(), profile: z.string().nullable(), removed: z.boolean() });
export const whoamiSchema = z.object({ ...version, apiUrl: z.string(), profile: z.string().nullable(), tokenSource: z.enum(['RAYDOCS_TOKEN', 'keychain']), workspaces });
export const versionSchema = z.object({ ...version, version: z.string() });
export const templatesSchema = z.object({ ...version, templates: z.array(z.object({ workspaceId: z.number(), workspaceName: z.string(), id: z.string(), name: z.string() })) });
export const sessionsNewSchema = z.object({ ...version, id: z.string(), name: z.string().nullable(), templateId: z.string() });
export const sessionsShowSchema = z.object({
  ...version,
  id: z.string(),
  name: z.string().nullable(),
  templateId: z.string().nullable(),
  status: z.string().nullable(),
  documents: z.array(z.object({ id: z.string(), filename: z.string().nullable(), sha256: z.string().nullable(), status: z.string(), parseState: z.enum(['ready', 'in-progress', 'failed']) }).loose()),
  results: z.array(z.object({ id: z.string(), status: z.string().nullable(), createdAt: z.string().nullable() })),
});
export const sessionsListSchema = z.object({
  ...version,
  sessions: z.array(z.object({ id: z.string(), name: z.string(), workspaceId: z.number().nullable(), lastUsedAt: z.string(), source: z.enum(['cli', 'app']) })),
});
export const statusSchema = z
  .object({
    ...version,
    sessionId: z.string(),
    counts: z.object({ ready: z.number(), 'in-progress': z.number(), failed: z.number() }),
    documents: z.array(z.object({ id: z.string(), filename: z.string().nullable(), status: z.string(), parseState: z.string() }).loose()),
    error: jsonErrorSchema.optional(),
  })
  .refine((o) => (o.counts.failed > 0) === (o.error !== undefined), 'error is present exactly when a document failed');

const pushShape = {
  target: z.unknown(),
  outcome: z.enum(['settled', 'signed-out', 'offline', 'interrupted']),
  counts: z.object({ uploaded: z.number(), alreadyThere: z.number(), refused: z.number(), failed: z.number(), pending: z.number(), skipped: z.number(), duplicates: z.number() }),
  uploaded: z.array(reportFile),
  alreadyThere: z.array(reportFile),
  refused: z.array(refusal),
  unsupported: z.array(refusal),
  filtered: z.array(filtered),
  hidden: z.array(z.string()),
  failed: z.array(z.object({ path: z.string(), step: z.string(), code: z.string(), message: z.string() })),
  targetFailures: z.array(z.object({ target: z.unknown(), code: z.string(), message: z.string(), files: z.number() })),
  perFileSessions: z.array(z.object({ path: z.string(), name: z.string(), sessionId: z.string(), created: z.boolean() })),
  pending: z.array(z.object({ path: z.string(), status: z.string(), message: z.string().nullable() })),
  otherUnfinished: z.object({ items: z.number(), sessions: z.number(), templates: z.number() }),
  extraction: z.unknown().optional(),
};
/** push and resume (resume's target is null). */
export const pushSchema = report(pushShape);

export const dryRunSchema = report({
  dryRun: z.literal(true),
  target: z.unknown(),
  wouldUpload: z.array(z.object({ path: z.string(), size: z.number(), sha256: z.string() })),
  alreadyThere: z.array(z.object({ path: z.string(), sha256: z.string(), sessionId: z.string() })),
  sameContent: z.array(z.object({ path: z.string(), sha256: z.string(), sameAs: z.string() })),
  refused: z.array(refusal),
  unsupported: z.array(refusal),
  filtered: z.array(filtered),
  hidden: z.array(z.string()),
  linksOutside: z.number(),
});

/** extract and results show. */
export const runSchema = report({
  resultId: z.string(),
  sessionId: z.string().nullable(),
  status: z.string().nullable(),
  title: z.string().nullable(),
  documents: z.number(),
  createdAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  failure: z.string().nullable(),
  fields: z.array(field),
  files: z.object({ out: z.string().nullable(), xlsx: z.string().nullable() }),
  message: z.string().nullable(),
  result: z.unknown(),
});

export const resultsListSchema = z.object({
  ...version,
  sessionId: z.string(),
  results: z.array(z.object({ id: z.string(), status: z.string().nullable(), title: z.string().nullable(), documents: z.number().nullable(), createdAt: z.string().nullable(), completedAt: z.string().nullable() })),
});

export const reparseSchema = report({
  sessionId: z.string(),
  failedOnly: z.boolean(),
  documents: z.array(z.object({ documentId: z.string(), filename: z.string().nullable(), outcome: z.enum(['requested', 'skipped', 'failed']), message: z.string().nullable() })),
});

export const checkSchema = report({
  sessionId: z.string(),
  matched: z.array(z.object({ path: z.string(), sha256: z.string(), documentId: z.string() })),
  missing: z.array(z.object({ path: z.string(), sha256: z.string() })),
  onlyInSession: z.array(z.object({ documentId: z.string(), filename: z.string().nullable(), sha256: z.string().nullable() })),
  unreadable: z.array(z.object({ path: z.string(), reason: z.string() })),
  unsupported: z.array(refusal),
  counts: z.object({ matched: z.number(), missing: z.number(), onlyInSession: z.number(), unreadable: z.number() }),
});

export const detachSchema = z.object({ ...version, sessionId: z.string(), detached: z.array(z.object({ documentId: z.string(), filename: z.string().nullable() })).min(1) });

/** --json-lines (push, resume): one event a line; the last is the summary (the push report). */
export const jsonLineSchema = z.discriminatedUnion('event', [
  z.object({ ...version, event: z.literal('stored'), path: z.string(), sessionId: z.string(), documentId: z.string().nullable(), uploaded: z.boolean() }),
  z.object({ ...version, event: z.literal('refused'), path: z.string(), reason: z.string(), code: z.string() }),
  z.object({ ...version, event: z.literal('skipped'), path: z.string(), reason: z.string(), code: z.string() }),
  z.object({ ...version, event: z.literal('failed'), path: z.string(), step: z.string(), code: z.string(), message: z.string() }),
  z.object({ ...version, event: z.literal('summary'), ...pushShape, exitCode, error: jsonErrorSchema.optional() }),
]);

/** Each command's success schema, by the name docs/cli.md uses. */
export const COMMAND_SCHEMAS = {
  login: loginSchema,
  logout: logoutSchema,
  whoami: whoamiSchema,
  version: versionSchema,
  templates: templatesSchema,
  'sessions new': sessionsNewSchema,
  'sessions show': sessionsShowSchema,
  'sessions list': sessionsListSchema,
  status: statusSchema,
  push: pushSchema,
  'push --dry-run': dryRunSchema,
  resume: pushSchema,
  extract: runSchema,
  'results show': runSchema,
  results: resultsListSchema,
  reparse: reparseSchema,
  check: checkSchema,
  detach: detachSchema,
} as const;

/** `watch --json` / `--json-lines`: one event a line while it runs, `summary` when it stops. */
export const watchLineSchema = z.discriminatedUnion('event', [
  z.object({ ...version, event: z.literal('folder'), state: z.enum(['watching', 'missing', 'error', 'closed']), folder: z.string() }),
  z.object({ ...version, event: z.literal('stored'), path: z.string(), name: z.string(), sessionId: z.string(), documentId: z.string().nullable(), uploaded: z.boolean(), movedTo: z.string().nullable().optional() }),
  z.object({ ...version, event: z.literal('refused'), path: z.string(), reason: z.string(), code: z.enum(REFUSAL_CODES) }),
  z.object({ ...version, event: z.literal('failed'), path: z.string(), code: z.string(), message: z.string() }),
  z.object({ ...version, event: z.literal('move-failed'), path: z.string(), message: z.string() }),
  z.object({ ...version, event: z.literal('offline'), message: z.string() }),
  z.object({ ...version, event: z.literal('online') }),
  z.object({ ...version, event: z.literal('summary'), stored: z.number(), unchanged: z.number(), hashed: z.number() }),
]);
