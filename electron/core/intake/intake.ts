// Intake: turns dropped paths into accepted files (real format known) and refusals with reasons; never throws per file.
// Files are handed on in groups while the walk goes on, so the first ones can be queued (and uploaded) before it ends.
import type { Refusal, SupportedFormat } from '../../../shared/queue';
import { FORMAT_LABEL, FORMAT_MIME, SUPPORTED_EXTENSIONS, extensionOf, formatForExtension } from './formats';
import { sizeRefusal } from './limits';
import { refusal, unreadableWords, unsupportedWords } from './refusal-words';
import { walkPaths, type Candidate } from './scan';
import { asError, readHeads, type Head } from './fs-worker';
import { HEAD_BYTES, sniffFile } from './sniff';

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

/**
 * A group is handed on once it holds this many files, or once it has been gathering for this long: a timer, so the
 * files found go on while the walk waits (a slow folder on a network drive).
 */
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

/** The first bytes of the group's files in one call to the file system thread, then each one's verdict. */
async function sniffGroup(group: Array<{ c: Candidate; claimed: SupportedFormat }>): Promise<Array<AcceptedFile | Refusal>> {
  const heads: Head[] = group.length > 0 ? await readHeads(group.map(({ c }) => ({ path: c.path, length: Math.min(HEAD_BYTES, c.size) }))) : [];
  return Promise.all(
    group.map(async ({ c, claimed }, i) => {
      const head = heads[i] as Head;
      if ('err' in head) return { path: c.path, ...unreadableWords(asError(head.err)) };
      const r = await sniffFile(c.path, claimed, { size: c.size, head: head.bytes });
      if (!r.ok) return refusal(c.path, r.code, r.reason);
      return r.format === claimed ? { ...c, format: r.format } : { ...c, format: r.format, note: renamedNote(c.path, r.format) };
    }),
  );
}

type Outcome = AcceptedFile | Refusal;
/** A file found: refused on its name or size already, or to be sniffed. */
type Found = Refusal | { c: Candidate; claimed: SupportedFormat };
const isRefusal = (o: Outcome | Found): o is Refusal => 'reason' in o;

/**
 * Walks `paths` and hands the accepted files to `onFiles` in walk order, a group at a time, while the walk goes on
 * (a group is sniffed while the walk finds the next); `onFiles` returning false stops the intake. Resolves with the
 * rest once every file found has been handed on.
 */
export async function intakeStream(paths: string[], onFiles: (files: AcceptedFile[]) => boolean | void): Promise<IntakeTally> {
  const refused: Refusal[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let stopped = false;
  let group: Found[] = [];
  let groupTimer: NodeJS.Timeout | null = null;
  let handing: Promise<void> = Promise.resolve();
  let groupsAhead = 0;

  const handOn = async (found: Found[], sniffed: Promise<Outcome[]>): Promise<void> => {
    const verdicts = await sniffed;
    groupsAhead--;
    if (stopped) return;
    const files: AcceptedFile[] = [];
    let k = 0;
    for (const f of found) {
      const o = isRefusal(f) ? f : (verdicts[k++] as Outcome);
      if (isRefusal(o)) refused.push(o);
      else files.push(o);
    }
    if (files.length > 0 && onFiles(files) === false) stopped = true;
  };
  const ship = (): void => {
    if (groupTimer) clearTimeout(groupTimer);
    groupTimer = null;
    const found = group;
    group = [];
    groupsAhead++;
    const sniffed = sniffGroup(found.filter((f): f is Exclude<Found, Refusal> => !isRefusal(f)));
    sniffed.catch(() => undefined); // awaited in turn by handOn; not unhandled meanwhile
    handing = handing.then(() => handOn(found, sniffed));
  };

  const onCandidate = async (c: Candidate): Promise<void> => {
    if (seen.has(c.realPath)) {
      duplicates++;
      return;
    }
    seen.add(c.realPath);
    const pre = precheck(c);
    group.push('reason' in pre ? pre : { c, claimed: pre.claimed });
    if (group.length >= GROUP_MAX) ship();
    else groupTimer ??= setTimeout(ship, GROUP_MS);
    if (groupsAhead > GROUPS_AHEAD) await handing;
  };

  let tally;
  try {
    tally = await walkPaths(paths, onCandidate, { stopped: () => stopped });
  } finally {
    if (groupTimer) clearTimeout(groupTimer);
  }
  if (!stopped && group.length > 0) ship();
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
