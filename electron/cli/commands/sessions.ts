// sessions new / sessions show / status: read and create sessions, and show what the server did with the documents.
import { documentParseState, type Session, type WorkspaceDocument } from '../../../shared/api';
import { sessionConfigHash } from '../../../shared/parse-state';
import { signedInClient } from '../api';
import type { CliContext } from '../context';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatBytes, formatTable } from '../format';
import { printable } from '../terminal-text';
import { failureMember, writeJson } from '../json-output';
import { CliError } from '../errors';
import { recordSession } from '../recents';

/** Template ids for `sessions new --template` and `push --one-session-per-file`, per visible workspace. */
export async function templates(ctx: CliContext, opts: { workspaceId: number | null }): Promise<ExitCode> {
  const { client } = await signedInClient(ctx);
  const workspaces = (await client.listWorkspaces()).filter((w) => opts.workspaceId === null || w.id === opts.workspaceId);
  // An empty answer for a workspace the token cannot see would read as "no templates": it is an error.
  if (opts.workspaceId !== null && workspaces.length === 0) {
    throw new CliError(`Workspace ${opts.workspaceId} does not exist, or this token cannot see it (run \`raydocs-upload whoami\` for the ones it sees).`, EXIT.failed, 'not-found');
  }
  const rows: Array<{ workspaceId: number; workspaceName: string; id: string; name: string }> = [];
  for (const w of workspaces) {
    for (const t of await client.listAllTemplates(w.id)) rows.push({ workspaceId: w.id, workspaceName: w.name, id: t.id, name: t.name });
  }
  if (ctx.json) writeJson(ctx.io.stdout, { templates: rows });
  else if (rows.length === 0) ctx.io.stdout.write('No templates visible to this token.\n');
  else ctx.io.stdout.write(formatTable(rows.map((r) => [String(r.workspaceId), r.workspaceName, r.id, r.name]), ['WS', 'WORKSPACE', 'TEMPLATE ID', 'TEMPLATE']));
  return EXIT.ok;
}

export async function sessionsNew(ctx: CliContext, opts: { templateId: string; sessionName: string | null }): Promise<ExitCode> {
  const { client } = await signedInClient(ctx);
  const session = await client.createSession({ extraction_template_id: opts.templateId, ...(opts.sessionName ? { name: opts.sessionName } : {}) });
  // The workspace is not in the answer; 0 stands for "not known" in the list of sessions this machine used.
  recordSession(ctx, { id: session.id, workspaceId: 0, name: session.name });
  if (ctx.json) writeJson(ctx.io.stdout, { id: session.id, name: session.name, templateId: opts.templateId });
  else {
    // stdout is the id alone, so SESSION=$(raydocs-upload sessions new …) works; the sentence is for the person.
    ctx.io.stdout.write(`${session.id}\n`);
    ctx.io.stderr.write(printable(`Created session ${session.id}${session.name ? ` "${session.name}"` : ''}.`) + '\n');
  }
  return EXIT.ok;
}

/** `configHash`: the session's (its newest result's); each document is judged by its parsing for it, else its newest. */
function documentRows(docs: WorkspaceDocument[], configHash: string | null): string[][] {
  return docs.map((d) => [d.filename || d.id, d.size === null ? '' : formatBytes(d.size), d.status, documentParseState(d, configHash)]);
}

function sessionJson(s: Session) {
  const configHash = sessionConfigHash(s.results);
  return {
    id: s.id,
    name: s.name,
    templateId: s.extraction_template_id,
    status: s.status,
    documents: s.documents.map((d) => ({ id: d.id, filename: d.filename, size: d.size, sha256: d.sha256, status: d.status, parseState: documentParseState(d, configHash) })),
    results: s.results.map((r) => ({ id: r.id, status: r.status, createdAt: r.created_at })),
  };
}

export async function sessionsShow(ctx: CliContext, opts: { sessionId: string }): Promise<ExitCode> {
  const { client } = await signedInClient(ctx);
  const s = await client.getSession(opts.sessionId);
  if (ctx.json) {
    writeJson(ctx.io.stdout, sessionJson(s));
    return EXIT.ok;
  }
  const out = ctx.io.stdout;
  // Every value is the server's: shown without control characters.
  const field = (label: string, value: string | null): string => `${label.padEnd(10)}${printable(value ?? '-')}\n`;
  out.write(field('Session', s.id) + field('Name', s.name) + field('Template', s.extraction_template_id) + field('Status', s.status));
  out.write(`\nDocuments (${s.documents.length})\n`);
  if (s.documents.length > 0) out.write(formatTable(documentRows(s.documents, sessionConfigHash(s.results)), ['FILE', 'SIZE', 'STATUS', 'PARSING']));
  out.write(`\nExtraction results (${s.results.length})\n`);
  if (s.results.length > 0) out.write(formatTable(s.results.map((r) => [r.id, r.status, r.created_at ?? '']), ['RESULT', 'STATUS', 'CREATED']));
  return EXIT.ok;
}

/** Documents in the session and how far parsing got; exit 1 if any failed to parse. */
export async function status(ctx: CliContext, opts: { sessionId: string }): Promise<ExitCode> {
  const { client } = await signedInClient(ctx);
  const docs = await client.listSessionDocuments(opts.sessionId);
  const configHash = sessionConfigHash(await client.listResults(opts.sessionId));
  const states = docs.map((d) => documentParseState(d, configHash));
  const counts = { ready: 0, 'in-progress': 0, failed: 0 };
  for (const st of states) counts[st]++;
  if (ctx.json) {
    writeJson(ctx.io.stdout, {
      sessionId: opts.sessionId,
      counts,
      documents: docs.map((d, i) => ({ id: d.id, filename: d.filename, status: d.status, parseState: states[i], parsings: d.parsings })),
      ...failureMember(counts.failed > 0 ? EXIT.failed : EXIT.ok, `${counts.failed} document${counts.failed === 1 ? '' : 's'} could not be parsed.`, 'files-failed'),
    });
  } else {
    if (docs.length > 0) ctx.io.stdout.write(formatTable(documentRows(docs, configHash), ['FILE', 'SIZE', 'STATUS', 'PARSING']) + '\n');
    ctx.io.stdout.write(`${docs.length} document${docs.length === 1 ? '' : 's'}: ${counts.ready} parsed, ${counts['in-progress']} in progress, ${counts.failed} failed\n`);
  }
  return counts.failed > 0 ? EXIT.failed : EXIT.ok;
}
