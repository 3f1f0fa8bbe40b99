// Which API origin a start uses: RAYDOCS_API_URL or the saved one when valid, else the default with a notice; never a crash.
import { BaseUrlError, DEFAULT_BASE_URL, normalizeBaseUrl } from '../../../shared/base-url';
import { hostOf } from './confirmations';

export interface StartupOrigin {
  /** A valid base URL for the client. */
  url: string;
  /** Said once at start when a value was set aside; never quotes that value (it may be anything). */
  notices: string[];
}

function whyNot(value: string): string | null {
  try {
    normalizeBaseUrl(value);
    return null;
  } catch (err) {
    const reason = err instanceof BaseUrlError ? err.reason : 'invalid';
    if (reason === 'insecure') return 'it uses plain http:// to another computer';
    return reason === 'unsupported' ? 'it is not a plain https:// address' : 'it is not a web address';
  }
}

/** RAYDOCS_API_URL for this run, when it is one the client accepts. */
export function usableOverride(value: string | undefined): { url: string | null; notices: string[] } {
  if (!value) return { url: null, notices: [] };
  const why = whyNot(value);
  return why ? { url: null, notices: [`RAYDOCS_API_URL was ignored: ${why}.`] } : { url: normalizeBaseUrl(value), notices: [] };
}

/**
 * `current` is what the settings store answers (sanitized: a bad saved value is already the default, and
 * `savedRejected` says so). A value that still fails (a store that did not sanitize) falls back here too.
 */
export function startupApiOrigin(opts: { current: string; savedRejected: boolean; notices?: readonly string[] }): StartupOrigin {
  const notices = [...(opts.notices ?? [])];
  const fallback = `The saved API address could not be used, so Raydocs Uploader uses ${hostOf(DEFAULT_BASE_URL)}. You can change it in Settings.`;
  if (opts.savedRejected) notices.push(fallback);
  if (whyNot(opts.current) === null) return { url: normalizeBaseUrl(opts.current), notices };
  return { url: DEFAULT_BASE_URL, notices: opts.savedRejected ? notices : [...notices, fallback] };
}
