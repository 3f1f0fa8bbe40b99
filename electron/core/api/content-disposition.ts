// The filename a download's Content-Disposition suggests, reduced to a bare, printable file name (never a path).

/** `filename*=UTF-8''…` (RFC 6266/5987) wins over `filename="…"`; null when neither is usable. */
export function dispositionFilename(header: string | string[] | undefined): string | null {
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  let name: string | null = null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(text);
  if (extended) {
    try {
      name = decodeURIComponent(extended[2]!.trim());
    } catch {
      name = null;
    }
  }
  if (name === null) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(text);
    if (plain) name = (plain[1] ?? plain[2] ?? '').replace(/\\(.)/g, '$1').trim();
  }
  if (name === null) return null;
  // A server must not choose a folder: keep the last path segment, drop control characters.
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\x00-\x1f\x7f]/g, '').trim();
  return base === '' || base === '.' || base === '..' ? null : base;
}
