// `watch --json-lines` against the contract: every event watch prints validates against watchLineSchema
// (electron/cli/json-schema.ts), schemaVersion included. The watch itself is tested in test/integration/watch.
import { describe, expect, it } from 'vitest';
import type { ItemState, QueueItem } from '../../../shared/queue';
import type { CliContext } from '../../../electron/cli/context';
import { watchLineSchema } from '../../../electron/cli/json-schema';
import { watchOutput } from '../../../electron/cli/watch-output';

const target: QueueItem['target'] = { kind: 'session', workspaceId: 1, sessionId: 'S', sessionName: 'S' };
const item = (state: ItemState): QueueItem => ({ id: 'i', path: '/w/a.pdf', name: 'a.pdf', size: 3, format: 'pdf', target, batchId: 'b', addedAt: 0, state });
const status = (kind: 'watching' | 'missing') => ({ folder: kind === 'missing' ? { kind, since: 0 } : { kind }, paused: false, waiting: 0, stored: 0, unchanged: 0, lastFile: null });

describe('watch --json-lines', () => {
  it('prints only events the schema accepts', () => {
    let out = '';
    const ctx = { io: { stdout: { write: (c: string) => (out += c) }, stderr: { write: () => true } }, json: true, jsonLines: true } as unknown as CliContext;
    const w = watchOutput(ctx, '/w', target);
    const done = { status: 'done', sessionId: 'S', documentId: 'D', sha256: 'h', outcome: 'uploaded', documentStatus: 'uploaded', parsings: [] } as unknown as ItemState;
    const failed = { status: 'failed', step: 'attaching', error: { code: 'server', message: 'x' }, documentId: null, sessionId: null } as unknown as ItemState;
    w.event({ type: 'status', status: status('watching') } as never);
    w.event({ type: 'stored', path: '/w/a.pdf', item: item(done), movedTo: null });
    w.event({ type: 'refused', refusal: { path: '/w/n.txt', code: 'unsupported-format', reason: 'Raydocs does not take this kind of file (.txt)' } });
    w.event({ type: 'failed', path: '/w/a.pdf', item: item(failed) });
    w.event({ type: 'move-failed', path: '/w/a.pdf', message: 'EXDEV' });
    w.event({ type: 'status', status: status('missing') } as never);
    w.connectivity({ state: 'offline', since: 0, nextProbeAt: null, message: 'no route' });
    w.connectivity({ state: 'online' });
    w.summary({ stored: 1, unchanged: 0, hashed: 1 });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { event: string });
    expect(lines.map((l) => l.event)).toEqual(['folder', 'stored', 'refused', 'failed', 'move-failed', 'folder', 'offline', 'online', 'summary']);
    for (const l of lines) expect(watchLineSchema.safeParse(l).success, JSON.stringify(l)).toBe(true);
  });
});
