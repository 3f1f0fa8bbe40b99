// check <session> <paths…>: like `rclone check`, local files against the session's documents by sha256. Exit 0 only when all match.
import { resolve } from 'node:path';
import { hashFile } from '../../core/engine';
import { intakePaths } from '../../core/intake/intake';
import { unreadableWords } from '../../core/intake/refusal-words';
import { mapLimit } from '../../core/map-limit';
import { signedInClient } from '../api';
import type { FileFilter } from '../args';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatTable } from '../format';
import { failureMember, writeJson } from '../json-output';
import { readFilesFrom, selectFiles } from '../select-files';
import { withCode } from '../refusal-codes';
import { printable } from '../terminal-text';

const HASH_CONCURRENCY = 4;

export async function check(ctx: CliContext, cmd: { sessionId: string; paths: string[]; filesFrom: string | null; filter: FileFilter; skipUnsupported: boolean }): Promise<ExitCode> {
  const { io } = ctx;
  const given = cmd.paths.map((p) => resolve(io.cwd, p));
  if (cmd.filesFrom) given.push(...(await readFilesFrom(cmd.filesFrom, io.stdin, io.cwd)));
  if (given.length === 0) throw new CliError(`--files-from ${cmd.filesFrom} named no file.`, EXIT.usage);
  const { client } = await signedInClient(ctx);
  const docs = await client.listSessionDocuments(cmd.sessionId);
  const selection = await selectFiles(given, cmd.filter);
  // --skip-unsupported, as push takes it: a file push would not upload for its format is listed, not a difference.
  const unsupported = cmd.skipUnsupported ? (await intakePaths(selection.files)).refused.map(withCode).filter((r) => r.code === 'unsupported-format') : [];
  const skipped = new Set(unsupported.map((r) => r.path));
  const local = await mapLimit(selection.files.filter((p) => !skipped.has(p)), HASH_CONCURRENCY, async (path) => {
    try {
      return { path, sha256: (await hashFile(path)).sha256, error: null };
    } catch (err) {
      return { path, sha256: null, error: unreadableWords(err).reason };
    }
  });
  const bySha = new Map<string, typeof docs>();
  for (const d of docs) if (d.sha256) bySha.set(d.sha256, [...(bySha.get(d.sha256) ?? []), d]);
  const localShas = new Set(local.map((f) => f.sha256).filter((x): x is string => x !== null));

  const matched = local.filter((f) => f.sha256 && bySha.has(f.sha256)).map((f) => ({ path: f.path, sha256: f.sha256!, documentId: bySha.get(f.sha256!)![0]!.id }));
  const missing = local.filter((f) => f.sha256 && !bySha.has(f.sha256)).map((f) => ({ path: f.path, sha256: f.sha256! }));
  const unreadable = [...selection.refused, ...local.filter((f) => f.error !== null).map((f) => ({ path: f.path, reason: f.error! }))].map((r) => ({ path: r.path, reason: r.reason }));
  const onlyInSession = docs.filter((d) => !d.sha256 || !localShas.has(d.sha256)).map((d) => ({ documentId: d.id, filename: d.filename, sha256: d.sha256 }));

  const differences = missing.length + onlyInSession.length + unreadable.length;
  const exitCode = differences === 0 ? EXIT.ok : EXIT.failed;
  const summary = `${matched.length} matching, ${missing.length} missing from the session, ${onlyInSession.length} only in the session${unreadable.length ? `, ${unreadable.length} unreadable` : ''}${unsupported.length ? `, ${unsupported.length} skipped as unsupported` : ''}`;
  if (ctx.json) {
    writeJson(io.stdout, { sessionId: cmd.sessionId, matched, missing, onlyInSession, unreadable, unsupported, counts: { matched: matched.length, missing: missing.length, onlyInSession: onlyInSession.length, unreadable: unreadable.length }, exitCode, ...failureMember(exitCode, `${summary}.`, 'mismatch') });
    return exitCode;
  }
  if (missing.length) io.stdout.write(`Missing from the session (not uploaded):\n${missing.map((f) => `  ${printable(f.path)}\n`).join('')}\n`);
  if (onlyInSession.length) io.stdout.write(`Only in the session (no local file has this content):\n${formatTable(onlyInSession.map((d) => [d.documentId, d.filename ?? '']), ['DOCUMENT', 'NAME'])}\n`);
  if (unreadable.length) io.stdout.write(`Could not be read:\n${formatTable(unreadable.map((u) => [u.path, u.reason]), ['FILE', 'REASON'])}\n`);
  if (unsupported.length) io.stdout.write(`Skipped, unsupported format (--skip-unsupported):\n${unsupported.map((u) => `  ${printable(u.path)}\n`).join('')}\n`);
  io.stdout.write(`${differences === 0 ? 'All match' : 'Differences'}: ${summary}.\n`);
  return exitCode;
}
