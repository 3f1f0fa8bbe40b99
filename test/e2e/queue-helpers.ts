// Helpers of the queue specs: a session opened as the target by its link (the picker's "Paste a link" tab),
// and N small PDFs written into a folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The picker is always tabs now, so this is fixtures' openNewSession (which requires the "Paste a link" tab), by
// the name the queue specs use.
export { openNewSession as openSessionByLink } from './fixtures';

/** Each file's content is its own (no two deduplicate); `bytes` pads them so a slow link keeps them uploading. */
export function writePdfs(dir: string, count: number, prefix: string, bytes = 0): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const p = join(dir, `${prefix}-${String(i).padStart(5, '0')}.pdf`);
    writeFileSync(p, `%PDF-1.7\n${prefix} ${i}\n${' '.repeat(bytes)}%%EOF\n`);
    return p;
  });
}
