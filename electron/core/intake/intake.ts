// Intake: turns dropped paths into accepted files (real format known) and refusals with reasons; never throws per file.
// Files are handed on in groups while the walk goes on, so the first ones can be queued (and uploaded) before it ends.
import type { Refusal, SupportedFormat } from '../../../shared/queue';
import { createLimiter } from '../map-limit';
import { FORMAT_LABEL, FORMAT_MIME, SUPPORTED_EXTENSIONS, extensionOf, formatForExtension } from './formats';
import { sizeRefusal } from './limits';
import { refusal, unsupportedWords } from './refusal-words';
import { walkPaths, type Candidate } from './scan';
import { sniffFile } from './sniff';

export interface AcceptedFile extends Candidate {
  /** What the content is (magic bytes), which the upload's content type follows. */
  format: SupportedFormat;
  /** Set when the extension named another supported format than the content is. */
  note?: string;
}

/** Everything but the accepted files, which went to the caller group by group. */
export interface IntakeTally {
  /** Same real file given twice in this call. */
  duplicates: number;
  skipped: number;
  /** Links inside a dropped folder that lead out of it, skipped. */
  linksOutside: number;
  /** The walk's own (unreadable folders, devices), then the files', each in walk order. */
  refused: Refusal[];
  /** The caller asked to stop: the files not reached yet were not looked at. */
  stopped: boolean;
}

export interface IntakeResult extends Omit<IntakeTally, 'stopped'> {
  accepted: AcceptedFile[];
}

/** Files sniffed at once (one open, one read of the head, one close each). */
const SNIFF_CONCURRENCY = 16;
/** A group is handed on once it holds this many files, or once it has been gathering for this long. */
const GROUP_MAX = 1000;
const GROUP_MS = 20;
/** Groups found but not yet handed on before the walk waits: bounds what is held in memory ahead of the sniffs. */
const GROUPS_AHEAD = 2;

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
  // The scan saw a regular file of this size: the sniff need not stat it again.
  const r = await sniffFile(c.path, claimed, { size: c.size });
  if (!r.ok) return refusal(c.path, r.code, r.reason);
  return r.format === claimed ? { ...c, format: r.format } : { ...c, format: r.format, note: renamedNote(c.path, r.format) };
}

type Outcome = AcceptedFile | Refusal;
const isRefusal = (o: Outcome): o is Refusal => 'reason' in o;

/**
 * Walks `paths` and hands the accepted files to `onFiles` in walk order, a group at a time, while the walk goes on;
 * `onFiles` returning false stops the intake. Resolves with the rest once every file found has been handed on.
 */
export async function intakeStream(paths: string[], onFiles: (files: AcceptedFile[]) => boolean | void): Promise<IntakeTally> {
  const sniffs = createLimiter(SNIFF_CONCURRENCY);
  const refused: Refusal[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let stopped = false;
  let group: Array<Outcome | Promise<Outcome>> = [];
  let groupSince = performance.now();
  let handing: Promise<void> = Promise.resolve();
  let groupsAhead = 0;

  const handOn = async (outcomes: Array<Outcome | Promise<Outcome>>): Promise<void> => {
    const settled = await Promise.all(outcomes);
    groupsAhead--;
    if (stopped) return;
    const files: AcceptedFile[] = [];
    for (const o of settled) {
      if (isRefusal(o)) refused.push(o);
      else files.push(o);
    }
    if (files.length > 0 && onFiles(files) === false) stopped = true;
  };
  const ship = (): void => {
    const outcomes = group;
    group = [];
    groupSince = performance.now();
    groupsAhead++;
    const prev = handing;
    handing = prev.then(() => handOn(outcomes));
  };

  const onCandidate = async (c: Candidate): Promise<void> => {
    if (seen.has(c.realPath)) {
      duplicates++;
      return;
    }
    seen.add(c.realPath);
    const pre = precheck(c);
    group.push('reason' in pre ? pre : sniffs(() => sniffCandidate(c, pre.claimed)));
    if (group.length >= GROUP_MAX || performance.now() - groupSince >= GROUP_MS) ship();
    if (groupsAhead > GROUPS_AHEAD) await handing;
  };

  const tally = await walkPaths(paths, onCandidate, { stopped: () => stopped });
  if (!stopped) ship();
  await handing;
  // The walk's own refusals come first, as they always did.
  return { duplicates, skipped: tally.skipped, linksOutside: tally.linksOutside, refused: [...tally.refused, ...refused], stopped };
}

/** The whole intake at once (the CLI's dry run, tests): every accepted file in one list. */
export async function intakePaths(paths: string[]): Promise<IntakeResult> {
  const accepted: AcceptedFile[] = [];
  const t = await intakeStream(paths, (files) => {
    for (const f of files) accepted.push(f);
  });
  return { accepted, duplicates: t.duplicates, skipped: t.skipped, linksOutside: t.linksOutside, refused: t.refused };
}
