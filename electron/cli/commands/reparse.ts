// reparse <session> [--failed]: asks Raydocs to parse the session's documents again, with the session's config hash.
import { documentParseState } from '../../../shared/api';
import { sessionConfigHash } from '../../../shared/parse-state';
import { nothingToReparse, parsingsOf, reparseConfigHash } from '../../core/engine';
import { signedInClient } from '../api';
import type { CliContext } from '../context';
import { describeError } from '../describe-error';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatTable } from '../format';
import { failureMember, writeJson } from '../json-output';
import { workspaceOfTemplate } from '../workspace-of';

interface ReparseRow {
  documentId: string;
  filename: string | null;
  outcome: 'requested' | 'skipped' | 'failed';
  message: string | null;
}

export async function reparse(ctx: CliContext, cmd: { sessionId: string; failedOnly: boolean }): Promise<ExitCode> {
  const { client } = await signedInClient(ctx);
  const session = await client.getSession(cmd.sessionId);
  const workspaceId = session.extraction_template_id ? await workspaceOfTemplate(client, await client.getTemplate(session.extraction_template_id)) : null;
  const sessionHash = sessionConfigHash(session.results);
  const docs = session.documents.filter((d) => !cmd.failedOnly || documentParseState(d, sessionHash) === 'failed');
  const rows: ReparseRow[] = [];
  for (const d of docs) {
    const name = d.filename || d.id;
    const hash = reparseConfigHash(parsingsOf(d), sessionHash);
    if (!hash || workspaceId === null) {
      rows.push({ documentId: d.id, filename: d.filename, outcome: 'skipped', message: nothingToReparse(name).replace(/ Choose Run extraction.*$/, ' Run `raydocs-upload extract` instead.') });
      continue;
    }
    try {
      await client.reparseDocument(workspaceId, d.id, { config_hash: hash });
      rows.push({ documentId: d.id, filename: d.filename, outcome: 'requested', message: null });
    } catch (err) {
      const e = describeError(err, ctx.apiUrl);
      // A refusal that is the same for every document (token, network) stops here rather than once per document.
      if (e.exitCode !== EXIT.failed) throw err;
      rows.push({ documentId: d.id, filename: d.filename, outcome: 'failed', message: e.message });
    }
  }
  const failed = rows.filter((r) => r.outcome === 'failed').length;
  const exitCode = failed > 0 ? EXIT.failed : EXIT.ok;
  if (ctx.json) {
    writeJson(ctx.io.stdout, { sessionId: cmd.sessionId, failedOnly: cmd.failedOnly, documents: rows, exitCode, ...failureMember(exitCode, failed === 1 ? '1 reparse request was refused.' : `${failed} reparse requests were refused.`, 'files-failed') });
    return exitCode;
  }
  if (rows.length === 0) ctx.io.stdout.write(cmd.failedOnly ? 'No document of this session failed to parse: nothing to reparse.\n' : 'The session holds no documents.\n');
  else {
    // The file is in its own column, so its name does not open the reason again.
    const why = (r: ReparseRow) => (r.message ?? '').replace(`${r.filename || r.documentId}: `, '');
    ctx.io.stdout.write(formatTable(rows.map((r) => [r.filename || r.documentId, r.outcome, why(r)]), ['FILE', 'REPARSE', 'WHY']));
  }
  return exitCode;
}
