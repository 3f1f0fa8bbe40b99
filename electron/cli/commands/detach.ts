// detach <session> <document-id|path>: takes a document out of the session (the workspace keeps it). A path is found by its sha256.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { hashFile } from '../../core/engine';
import { signedInClient } from '../api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { EXIT, type ExitCode } from '../exit-codes';
import { writeJson } from '../json-output';
import { printable } from '../terminal-text';

export async function detach(ctx: CliContext, cmd: { sessionId: string; what: string }): Promise<ExitCode> {
  const { client } = await signedInClient(ctx);
  const path = resolve(ctx.io.cwd, cmd.what);
  const isFile = (await stat(path).catch(() => null))?.isFile() ?? false;
  const docs = await client.listSessionDocuments(cmd.sessionId);
  let targets;
  if (isFile) {
    const { sha256 } = await hashFile(path);
    targets = docs.filter((d) => d.sha256 === sha256);
    if (targets.length === 0) throw new CliError(`Session ${cmd.sessionId} holds no document with the content of ${path}.`, EXIT.failed, 'not-found');
  } else {
    targets = docs.filter((d) => d.id === cmd.what);
    if (targets.length === 0) throw new CliError(`Session ${cmd.sessionId} holds no document ${cmd.what} (and no such file exists here).`, EXIT.failed, 'not-found');
  }
  for (const d of targets) await client.detachSessionDocument(cmd.sessionId, d.id);
  const detached = targets.map((d) => ({ documentId: d.id, filename: d.filename }));
  if (ctx.json) writeJson(ctx.io.stdout, { sessionId: cmd.sessionId, detached });
  else for (const d of detached) ctx.io.stdout.write(printable(`Detached ${d.documentId}${d.filename ? ` "${d.filename}"` : ''} from session ${cmd.sessionId}.`) + '\n');
  return EXIT.ok;
}
