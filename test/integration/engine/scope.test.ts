// A run's own work: scope holds other targets' journaled items untouched.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compactJournal } from '../../../electron/core/engine/journal-writes';
import { openJournal } from '../../../electron/core/engine/journal';
import type { Runtime } from '../../../electron/core/engine/runtime';
import type { PersistedWork } from '../../../electron/core/engine/work';
import type { QueueItem, Target } from '../../../shared/queue';
import { harness, within, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

const failures = (items: QueueItem[]): string[] => items.map((i) => (i.state.status === 'failed' ? i.state.error.code : i.state.status));
const journalLines = (dir: string): string[] => readFileSync(join(dir, 'queue.jsonl'), 'utf8').split('\n').filter(Boolean);

describe('scope', () => {
  it('leaves other targets’ journaled items unloaded, unstarted and unchanged, and lists them as held', async () => {
    h = await harness();
    const other = await h.client.createSession({ extraction_template_id: h.templateId, name: 'other' });
    const otherTarget: Target = { ...h.target, sessionId: other.id, sessionName: other.name };
    const journalDir = `${h.journalDir}-scoped`;
    // An earlier run left three files for `other` and two for ours, unfinished (paused before anything ran).
    const first = h.newEngine({ journalDir });
    first.pause();
    await first.add([h.makeFiles(3, 'other')], otherTarget);
    await first.add([h.makeFiles(2, 'ours')], h.target);
    await first.close();
    const otherLines = journalLines(journalDir).filter((l) => l.includes(other.id));

    const scoped = h.newEngine({ journalDir, scope: (t) => t.kind === 'session' && t.sessionId === h.target.sessionId });
    await scoped.start();
    expect(scoped.snapshot().items.map((i) => i.target.kind === 'session' && i.target.sessionId)).toEqual([h.target.sessionId, h.target.sessionId]);
    expect(scoped.held().map((i) => [i.target.kind === 'session' && i.target.sessionId, i.state.status])).toEqual(Array(3).fill([other.id, 'paused']));
    scoped.resume();
    await within(scoped.whenIdle(), 20_000, 'our two files');
    expect(failures(scoped.snapshot().items)).toEqual(['done', 'done']);
    scoped.remove(scoped.snapshot().items.map((i) => i.id));
    await scoped.close();
    expect(h.emu.inspect().uploads).toBe(2);
    expect(h.emu.inspect().attachments.filter((a) => a.sessionId === other.id)).toEqual([]);
    // Not a byte of theirs changed.
    expect(journalLines(journalDir).filter((l) => l.includes(other.id))).toEqual(otherLines);

    const all = h.newEngine({ journalDir });
    await all.start();
    expect(all.snapshot().items.map((i) => i.state.status)).toEqual(['paused', 'paused', 'paused']);
    expect(all.held()).toEqual([]);
  });

  it('compaction keeps the held records', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scope-compact-'));
    try {
      const journal = openJournal<PersistedWork>(dir);
      const held = new Map([['x', { item: { id: 'x' } } as unknown as PersistedWork]]);
      const rt = { journal, held, store: { works: new Map() } } as unknown as Runtime;
      compactJournal(rt);
      journal.close();
      expect(journalLines(dir)).toEqual([JSON.stringify({ t: 'put', id: 'x', v: { item: { id: 'x' } } })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
