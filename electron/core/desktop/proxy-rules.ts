// Turns Chromium's resolveProxy answer ("PROXY host:port; DIRECT") into a proxy URL undici's ProxyAgent understands.

/** The first usable proxy, or null for a direct connection. SOCKS is skipped: undici's ProxyAgent speaks HTTP CONNECT only. */
export function proxyUrlFromPac(pac: string): string | null {
  for (const rule of pac.split(';')) {
    const [kind, hostPort] = rule.trim().split(/\s+/, 2);
    if (!kind) continue;
    const k = kind.toUpperCase();
    if (k === 'DIRECT') return null;
    if ((k === 'PROXY' || k === 'HTTP') && hostPort) return `http://${hostPort}`;
    if (k === 'HTTPS' && hostPort) return `https://${hostPort}`;
  }
  return null;
}
