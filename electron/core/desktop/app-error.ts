// Errors the app service raises on purpose: a stable code for the renderer and a sentence for the person.

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: string;
  readonly context: Record<string, unknown>;

  constructor(code: string, message: string, context: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.context = context;
  }
}
