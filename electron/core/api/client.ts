// The typed Raydocs API client: one method per endpoint the uploader uses, every answer validated (docs/raydocs-api.md §5).
import type { Dispatcher } from 'undici';
import {
  ENDPOINTS,
  type ResponseName,
  type ResponseOf,
  type ExtractionResult,
  type PageRequest,
  type Paginated,
  type Session,
  type SignedStorageUrl,
  type Template,
  type Workspace,
  type WorkspaceDocument,
  type BatchSession,
} from '../../../shared/api';
import type { ApiRequestInfo } from './api-error';
import { DEFAULT_BASE_URL, normalizeBaseUrl } from './base-url';
import { callEndpoint, sendEndpoint, type CallInit } from './endpoint-call';
import { collectPages, pageQuery } from './pagination';
import { Transport, type TokenSource } from './transport';
import { checkId, checkWorkspaceId, fillPath, type Params } from './path-params';
import { saveSessionsXlsx, saveXlsx, type SavedExport } from './xlsx-export';

export interface ClientOptions {
  /** Default https://api.raydocs.com; http:// is refused unless the host is loopback. */
  baseUrl?: string;
  token: TokenSource;
  /** Per call, default 30000. */
  timeoutMs?: number;
  /** Proxy support. */
  dispatcher?: Dispatcher;
  /** The engine's rate limiter hooks in here; it runs before every API request. */
  beforeRequest?: (req: { method: string; path: string }) => Promise<void>;
  /** The limiter's other hook: every 429 and its Retry-After (api/rate-limiter.ts). */
  onRateLimited?: (req: { method: string; path: string }, retryAfterMs: number | null) => void;
}

export interface WorkspaceDocumentQuery {
  query?: string;
  mime?: string;
  status?: string;
  source_type?: string;
  sort?: 'created_at' | 'filename' | 'size' | 'status';
  order?: 'asc' | 'desc';
  page?: number;
  /** Max 100. */
  per_page?: number;
}

/** Per call: `timeoutMs` replaces the client's limit for this one request (attach calls are sized by their bytes). */
export interface CallOptions {
  timeoutMs?: number;
}

export class RaydocsClient {
  readonly baseUrl: string;
  readonly #transport: Transport;

  constructor(opts: ClientOptions) {
    this.baseUrl = normalizeBaseUrl(opts.baseUrl ?? DEFAULT_BASE_URL);
    this.#transport = new Transport({
      baseUrl: this.baseUrl,
      token: opts.token,
      timeoutMs: opts.timeoutMs ?? 30_000,
      dispatcher: opts.dispatcher,
      beforeRequest: opts.beforeRequest,
      onRateLimited: opts.onRateLimited,
    });
  }

  #call<N extends ResponseName>(name: N, params: Params, init: CallInit = {}): Promise<{ status: number; value: ResponseOf<N> }> {
    return callEndpoint(this.#transport, name, params, init);
  }

  /** Documented as one list (§6.1), but a paginated answer (`meta`, `links.next`, a cursor) is read to its end. */
  async listWorkspaces(signal?: AbortSignal): Promise<Workspace[]> {
    const request: ApiRequestInfo = { method: 'GET', path: ENDPOINTS.listWorkspaces.path };
    const fetchPage = async (req: PageRequest) => (await this.#call('listWorkspaces', {}, { query: pageQuery(req), signal })).value;
    return collectPages(fetchPage, { request, signal });
  }

  /** One page by number (the template picker's pager); `listAllTemplates` reads every page however the server pages. */
  async listTemplates(workspaceId: number, page = 1, signal?: AbortSignal): Promise<Paginated<Template>> {
    return this.#templatesPage(workspaceId, { kind: 'page', page }, signal);
  }

  async #templatesPage(workspaceId: number, req: PageRequest, signal: AbortSignal | undefined): Promise<Paginated<Template>> {
    const params = { workspaceId: checkWorkspaceId(workspaceId) };
    const query = req.kind === 'page' ? { page: req.page } : { cursor: req.cursor };
    return (await this.#call('listTemplates', params, { query, signal })).value;
  }

  async listAllTemplates(workspaceId: number, signal?: AbortSignal): Promise<Template[]> {
    const request: ApiRequestInfo = { method: 'GET', path: fillPath(ENDPOINTS.listTemplates.path, { workspaceId: checkWorkspaceId(workspaceId) }) };
    return collectPages((req) => this.#templatesPage(workspaceId, req, signal), { request, signal });
  }

  async getTemplate(id: string, signal?: AbortSignal): Promise<Template> {
    return (await this.#call('getTemplate', { templateId: checkId('templateId', id) }, { signal })).value;
  }

  async createSession(body: { extraction_template_id: string; name?: string }, signal?: AbortSignal): Promise<Session> {
    checkId('extraction_template_id', body.extraction_template_id);
    return (await this.#call('createSession', {}, { body, signal })).value;
  }

  /** Includes the session's documents[] and results[]. */
  async getSession(id: string, signal?: AbortSignal): Promise<Session> {
    return (await this.#call('getSession', { sessionId: checkId('sessionId', id) }, { signal })).value;
  }

  async renameSession(id: string, name: string, signal?: AbortSignal): Promise<Session> {
    return (await this.#call('renameSession', { sessionId: checkId('sessionId', id) }, { body: { name }, signal })).value;
  }

  /** The S3 PUT itself belongs to the upload engine; it must not carry this client's token. */
  async signedStorageUrl(body: { content_type?: string } = {}, signal?: AbortSignal): Promise<SignedStorageUrl> {
    return (await this.#call('signedStorageUrl', {}, { body, signal })).value;
  }

  async uploadSessionDocuments(sessionId: string, keys: string[], signal?: AbortSignal, opts: CallOptions = {}): Promise<WorkspaceDocument[]> {
    const params = { sessionId: checkId('sessionId', sessionId) };
    return (await this.#call('uploadSessionDocuments', params, { body: { keys }, signal, timeoutMs: opts.timeoutMs })).value;
  }

  async attachSessionDocuments(sessionId: string, documentIds: string[], signal?: AbortSignal, opts: CallOptions = {}): Promise<WorkspaceDocument[]> {
    const params = { sessionId: checkId('sessionId', sessionId) };
    return (await this.#call('attachSessionDocuments', params, { body: { document_ids: documentIds }, signal, timeoutMs: opts.timeoutMs })).value;
  }

  /**
   * Every document attached to the session. The list may be paginated (§15.6), so all pages are read; `per_page=100`
   * keeps a poll of a large session to a few requests (a server that ignores it still pages correctly).
   */
  async listSessionDocuments(sessionId: string, signal?: AbortSignal): Promise<WorkspaceDocument[]> {
    const params = { sessionId: checkId('sessionId', sessionId) };
    const request: ApiRequestInfo = { method: 'GET', path: fillPath(ENDPOINTS.listSessionDocuments.path, params) };
    const fetchPage = async (req: PageRequest) => (await this.#call('listSessionDocuments', params, { query: { ...pageQuery(req), per_page: 100 }, signal })).value;
    return collectPages(fetchPage, { request, signal });
  }

  async detachSessionDocument(sessionId: string, documentId: string, signal?: AbortSignal): Promise<void> {
    const params = { sessionId: checkId('sessionId', sessionId), documentId: checkId('documentId', documentId) };
    await sendEndpoint(this.#transport, 'detachSessionDocument', params, undefined, signal);
  }

  /** `reused` comes from `dedup.reused`, or from the status (200 reused, 201 created) when the server omits it. */
  async createWorkspaceDocument(
    workspaceId: number,
    body: { key: string; filename: string; mime?: string },
    signal?: AbortSignal,
  ): Promise<{ document: WorkspaceDocument; reused: boolean }> {
    const params = { workspaceId: checkWorkspaceId(workspaceId) };
    const { status, value } = await this.#call('createWorkspaceDocument', params, { body, signal });
    return { document: value.document, reused: value.reused ?? status === 200 };
  }

  async listWorkspaceDocuments(workspaceId: number, query: WorkspaceDocumentQuery = {}, signal?: AbortSignal): Promise<Paginated<WorkspaceDocument>> {
    const params = { workspaceId: checkWorkspaceId(workspaceId) };
    return (await this.#call('listWorkspaceDocuments', params, { query: { ...query }, signal })).value;
  }

  async getWorkspaceDocument(workspaceId: number, id: string, signal?: AbortSignal): Promise<WorkspaceDocument> {
    const params = { workspaceId: checkWorkspaceId(workspaceId), documentId: checkId('documentId', id) };
    return (await this.#call('getWorkspaceDocument', params, { signal })).value;
  }

  /** 202 queued / 200 already ready; the body is undocumented, so a document comes back only when one is recognisable. */
  async reparseDocument(
    workspaceId: number,
    id: string,
    body: { config_hash: string; force?: boolean },
    signal?: AbortSignal,
  ): Promise<WorkspaceDocument | null> {
    const params = { workspaceId: checkWorkspaceId(workspaceId), documentId: checkId('documentId', id) };
    return (await this.#call('reparseDocument', params, { body, signal })).value;
  }

  async runExtraction(sessionId: string, signal?: AbortSignal): Promise<ExtractionResult> {
    return (await this.#call('runExtraction', { sessionId: checkId('sessionId', sessionId) }, { signal })).value;
  }

  /** The session's runs, summary fields only (§10.2): where a reparse finds the session's config hash. */
  async listResults(sessionId: string, signal?: AbortSignal): Promise<ExtractionResult[]> {
    const params = { sessionId: checkId('sessionId', sessionId) };
    const request: ApiRequestInfo = { method: 'GET', path: fillPath(ENDPOINTS.listResults.path, params) };
    const fetchPage = async (req: PageRequest) => (await this.#call('listResults', params, { query: pageQuery(req), signal })).value;
    return collectPages(fetchPage, { request, signal });
  }

  /** The polling endpoint for a run (§10.2). */
  async getResult(id: string, signal?: AbortSignal): Promise<ExtractionResult> {
    return (await this.#call('getResult', { resultId: checkId('resultId', id) }, { signal })).value;
  }

  /** The result as a workbook (§10.2), streamed to disk: `destPath` appears only once the whole file is there. */
  async exportResultExcel(resultId: string, destPath: string, signal?: AbortSignal): Promise<SavedExport> {
    return saveXlsx(this.#transport, 'exportResultExcel', { resultId: checkId('resultId', resultId) }, undefined, destPath, signal);
  }

  /**
   * Several sessions in one workbook (§7.8). The route is disputed: the OpenAPI route with `format` in the body is
   * tried first, then the prose's `/export/excel`. When neither exists (404/405 on both) this throws an ApiError with
   * status 404, so the caller can fall back to one `exportResultExcel` per session.
   */
  async exportSessionsExcel(templateId: string, sessionIds: string[], destPath: string, signal?: AbortSignal): Promise<SavedExport> {
    return saveSessionsXlsx(this.#transport, templateId, sessionIds, destPath, signal);
  }

  /** One session per key, at most 50 keys per call (§7.6). */
  async batchCreateSessions(
    templateId: string,
    body: { files: string[]; settings?: { auto_extract?: boolean } },
    signal?: AbortSignal,
  ): Promise<BatchSession[]> {
    const params = { templateId: checkId('templateId', templateId) };
    return (await this.#call('batchCreateSessions', params, { body, signal })).value;
  }
}
