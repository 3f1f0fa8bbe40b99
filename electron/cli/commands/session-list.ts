// sessions list: the sessions this machine used or created, from the CLI's and the desktop app's recents (no API call).
import type { CliContext } from '../context';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatTable } from '../format';
import { writeJson } from '../json-output';
import { listRecentSessions } from '../recents';

export function sessionsList(ctx: CliContext): Promise<ExitCode> {
  const sessions = listRecentSessions(ctx);
  const rows = sessions.map((s) => ({ id: s.id, name: s.name, workspaceId: s.workspaceId === 0 ? null : s.workspaceId, lastUsedAt: new Date(s.lastUsedAt).toISOString(), source: s.source }));
  if (ctx.json) writeJson(ctx.io.stdout, { sessions: rows });
  else if (rows.length === 0) ctx.io.stdout.write('No sessions used on this machine yet. Create one with `raydocs-upload sessions new --template <id>`.\n');
  else ctx.io.stdout.write(formatTable(rows.map((r) => [r.id, r.name, r.workspaceId === null ? '' : String(r.workspaceId), r.lastUsedAt, r.source]), ['SESSION', 'NAME', 'WS', 'LAST USED', 'BY']));
  return Promise.resolve(EXIT.ok);
}
