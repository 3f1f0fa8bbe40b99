// Intake: turns dropped paths into accepted files (real format known) and refusals with reasons; never throws per file.
import type { Refusal, SupportedFormat } from '../../../shared/queue';
import { mapLimit } from '../map-limit';
import { FORMAT_LABEL, FORMAT_MIME, SUPPORTED_EXTENSIONS, extensionOf, formatForExtension } from './formats';
import { sizeRefusal } from './limits';
import { refusal, unsupportedWords } from './refusal-words';
import { scanPaths, type Candidate } from './scan';
import { sniffFile } from './sniff';

export interface AcceptedFile extends Candidate {
  /** What the content is (magic bytes), which the upload's content type follows. */
  format: SupportedFormat;
  /** Set when the extension named another supported format than the content is. */
  note?: string;
}

export interface IntakeResult {
  accepted: AcceptedFile[];
  /** Same real file given twice in this call. */
  duplicates: number;
  skipped: number;
  /** Links inside a dropped folder that lead out of it, skipped. */
  linksOutside: number;
  refused: Refusal[];
}

const SNIFF_CONCURRENCY = 16;

/** "a PNG image named .jpg: uploaded as image/png". */
function renamedNote(path: string, real: SupportedFormat): string {
  return `${FORMAT_LABEL[real]} named .${extensionOf(path)}: uploaded as ${FORMAT_MIME[real]}`;
}

/** Extension and size are known from the scan: both are checked before a byte of the file is read. */
function precheck(c: Candidate): { claimed: SupportedFormat } | Refusal {
  const claimed = formatForExtension(c.path);
  if (!claimed) return refusal(c.path, 'unsupported-format', unsupportedWords(extensionOf(c.path), SUPPORTED_EXTENSIONS));
  const tooLarge = sizeRefusal(c.size);
  if (tooLarge) return refusal(c.path, 'too-large', tooLarge);
  return { claimed };
}

async function sniffCandidate(c: Candidate, claimed: SupportedFormat): Promise<AcceptedFile | Refusal> {
  const r = await sniffFile(c.path, claimed);
  if (!r.ok) return refusal(c.path, r.code, r.reason);
  return r.format === claimed ? { ...c, format: r.format } : { ...c, format: r.format, note: renamedNote(c.path, r.format) };
}

export async function intakePaths(paths: string[]): Promise<IntakeResult> {
  const scan = await scanPaths(paths);
  const refused: Refusal[] = [...scan.refused];
  const seen = new Set<string>();
  let duplicates = 0;
  const toSniff: Array<{ c: Candidate; claimed: SupportedFormat }> = [];
  for (const c of scan.files) {
    if (seen.has(c.realPath)) {
      duplicates++;
      continue;
    }
    seen.add(c.realPath);
    const pre = precheck(c);
    if ('reason' in pre) refused.push(pre);
    else toSniff.push({ c, claimed: pre.claimed });
  }
  const results = await mapLimit(toSniff, SNIFF_CONCURRENCY, ({ c, claimed }) => sniffCandidate(c, claimed));
  const accepted: AcceptedFile[] = [];
  for (const r of results) {
    if ('reason' in r) refused.push(r);
    else accepted.push(r);
  }
  return { accepted, duplicates, skipped: scan.skipped, linksOutside: scan.linksOutside, refused };
}
