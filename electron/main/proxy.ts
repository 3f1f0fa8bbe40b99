// The system proxy, as Chromium resolves it for the API origin, handed to undici.
import { session } from 'electron';
import { ProxyAgent, type Dispatcher } from 'undici';
import { proxyUrlFromPac } from '../core/desktop/proxy-rules';

/**
 * One dispatcher for the API and the presigned PUTs: it follows the proxy Chromium picks for the API origin
 * (system settings, PAC or WPAD). Null means a direct connection.
 */
export async function systemProxyDispatcher(apiBaseUrl: string, log: (message: string) => void): Promise<Dispatcher | undefined> {
  try {
    const pac = await session.defaultSession.resolveProxy(apiBaseUrl);
    const proxy = proxyUrlFromPac(pac);
    if (!proxy) return undefined;
    log(`using the system proxy ${new URL(proxy).host}`);
    return new ProxyAgent(proxy);
  } catch (err) {
    log(`could not resolve the system proxy, connecting directly: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
