// The API client's public surface for the engine, the CLI and the app service.
export { RaydocsClient, type ClientOptions, type WorkspaceDocumentQuery } from './client';
export type { SavedExport } from './xlsx-export';
export { dispositionFilename } from './content-disposition';
export { ApiError, isApiError, codeForStatus, isRetryable, type ApiErrorCode, type ApiRequestInfo } from './api-error';
export { describeApiError } from './describe-api-error';
export { BaseUrlError, DEFAULT_BASE_URL, isLoopbackHost, normalizeBaseUrl } from './base-url';
export { collectPages, iteratePages, type PageWalkOptions } from './pagination';
export { parseErrorBody, parseRetryAfter } from './error-body';
export type { TokenSource } from './transport';
export { BACKGROUND_SHARE, createRateLimiter, DEFAULT_API_RATE_LIMIT, DEFAULT_RATE_LIMIT_PAUSE_MS, limiterHooks, type RateLane, type RateLimiter, type RateLimitOptions } from './rate-limiter';
export { fileBudget, memoryBudget, type BudgetStore, type FileBudgetOptions } from './shared-budget';
