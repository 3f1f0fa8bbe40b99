// Intake: turns dropped paths into accepted files (format known) and refusals with reasons; never throws per file.
import type { Refusal, SupportedFormat } from '../../../shared/queue';
import { mapLimit } from '../map-limit';
import { SUPPORTED_EXTENSIONS, extensionOf, formatForExtension } from './formats';
import { scanPaths, type Candidate } from './scan';
import { sniffFile } from './sniff';

export interface AcceptedFile extends Candidate {
  format: SupportedFormat;
}

export interface IntakeResult {
  accepted: AcceptedFile[];
  /** Same real file given twice in this call. */
  duplicates: number;
  skipped: number;
  refused: Refusal[];
}

const SNIFF_CONCURRENCY = 16;

export async function intakePaths(paths: string[]): Promise<IntakeResult> {
  const scan = await scanPaths(paths);
  const refused: Refusal[] = [...scan.refused];
  const seen = new Set<string>();
  let duplicates = 0;
  const toSniff: Array<{ c: Candidate; format: SupportedFormat }> = [];
  for (const c of scan.files) {
    if (seen.has(c.realPath)) {
      duplicates++;
      continue;
    }
    seen.add(c.realPath);
    const format = formatForExtension(c.path);
    if (!format) {
      const ext = extensionOf(c.path);
      refused.push({
        path: c.path,
        reason: `unsupported format${ext ? ` .${ext}` : ' (no extension)'}: Raydocs accepts ${SUPPORTED_EXTENSIONS.map((e) => `.${e}`).join(', ')}`,
      });
      continue;
    }
    toSniff.push({ c, format });
  }
  const results = await mapLimit(toSniff, SNIFF_CONCURRENCY, async ({ c, format }): Promise<AcceptedFile | Refusal> => {
    const r = await sniffFile(c.path, format);
    return r.ok ? { ...c, format } : { path: c.path, reason: r.reason };
  });
  const accepted: AcceptedFile[] = [];
  for (const r of results) {
    if ('reason' in r) refused.push(r);
    else accepted.push(r);
  }
  return { accepted, duplicates, skipped: scan.skipped, refused };
}
