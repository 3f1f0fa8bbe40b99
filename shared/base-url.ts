// Which API origins may receive the token: https anywhere, plain http only to this machine. Shared so the settings schema and the client apply one rule.

export class BaseUrlError extends Error {
  override readonly name = 'BaseUrlError';
  constructor(
    readonly url: string,
    readonly reason: 'invalid' | 'insecure' | 'unsupported',
    message: string,
  ) {
    super(message);
  }
}

export const DEFAULT_BASE_URL = 'https://api.raydocs.com';

/** 127.0.0.0/8, ::1 (and its IPv4-mapped forms), localhost. WHATWG URL parsing has already canonicalised the host. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost') return true;
  if (host === '::1') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  // ::ffff:127.x.y.z is serialised by URL as ::ffff:7fxx:xxxx.
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

/** Returns the base URL without a trailing slash; throws BaseUrlError with a message a person can act on. */
export function normalizeBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new BaseUrlError(input, 'invalid', `"${input}" is not a valid API address; expected something like ${DEFAULT_BASE_URL}.`);
  }
  // Echo only the origin: a pasted URL may carry credentials or a query.
  const shown = url.origin;
  if (url.username || url.password || url.search || url.hash) {
    throw new BaseUrlError(shown, 'unsupported', `The API address ${shown} must not contain credentials, a query or a fragment.`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new BaseUrlError(
      shown,
      'insecure',
      `Refusing ${shown}: plain http:// would send the token unencrypted. Use https://, or http:// only for this machine (127.0.0.0/8, ::1, localhost).`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BaseUrlError(shown, 'unsupported', `The API address must start with https:// (got ${url.protocol}).`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
