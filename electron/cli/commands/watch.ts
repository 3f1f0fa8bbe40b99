// watch: a folder feeds one session (or a new session per file) until Ctrl-C; every settled file is stored exactly once,
// and a restart (even after kill -9) picks up where it was: the journal resumes, the path index skips what is stored.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Target } from '../../../shared/queue';
import { createEngine, realClock, targetKey } from '../../core/engine';
import { openPathIndex } from '../../core/watch/path-index';
import { startWatch } from '../../core/watch/watch-runner';
import { signedInClient } from '../api';
import { DEFAULT_OFFLINE_TIMEOUT_SECONDS } from '../args';
import type { CliContext } from '../context';
import { EXIT, type ExitCode } from '../exit-codes';
import { lockJournal } from '../journal-lock';
import { withPatience } from '../patience';
import { openPerFileMemory } from '../per-file-memory';
import { recordSession } from '../recents';
import { printable } from '../terminal-text';
import type { WatchCommand } from '../watch-args';
import { watchOutput } from '../watch-output';
import { resolveTarget, sameTarget } from './push';

/** One index per folder and target: watching the same folder for another session starts from nothing. */
function watchId(folder: string, target: Target): string {
  return createHash('sha256').update(`${folder}\n${targetKey(target)}`).digest('hex').slice(0, 16);
}

/** Finished items are indexed already; clearing them keeps a watch that runs for weeks as small as its backlog. */
const CLEAR_FINISHED_MS = 5000;

export async function watch(ctx: CliContext, cmd: WatchCommand): Promise<ExitCode> {
  const { io } = ctx;
  const folder = resolve(io.cwd, cmd.folder);
  const api = await signedInClient(ctx);
  const target = await withPatience(() => resolveTarget(api.client, cmd.target), {
    timeoutMs: DEFAULT_OFFLINE_TIMEOUT_SECONDS * 1000,
    onWait: (err) => io.stderr.write(printable(`Waiting for ${ctx.apiUrl} (${err.message}).`) + '\n'),
  });
  if (target.kind === 'session') recordSession(ctx, { id: target.sessionId, workspaceId: target.workspaceId, name: target.sessionName });

  const lock = await lockJournal(ctx.journalDir);
  const memory = openPerFileMemory(ctx.journalDir);
  const engine = createEngine({
    client: api.client,
    journalDir: ctx.journalDir,
    scope: (t) => sameTarget(t, target),
    oneUploadUntilAttached: true,
    // A one-per-file file stored before a kill but not yet indexed goes to the session it made, never a second one.
    knownContent: memory.known,
    ...(cmd.concurrency ? { concurrency: cmd.concurrency } : {}),
  });
  const id = watchId(folder, target);
  const index = openPathIndex(join(ctx.journalDir, 'watch', `${id}.jsonl`));
  const out = watchOutput(ctx, folder, target);
  let clearTimer: NodeJS.Timeout | null = null;
  let stop: (why: 'interrupted' | 'signed-out', message?: string) => void = () => undefined;
  const stopped = new Promise<{ why: 'interrupted' | 'signed-out'; message?: string }>((done) => {
    stop = (why, message) => done({ why, ...(message ? { message } : {}) });
  });
  const stopInterrupt = io.onInterrupt(() => stop('interrupted'));
  // Hashes this run made, counted from the engine's events: a restart should hash only files not yet stored.
  const hashed = new Set<string>();
  const unsubscribe = engine.on((e) => {
    if (e.type === 'hashed') hashed.add(e.path);
    if (e.type === 'items' && memory.learn(e.items)) memory.save();
    if (e.type !== 'summary') return;
    const c = e.summary.connectivity;
    if (c.state === 'signed-out') stop('signed-out', c.message);
    else out.connectivity(c);
  });
  try {
    await engine.start();
    const runner = startWatch({
      config: { folder, target, recursive: cmd.recursive, settleMs: cmd.settleMs, after: cmd.after, usePolling: cmd.poll },
      engine,
      index,
      clock: realClock,
      origin: `watch:${id}`,
      onEvent(e) {
        out.event(e);
        if (e.type === 'stored') clearTimer ??= setTimeout(() => ((clearTimer = null), engine.clearFinished()), CLEAR_FINISHED_MS);
      },
    });
    const end = await stopped;
    await runner.close();
    const { stored, unchanged } = runner.status();
    out.summary({ stored, unchanged, hashed: hashed.size });
    if (end.why === 'signed-out') {
      const fromEnv = Boolean(io.env.RAYDOCS_TOKEN?.trim());
      const fix = fromEnv ? 'Set RAYDOCS_TOKEN to a valid token' : 'Run `raydocs-upload login`';
      io.stderr.write(printable(`${fromEnv ? 'The token in RAYDOCS_TOKEN' : 'The token'} was refused (401) by ${ctx.apiUrl}: it is invalid, expired or revoked. ${fix}, then start the watch again: it resumes where it stopped.`) + '\n');
      return EXIT.auth;
    }
    if (!ctx.json) io.stderr.write('Stopped. Start the same watch again to carry on where it was.\n');
    return EXIT.ok;
  } finally {
    if (clearTimer) clearTimeout(clearTimer);
    stopInterrupt();
    unsubscribe();
    await engine.close();
    index.close();
    await lock.release();
  }
}
