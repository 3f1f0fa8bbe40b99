// Reads a session id out of what a person pastes or drops: a bare UUID or a dashboard link ending in /sessions/<uuid>.
// Shared so the page can tell a dropped link from any other text; main parses again whatever the page sends it.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseSessionInput(input: string): string | null {
  const text = input.trim();
  if (UUID.test(text)) return text.toLowerCase();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const parts = url.pathname.split('/').filter(Boolean);
  for (let i = parts.length - 2; i >= 0; i--) {
    const next = parts[i + 1];
    if (parts[i] === 'sessions' && next && UUID.test(next)) return next.toLowerCase();
  }
  return null;
}

/** The first line of a text/uri-list (RFC 2483: `#` lines are comments) that names a session, as its id. */
export function sessionFromUriList(list: string): string | null {
  for (const line of list.split(/\r?\n/)) {
    const entry = line.trim();
    if (!entry || entry.startsWith('#')) continue;
    const id = parseSessionInput(entry);
    if (id) return id;
  }
  return null;
}
