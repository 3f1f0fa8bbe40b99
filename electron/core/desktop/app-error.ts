// Errors the app service raises on purpose: a stable code for the renderer and a sentence for the person.
import type { ApiErrorCode } from '../api/api-error';

/**
 * The codes the renderer may receive from the app service (kebab-case, like every code that crosses IPC). An API
 * failure keeps the client's code (`ApiErrorCode`); the rest are the service's own refusals.
 */
export type AppErrorCode =
  | ApiErrorCode
  /** The person declined a confirmation. */
  | 'cancelled'
  /** A link the app will not open (not https, or not an allowed host). */
  | 'forbidden-url'
  /** No OS keychain: the token could only be kept in memory. */
  | 'keychain-unavailable';

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: AppErrorCode;
  readonly context: Record<string, unknown>;

  constructor(code: AppErrorCode, message: string, context: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.context = context;
  }
}
