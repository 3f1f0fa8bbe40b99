// The emulator's in-memory world: tokens, workspaces, templates, sessions, documents, parsings, results, tmp objects.
import { createHash } from 'node:crypto';
import { createRng, uuidFrom, type Rng } from './prng';
import type { AttachmentRecord } from './types';

export interface TokenRec {
  abilities: Set<string>;
  workspaceIds: number[] | null; // null = every workspace of the user
  revoked: boolean;
}

export interface WorkspaceRec {
  id: number;
  name: string;
  icon: string;
  /** false for workspaces of another user: no token of ours ever sees them. */
  mine: boolean;
  createdAt: number;
}

export interface TemplateRec {
  id: string;
  workspaceId: number;
  name: string;
  description: string;
  groups: Record<string, string[]>; // group → field names
  createdAt: number;
}

export type ParsingStatus = 'queued' | 'processing' | 'ready' | 'failed';

export interface ParsingRec {
  id: string;
  configHash: string;
  parserVersion: string;
  status: ParsingStatus;
  phaseAt: number; // when the current status began
  stepMs: number;
  willFail: boolean;
}

export interface DocumentRec {
  id: string;
  workspaceId: number;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  path: string | null;
  createdAt: number;
  parsings: ParsingRec[];
}

export interface SessionRec {
  id: string;
  workspaceId: number;
  templateId: string;
  name: string;
  settings: { auto_extract?: boolean };
  createdAt: number;
  updatedAt: number;
  links: string[]; // attached document ids, in attach order
  autoExtractStarted: boolean;
}

export type ResultStatus = 'created' | 'parsing_pending' | 'processing' | 'completed' | 'failed';

export interface ResultRec {
  id: string;
  sessionId: string;
  status: ResultStatus;
  configHash: string;
  documentIds: string[];
  phaseAt: number;
  stepMs: number;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
  /** Decided when the run starts (the fault API's `runFailRate`): it ends `failed` instead of `completed`. */
  willFail?: boolean;
  /** Why it failed, in the server's words; shown only under the `run-failure-reason` variant (none is documented). */
  failure?: string | null;
}

/** The roll for `runFailRate`, from the result id alone: the same run fails again under the same seed. */
export function runFailRoll(resultId: string): number {
  return createRng(createHash('sha256').update(`run-fail:${resultId}`).digest().readUInt32BE(0))();
}

export const MODEL_FAILURE = 'The extraction model did not return a usable answer. Run the extraction again.';

export interface TmpObject {
  key: string;
  path: string;
  sha256: string;
  size: number;
  contentType: string;
  uploadedAt: number;
  consumed: boolean;
}

export interface ParsingSettings {
  stepMs: number;
  failRate: number;
  failNames: string[];
  /**
   * false (default): upload is storage-only, a new document has no parsing until a reparse or a run asks for one.
   * true: every new document starts parsing with the workspace's default config hash (the earlier reading).
   */
  autoParse: boolean;
}

export const PARSER_VERSION = 'v1';

/** Tokens are kept (and persisted) only as hashes, like a server would. */
export function tokenKey(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function defaultConfigHash(workspaceId: number): string {
  return createHash('sha256').update(`raydocs-emulator-config:${workspaceId}`).digest('hex');
}

export class World {
  readonly tokens = new Map<string, TokenRec>(); // keyed by tokenKey(value)
  readonly workspaces = new Map<number, WorkspaceRec>();
  readonly templates = new Map<string, TemplateRec>();
  readonly sessions = new Map<string, SessionRec>();
  readonly documents = new Map<string, DocumentRec>();
  readonly results = new Map<string, ResultRec>();
  readonly tmp = new Map<string, TmpObject>();
  /** Keys handed out by signed-storage-url (a key never issued is "invalid", not merely "not uploaded"). */
  readonly issuedKeys = new Set<string>();
  readonly attachStats = new Map<string, AttachmentRecord>();
  uploads = 0;
  // Indexes so each request costs O(active work), not O(everything ever uploaded) (benchmarks upload thousands).
  private readonly bySha = new Map<string, DocumentRec>();
  private readonly activeParsings = new Set<ParsingRec>();
  private readonly activeResults = new Set<ResultRec>();
  private readonly resultsBySession = new Map<string, ResultRec[]>();
  private readonly autoExtractWaiting = new Set<SessionRec>();

  /** Share of new runs that end `failed` (the fault API's `runFailRate`). */
  runFailRate = 0;

  constructor(
    private readonly ids: Rng,
    private readonly parseRng: Rng,
    public parsing: ParsingSettings,
  ) {}

  /** PRNG draws so far, persisted so a restored world continues the same streams (no id collisions). */
  idDraws = 0;
  parseDraws = 0;

  uuid(): string {
    this.idDraws += 16;
    return uuidFrom(this.ids);
  }

  /** Fast-forwards the PRNG streams and rebuilds the indexes after the maps were filled from a snapshot. */
  restored(idDraws: number, parseDraws: number): void {
    for (; this.idDraws < idDraws; this.idDraws++) this.ids();
    for (; this.parseDraws < parseDraws; this.parseDraws++) this.parseRng();
    for (const d of this.documents.values()) {
      this.bySha.set(`${d.workspaceId}|${d.sha256}`, d);
      for (const p of d.parsings) if (p.status === 'queued' || p.status === 'processing') this.activeParsings.add(p);
    }
    for (const s of this.sessions.values()) if (s.settings.auto_extract && !s.autoExtractStarted) this.autoExtractWaiting.add(s);
    for (const r of this.results.values()) {
      if (r.status !== 'completed' && r.status !== 'failed') this.activeResults.add(r);
      this.resultsBySession.set(r.sessionId, [...(this.resultsBySession.get(r.sessionId) ?? []), r]);
    }
  }

  // ---- documents and parsings -------------------------------------------------------------

  findBySha(workspaceId: number, sha256: string): DocumentRec | undefined {
    return this.bySha.get(`${workspaceId}|${sha256}`);
  }

  addSession(s: SessionRec): void {
    this.sessions.set(s.id, s);
    if (s.settings.auto_extract && !s.autoExtractStarted) this.autoExtractWaiting.add(s);
  }

  /** Deletes a session and its results; its documents stay in the workspace (G2). */
  deleteSession(s: SessionRec): void {
    for (const r of this.sessionResults(s.id)) this.deleteResult(r);
    this.sessions.delete(s.id);
    this.autoExtractWaiting.delete(s);
    this.resultsBySession.delete(s.id);
  }

  deleteResult(r: ResultRec): void {
    this.results.delete(r.id);
    this.activeResults.delete(r);
    const list = this.resultsBySession.get(r.sessionId);
    if (list) this.resultsBySession.set(r.sessionId, list.filter((x) => x !== r));
  }

  /** Stores a document; it is parsed right away only with `autoParse` (otherwise storage-only: no parsing). */
  createDocument(input: Omit<DocumentRec, 'id' | 'parsings'>, now: number): DocumentRec {
    const doc: DocumentRec = { ...input, id: this.uuid(), parsings: [] };
    this.documents.set(doc.id, doc);
    this.bySha.set(`${doc.workspaceId}|${doc.sha256}`, doc);
    if (this.parsing.autoParse) this.startParsing(doc, defaultConfigHash(doc.workspaceId), now);
    return doc;
  }

  /** Queues a parse for the hash (re-running an existing parsing for that hash, or adding one). */
  startParsing(doc: DocumentRec, configHash: string, now: number, parserVersion = PARSER_VERSION): ParsingRec {
    // Always draw, so the failure sequence depends only on the order of parses, not on failRate changes.
    const draw = this.parseRng();
    this.parseDraws += 1;
    const willFail = this.parsing.failNames.includes(doc.filename) || draw < this.parsing.failRate;
    const existing = doc.parsings.find((p) => p.configHash === configHash);
    const p: ParsingRec = existing ?? { id: this.uuid(), configHash, parserVersion, status: 'queued', phaseAt: now, stepMs: 0, willFail };
    Object.assign(p, { status: 'queued', phaseAt: now, stepMs: this.parsing.stepMs, willFail, parserVersion });
    // The most recently requested parsing is the document's current one: keep it last.
    doc.parsings = [...doc.parsings.filter((x) => x !== p), p];
    this.activeParsings.add(p);
    return p;
  }

  currentParsing(doc: DocumentRec): ParsingRec | undefined {
    return doc.parsings[doc.parsings.length - 1];
  }

  parsingFor(doc: DocumentRec, configHash: string): ParsingRec | undefined {
    return doc.parsings.find((p) => p.configHash === configHash);
  }

  // ---- attachments ----------------------------------------------------------------------

  private attachStat(session: SessionRec, sha256: string): AttachmentRecord {
    const key = `${session.id}|${sha256}`;
    const stat = this.attachStats.get(key) ?? { sessionId: session.id, sha256, count: 0, duplicates: 0 };
    this.attachStats.set(key, stat);
    return stat;
  }

  /** Whether the session already links a document with these bytes. */
  holds(session: SessionRec, sha256: string): boolean {
    return session.links.some((id) => this.documents.get(id)?.sha256 === sha256);
  }

  /** An attach of content the session already held, refused (strict-attach) rather than ignored: still a duplicate. */
  countRepeat(session: SessionRec, sha256: string): void {
    this.attachStat(session, sha256).duplicates += 1;
  }

  /** Links a document to a session unless it already holds it (or another doc with the same bytes). */
  attach(session: SessionRec, doc: DocumentRec, now: number): boolean {
    const stat = this.attachStat(session, doc.sha256);
    const held = session.links.some((id) => id === doc.id || this.documents.get(id)?.sha256 === doc.sha256);
    if (held) {
      stat.duplicates += 1;
      return false;
    }
    session.links.push(doc.id);
    session.updatedAt = now;
    stat.count += 1;
    return true;
  }

  sessionDocuments(session: SessionRec): DocumentRec[] {
    return session.links.map((id) => this.documents.get(id)).filter((d): d is DocumentRec => d !== undefined);
  }

  // ---- results --------------------------------------------------------------------------

  /**
   * Starts a run over the session's documents. A document with no parsing for the run's config hash is parsed
   * now ("parsing is requested … at extraction run time"); one whose parsing for that hash failed is not
   * re-parsed (only a reparse does that), so the run then fails. Anything not ready defers the run.
   */
  createResult(session: SessionRec, now: number): ResultRec {
    const configHash = defaultConfigHash(session.workspaceId);
    const docs = this.sessionDocuments(session);
    let allReady = true;
    for (const d of docs) {
      const p = this.parsingFor(d, configHash) ?? this.startParsing(d, configHash, now);
      if (p.status !== 'ready') allReady = false;
    }
    const id = this.uuid();
    const r: ResultRec = {
      id,
      sessionId: session.id,
      status: allReady ? 'created' : 'parsing_pending',
      configHash,
      documentIds: docs.map((d) => d.id),
      phaseAt: now,
      stepMs: this.parsing.stepMs,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
      willFail: this.runFailRate > 0 && runFailRoll(id) < this.runFailRate,
      failure: null,
    };
    this.results.set(r.id, r);
    this.activeResults.add(r);
    this.resultsBySession.set(session.id, [...(this.resultsBySession.get(session.id) ?? []), r]);
    session.updatedAt = now;
    return r;
  }

  sessionResults(sessionId: string): ResultRec[] {
    return [...(this.resultsBySession.get(sessionId) ?? [])];
  }

  // ---- the clock --------------------------------------------------------------------------

  /** Moves every parsing and result along to `now` (state is advanced lazily, on each request). */
  advance(now: number): void {
    for (const p of this.activeParsings) {
      advanceParsing(p, now);
      if (p.status === 'ready' || p.status === 'failed') this.activeParsings.delete(p);
    }
    for (const s of this.autoExtractWaiting) this.maybeAutoExtract(s);
    for (const r of this.activeResults) {
      this.advanceResult(r, now);
      if (r.status === 'completed' || r.status === 'failed') this.activeResults.delete(r);
    }
  }

  /** When every document's parsing for `configHash` ended (and the names of those that failed), or null while one runs. */
  private terminalAt(docIds: string[], configHash: string): { at: number; failed: string[] } | null {
    let at = 0;
    const failed: string[] = [];
    for (const id of docIds) {
      const doc = this.documents.get(id);
      const p = doc && this.parsingFor(doc, configHash);
      if (!p) continue; // a document deleted since the run started no longer blocks it
      if (p.status !== 'ready' && p.status !== 'failed') return null;
      at = Math.max(at, p.phaseAt);
      if (p.status === 'failed') failed.push(doc.filename);
    }
    return { at, failed };
  }

  /**
   * `settings.auto_extract`: starts the session's run once no parse of its documents is under way. A document
   * with no parsing (storage-only) does not hold it back: the run itself parses it (`parsing_pending`). With
   * `autoParse`, the run starts when the upload's parses ended, as before.
   */
  private maybeAutoExtract(s: SessionRec): void {
    if (!s.settings.auto_extract || s.autoExtractStarted || s.links.length === 0) return;
    const configHash = defaultConfigHash(s.workspaceId);
    let at = s.updatedAt; // the last attach: a run never starts before its documents were linked
    for (const id of s.links) {
      const doc = this.documents.get(id);
      const p = doc && this.parsingFor(doc, configHash);
      if (!p) continue;
      if (p.status !== 'ready' && p.status !== 'failed') return;
      at = Math.max(at, p.phaseAt);
    }
    s.autoExtractStarted = true;
    this.autoExtractWaiting.delete(s);
    this.createResult(s, at);
  }

  private advanceResult(r: ResultRec, now: number): void {
    for (;;) {
      if (r.status === 'parsing_pending') {
        const done = this.terminalAt(r.documentIds, r.configHash);
        if (!done) return;
        // Strict reading of §15.13: a deferred run whose documents failed to parse fails too.
        r.status = done.failed.length > 0 ? 'failed' : 'processing';
        r.phaseAt = Math.max(r.phaseAt, done.at);
        r.updatedAt = r.phaseAt;
        if (r.status === 'failed') {
          r.completedAt = r.phaseAt;
          const n = done.failed.length;
          r.failure = `${n} of ${r.documentIds.length} document${r.documentIds.length === 1 ? '' : 's'} could not be parsed: ${done.failed.join(', ')}.`;
        }
      } else if ((r.status === 'created' || r.status === 'processing') && now >= r.phaseAt + r.stepMs) {
        r.phaseAt += r.stepMs;
        r.updatedAt = r.phaseAt;
        if (r.status === 'created') r.status = 'processing';
        else {
          r.status = r.willFail ? 'failed' : 'completed';
          r.completedAt = r.phaseAt;
          if (r.willFail) r.failure = MODEL_FAILURE;
        }
      } else return;
    }
  }
}

function advanceParsing(p: ParsingRec, now: number): void {
  for (;;) {
    if (p.status === 'queued' && now >= p.phaseAt + p.stepMs) {
      p.status = 'processing';
      p.phaseAt += p.stepMs;
    } else if (p.status === 'processing' && now >= p.phaseAt + p.stepMs) {
      p.status = p.willFail ? 'failed' : 'ready';
      p.phaseAt += p.stepMs;
    } else return;
  }
}
