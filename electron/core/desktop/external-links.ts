// The only URLs the app opens in the system browser: https links to the Raydocs dashboard and docs.

export const ALLOWED_EXTERNAL_HOSTS: readonly string[] = ['raydocs.com', 'www.raydocs.com', 'app.raydocs.com', 'docs.raydocs.com'];

export type ExternalUrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

export function checkExternalUrl(raw: string, hosts: readonly string[] = ALLOWED_EXTERNAL_HOSTS): ExternalUrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `only https:// links open outside the app (got ${url.protocol})` };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'links with credentials are not opened' };
  if (url.port !== '') return { ok: false, reason: 'links with an explicit port are not opened' };
  if (!hosts.includes(url.hostname.toLowerCase())) return { ok: false, reason: `${url.hostname} is not a Raydocs address` };
  return { ok: true, url: url.href };
}

export function isAllowedExternalUrl(raw: string): boolean {
  return checkExternalUrl(raw).ok;
}
