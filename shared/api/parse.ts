// Validating a response body: failures name the endpoint and the field path so a server change is diagnosable from one line.
import type { z } from 'zod';

export interface ShapeIssue {
  /** `data[0].id`; empty for the body itself. */
  path: string;
  message: string;
}

export class ResponseShapeError extends Error {
  override readonly name = 'ResponseShapeError';
  /** The field and what is wrong with it, without the endpoint: `data[0].id: Invalid input: …`. */
  readonly summary: string;

  constructor(
    readonly endpoint: string,
    readonly issues: ShapeIssue[],
  ) {
    const first = issues[0];
    const where = first ? `${first.path || '(body)'}: ${first.message}` : 'unexpected shape';
    const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
    super(`Unexpected response from ${endpoint}: ${where}${more}`);
    this.summary = `${where}${more}`;
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * Runs `schema` over `body`. A bare-array body validated by a `{data}` list schema reports paths without the
 * synthetic `data` prefix, so the path points at what the server actually sent.
 */
export function parseResponse<S extends z.ZodType>(endpoint: string, schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((issue) => {
    const path = Array.isArray(body) && issue.path[0] === 'data' ? issue.path.slice(1) : issue.path;
    return { path: formatPath(path), message: issue.message };
  });
  throw new ResponseShapeError(endpoint, issues);
}
