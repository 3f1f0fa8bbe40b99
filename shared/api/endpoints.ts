// The endpoints an uploader calls, with the ability each needs (docs/raydocs-api.md §3.2, §5): used to label errors and explain 403s.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Endpoint {
  method: HttpMethod;
  /** Path template, `{name}` for parameters. */
  path: string;
  /** Ability a token needs; null when any valid token will do. */
  ability: string | null;
  /** What the call does, phrased to follow "to …" in a sentence. */
  purpose: string;
  /** What a 404 means is missing. */
  resource: string;
  /** Documented success statuses (§5). */
  success: readonly number[];
}

function ep(method: HttpMethod, path: string, ability: string | null, purpose: string, resource: string, success: readonly number[] = [200]): Endpoint {
  return { method, path, ability, purpose, resource, success };
}

export const ENDPOINTS = {
  listWorkspaces: ep('GET', '/workspaces', 'workspaces-read', 'list workspaces', 'workspace list'),
  listTemplates: ep('GET', '/workspaces/{workspaceId}/extractions/templates', 'templates-read', 'list templates', 'workspace'),
  getTemplate: ep('GET', '/extractions/templates/{templateId}', 'templates-read', 'read a template', 'template'),
  createSession: ep('POST', '/extractions/sessions', 'sessions-write', 'create a session', 'template', [201]),
  getSession: ep('GET', '/extractions/sessions/{sessionId}', 'sessions-read', 'read a session', 'session'),
  renameSession: ep('PUT', '/extractions/sessions/{sessionId}', 'sessions-write', 'rename a session', 'session'),
  signedStorageUrl: ep('POST', '/vapor/signed-storage-url', null, 'get an upload URL', 'upload URL'),
  uploadSessionDocuments: ep('POST', '/extractions/sessions/{sessionId}/documents/upload', 'sessions-write', 'add uploaded files to a session', 'session'),
  attachSessionDocuments: ep('POST', '/extractions/sessions/{sessionId}/documents/attach', 'sessions-write', 'attach documents to a session', 'session'),
  listSessionDocuments: ep('GET', '/extractions/sessions/{sessionId}/documents', 'sessions-read', "list a session's documents", 'session'),
  detachSessionDocument: ep('DELETE', '/extractions/sessions/{sessionId}/documents/{documentId}', 'sessions-write', 'detach a document from a session', 'session document', [204]),
  createWorkspaceDocument: ep('POST', '/workspaces/{workspaceId}/documents', 'documents-write', 'create a workspace document', 'workspace', [201, 200]),
  listWorkspaceDocuments: ep('GET', '/workspaces/{workspaceId}/documents', 'documents-read', 'list workspace documents', 'workspace'),
  getWorkspaceDocument: ep('GET', '/workspaces/{workspaceId}/documents/{documentId}', 'documents-read', 'read a workspace document', 'document'),
  reparseDocument: ep('POST', '/workspaces/{workspaceId}/documents/{documentId}/reparse', 'documents-write', 'reparse a document', 'document', [202, 200]),
  runExtraction: ep('POST', '/extractions/sessions/{sessionId}/results', 'sessions-write', 'run an extraction', 'session', [201]),
  listResults: ep('GET', '/extractions/sessions/{sessionId}/results', 'sessions-read', "list a session's extraction results", 'session'),
  getResult: ep('GET', '/extractions/results/{resultId}', 'sessions-read', 'read an extraction result', 'extraction result'),
  exportResultExcel: ep('GET', '/extractions/results/{resultId}/export/excel', 'sessions-read', 'export a result to Excel', 'extraction result'),
  /** §7.8: the OpenAPI route, `format` in the body; the prose names `exportSessionsExcel`'s route instead. */
  exportSessions: ep('POST', '/extractions/templates/{templateId}/sessions/batch/export', 'sessions-read', 'export sessions', 'template'),
  exportSessionsExcel: ep('POST', '/extractions/templates/{templateId}/sessions/batch/export/excel', 'sessions-read', 'export sessions to Excel', 'template'),
  batchCreateSessions: ep('POST', '/extractions/templates/{templateId}/sessions/batch', 'sessions-write', 'create sessions in a batch', 'template', [201]),
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/** `GET /workspaces/{workspaceId}/documents`: how errors name an endpoint. */
export function endpointLabel(e: Endpoint): string {
  return `${e.method} ${e.path}`;
}

const matchers = Object.values(ENDPOINTS).map((e) => ({
  endpoint: e as Endpoint,
  re: new RegExp(`^${e.path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
}));

/** The endpoint a concrete request (`GET /workspaces/3/documents`, no query string) went to, if it is one of ours. */
export function matchEndpoint(method: string, path: string): Endpoint | null {
  const m = method.toUpperCase();
  return matchers.find((x) => x.endpoint.method === m && x.re.test(path))?.endpoint ?? null;
}
