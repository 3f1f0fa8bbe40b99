// The Raydocs API contract: types and runtime validators for every call the uploader makes (docs/raydocs-api.md §5).
export type { Paginated, PageMeta, PageRequest } from './api/common';
export { listOf, oneOf, paginatedOf } from './api/common';
export { parsingSchema, workspaceDocumentSchema, type Parsing, type WorkspaceDocument } from './api/documents';
export {
  batchSessionSchema,
  documentRefSchema,
  extractionResultSchema,
  sessionSchema,
  signedStorageUrlSchema,
  templateSchema,
  workspaceSchema,
  type BatchSession,
  type DocumentRef,
  type ExtractionResult,
  type Session,
  type SignedStorageUrl,
  type Template,
  type Workspace,
} from './api/models';
export {
  documentParseState,
  isTerminalDocumentStatus,
  isTerminalParsingStatus,
  isTerminalResultStatus,
  type ParseState,
} from './api/status';
export { ENDPOINTS, endpointLabel, matchEndpoint, type Endpoint, type EndpointName, type HttpMethod } from './api/endpoints';
export { ResponseShapeError, parseResponse, formatPath, type ShapeIssue } from './api/parse';
export { responses, type ResponseName, type ResponseOf } from './api/responses';
