// Path parameters checked and encoded, so an id from a page or a server can never change which endpoint is called.

export type Params = Record<string, string | number>;

/** Ids are encoded into paths; `.` and `..` would survive encoding and be resolved away by URL parsing. */
export function checkId(name: string, value: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value === '.' || value === '..') {
    throw new TypeError(`${name} must be a non-empty id, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function checkWorkspaceId(value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`workspaceId must be a positive integer, got ${String(value)}`);
  return value;
}

/** Fills `{name}` in an endpoint path; every value is URL-encoded so an id cannot change the path. */
export function fillPath(template: string, params: Params): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
