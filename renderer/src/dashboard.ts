// Links into the Raydocs web dashboard; opened only through the bridge's allow-listed external opener.

export const DASHBOARD_ORIGIN = 'https://app.raydocs.com';

/** Profile → Settings → Access Tokens (docs/raydocs-api.md §3.1). */
export const TOKENS_PAGE_URL = `${DASHBOARD_ORIGIN}/settings/access-tokens`;

export function sessionPageUrl(sessionId: string): string {
  return `${DASHBOARD_ORIGIN}/extractions/sessions/${encodeURIComponent(sessionId)}`;
}
