// Which API origins the client may send a token to: the rule lives in shared/ so the settings schema applies it too.
export { BaseUrlError, DEFAULT_BASE_URL, isLoopbackHost, normalizeBaseUrl } from '../../../shared/base-url';
