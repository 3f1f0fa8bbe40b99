// Public option/control types of the emulator (the interface in the team brief), shared by its modules.
import type { Variant } from './variants';
export interface EmulatorOptions {
  port?: number;
  dataDir?: string;
  seed?: number;
  urlExpirySeconds?: number;
  rateLimit?: RateLimitConfig | null;
  parsing?: ParsingConfig;
  demoSeed?: boolean;
  /** How long an uploaded-but-unclaimed tmp/ object stays usable (default 86400 s, Vapor's tmp lifecycle). */
  tmpKeyLifetimeSeconds?: number;
  /** Other readings of the docs to play (variants.ts); default: RAYDOCS_EMULATOR_VARIANTS, else none. */
  variants?: Variant[];
  /** Called once per finished request (no secrets, no query strings); the CLI logs with it. */
  onRequest?: (r: RequestRecord) => void;
}

export interface RateLimitConfig {
  count: number;
  windowMs: number;
}

export interface ParsingConfig {
  stepMs?: number;
  failRate?: number;
  failNames?: string[];
  /**
   * Default false: upload is storage-only (docs/raydocs-api.md §0): a new document has no parsing and stays `uploaded`
   * until a reparse or an extraction run asks for one. true: every new document starts parsing on its own (the
   * earlier reading). Changing it affects documents created afterwards only.
   */
  autoParse?: boolean;
}

export interface FaultConfig {
  latencyMs?: number;
  errorRate?: number;
  errorStatuses?: number[];
  rateLimitBurstRate?: number;
  resetMidBodyRate?: number;
  resetAfterBytes?: number;
  stallRate?: number;
  stallMs?: number;
  /** Extension: the request is fully processed, then the connection is dropped instead of answering (a lost response). */
  dropResponseRate?: number;
  /**
   * Share of extraction runs started from now on that end `failed` instead of `completed` (decided per result id,
   * so it replays). Not per route: `routes` does not narrow it.
   */
  runFailRate?: number;
  routes?: string[];
}

export interface RequestRecord {
  method: string;
  path: string;
  /** 0 when the connection was dropped (outage or injected reset). */
  status: number;
  at: number;
}

export interface AttachmentRecord {
  sessionId: string;
  sha256: string;
  /** Links actually created (re-attaching what the session holds does not count). */
  count: number;
  /** Attach attempts for a sha256 the session already held (idempotent no-ops). */
  duplicates: number;
}

export interface Inspection {
  attachments: AttachmentRecord[];
  requests: RequestRecord[];
  uploads: number;
  /** Every workspace document, as stored: how many exist per sha256, and the names they were given. */
  documents: Array<{ id: string; workspaceId: number; sha256: string; filename: string; mime: string }>;
}

export interface SeedSummary {
  workspaces: Array<{
    id: number;
    name: string;
    templates: Array<{ id: string; name: string }>;
    sessions: Array<{ id: string; name: string }>;
  }>;
  /** Objects that exist but belong to another user: every token gets 404 on them. */
  foreign: { workspaceId: number; templateId: string; sessionId: string };
}

export interface RunningEmulator {
  url: string;
  token: string;
  seed: SeedSummary;
  createToken(opts?: { abilities?: string[]; workspaceIds?: number[] }): string;
  revokeToken(token: string): void;
  setFaults(f: FaultConfig | FaultConfig[]): void;
  setParsing(p: ParsingConfig): void;
  setUrlExpiry(seconds: number): void;
  setRateLimit(r: RateLimitConfig | null): void;
  /** Plays these readings of the docs from now on (replaces the set); throws on a clash. */
  setVariants(list: Variant[]): void;
  getVariants(): Variant[];
  outage(seconds: number): void;
  /** Makes every stored temporary object look this much older: a key-lifetime test need not wait out the lifetime. */
  ageUploads(ms: number): void;
  inspect(): Inspection;
  close(): Promise<void>;
}

export const ALL_ABILITIES = [
  'workspaces-read',
  'workspaces-write',
  'workspace-users-read',
  'workspace-users-write',
  'templates-read',
  'templates-write',
  'sessions-read',
  'sessions-write',
  'documents-read',
  'documents-write',
  'workflows-read',
  'workflow-runs-output-read',
] as const;
