// Names intake skips without a refusal (OS and Office clutter, hidden files); they are counted, not listed.
const JUNK_NAMES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini', 'ehthumbs.db', '.localized']);

export function isJunkName(name: string): boolean {
  if (JUNK_NAMES.has(name.toLowerCase())) return true;
  if (name.startsWith('~$')) return true; // Office lock files
  if (name.startsWith('.')) return true; // hidden files and folders (incl. AppleDouble ._x)
  return false;
}
