// What `watch` says: a line per stored, refused or failed file and per change of the folder or the network, in words
// on a terminal, or one JSON event a line (--json / --json-lines) for pipelines and logs.
import { basename } from 'node:path';
import { wasUploaded, type Connectivity, type Target } from '../../shared/queue';
import type { FolderState } from '../core/watch/folder-watch';
import type { WatchEvent } from '../core/watch/watch-runner';
import type { CliContext } from './context';
import { jsonText } from './json-output';
import { targetLabel } from './push-output';
import { withCode } from './refusal-codes';
import { printable } from './terminal-text';

export interface WatchOutput {
  event(e: WatchEvent): void;
  connectivity(c: Connectivity): void;
  /** At the end: what this run stored, skipped as already stored (no hashing), and hashed. */
  summary(s: { stored: number; unchanged: number; hashed: number }): void;
}

export function watchOutput(ctx: CliContext, folder: string, target: Target): WatchOutput {
  const { io } = ctx;
  const line = (text: string): void => void io.stdout.write(`${printable(text)}\n`);
  const note = (text: string): void => void io.stderr.write(`${printable(text)}\n`);
  const json = (value: object): void => void io.stdout.write(jsonText(value));
  let folderKind: FolderState['kind'] | null = null;
  let online = true;

  function folderChanged(s: FolderState, stored: number, unchanged: number): void {
    if (s.kind === folderKind || s.kind === 'starting') return;
    const first = folderKind === null;
    folderKind = s.kind;
    if (ctx.json) return json({ event: 'folder', state: s.kind, folder });
    if (s.kind === 'watching') note(first ? `Watching ${folder} for ${targetLabel(target)} (${unchanged + stored} already stored). Press Ctrl-C to stop.` : `${folder} is back: watching again.`);
    else if (s.kind === 'missing') note(`Folder missing: ${folder} (unmounted or deleted). Waiting for it to come back.`);
    else if (s.kind === 'error') note(`Cannot watch ${folder}: ${s.message}`);
  }

  return {
    event(e) {
      switch (e.type) {
        case 'stored': {
          const s = e.item.state;
          if (s.status !== 'done') return;
          if (ctx.json) return json({ event: 'stored', path: e.path, name: e.item.name, sessionId: s.sessionId, documentId: s.documentId, uploaded: wasUploaded(s.outcome), movedTo: e.movedTo });
          return line(`stored  ${e.item.name}${e.movedTo ? `  (moved to ${e.movedTo})` : ''}`);
        }
        case 'refused': {
          const r = withCode(e.refusal);
          if (ctx.json) return json({ event: 'refused', ...r });
          return note(`refused ${basename(r.path)}: ${r.reason}`);
        }
        case 'failed': {
          const s = e.item.state;
          const why = s.status === 'failed' ? s.error.message : 'cancelled';
          if (ctx.json) return json({ event: 'failed', path: e.path, code: s.status === 'failed' ? s.error.code : 'cancelled', message: why });
          return note(`failed  ${e.item.name}: ${why}`);
        }
        case 'move-failed':
          if (ctx.json) return json({ event: 'move-failed', path: e.path, message: e.message });
          return note(`Stored, but could not move ${basename(e.path)} into Uploaded/: ${e.message}`);
        case 'status':
          return folderChanged(e.status.folder, e.status.stored, e.status.unchanged);
      }
    },
    connectivity(c) {
      const now = c.state === 'online';
      if (now === online || c.state === 'signed-out') return;
      online = now;
      if (ctx.json) return json({ event: now ? 'online' : 'offline', ...(c.state === 'offline' ? { message: c.message } : {}) });
      note(c.state === 'offline' ? `Offline (${c.message}). Files keep being collected; uploads resume by themselves.` : 'Back online: catching up.');
    },
    summary(s) {
      if (ctx.json) return json({ event: 'summary', ...s });
      note(`This run stored ${s.stored} file${s.stored === 1 ? '' : 's'}; ${s.unchanged} already stored were skipped without reading them.`);
    },
  };
}
