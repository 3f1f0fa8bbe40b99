// The engine against the API-shape readings (test/emulator/README.md "Variants"): a push finishes and a second push of
// the same files finds them, whatever paginator, serialisation or field names the server uses; lists without sha256
// still let dedup and crash recovery find a document by content.
import { readdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../electron/core/engine';
import { LOOKUP_MIN_BYTES } from '../../../electron/core/engine';
import type { Target } from '../../../shared/queue';
import type { Variant } from '../../emulator/variants';
import { dyingAtAttach, FAST, harness, within, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

const outcomes = (e = h.engine) => e.snapshot().items.map((i) => (i.state.status === 'done' ? i.state.outcome : `${i.state.status}`));
const SHAPES: Variant[] = ['php-empty-arrays', 'simple-pagination', 'cursor-pagination', 'no-sha-in-lists', 'g1-field-names', 'string-workspace-ids', 'vapor-signed-url'];

describe.each(SHAPES)('%s', (variant) => {
  it('a push finishes, and the same files again from a fresh engine are found in the session', async () => {
    h = await harness({ variants: [variant] });
    const folder = h.makeFiles(3);
    await h.engine.add([folder], h.target);
    await within(h.engine.whenIdle(), 20_000, 'first push');
    expect(outcomes()).toEqual(['uploaded', 'uploaded', 'uploaded']);
    await h.engine.close();
    const fresh = h.newEngine({ journalDir: `${h.journalDir}-fresh` });
    await fresh.add([folder], h.target);
    await within(fresh.whenIdle(), 20_000, 'second push');
    expect(outcomes(fresh)).toEqual(['already-in-session', 'already-in-session', 'already-in-session']);
    expect(h.emu.inspect().uploads).toBe(3);
  });
});

describe('no-sha-in-lists', () => {
  it('reads each listed document once for its sha256: a second check of the session costs no more reads', async () => {
    h = await harness({ variants: ['no-sha-in-lists'] });
    const folder = h.makeFiles(3);
    await h.engine.add([folder], h.target);
    await within(h.engine.whenIdle(), 20_000, 'first push');
    const fresh = h.newEngine({ journalDir: `${h.journalDir}-fresh` });
    await fresh.add([folder], h.target);
    await within(fresh.whenIdle(), 20_000, 'second push');
    await fresh.add([h.makeFiles(1)], h.target);
    await within(fresh.whenIdle(), 20_000, 'third push');
    const reads = h.emu.inspect().requests.filter((r) => r.method === 'GET' && /^\/workspaces\/\d+\/documents\/[^/]+$/.test(r.path));
    expect(reads).toHaveLength(3);
  });

  it('content the workspace holds (a file of 4 MiB or more) is found by reading the listed documents, and not uploaded', async () => {
    h = await harness({ variants: ['no-sha-in-lists'] });
    const folder = h.makeFiles(1);
    for (const f of readdirSync(folder)) truncateSync(join(folder, f), LOOKUP_MIN_BYTES + 1024);
    await h.engine.add([folder], h.target);
    await within(h.engine.whenIdle(), 20_000, 'first session');
    const second = await h.client.createSession({ extraction_template_id: h.templateId, name: 'second' });
    const target: Target = { kind: 'session', workspaceId: h.workspaceId, sessionId: second.id, sessionName: 'second' };
    const fresh = h.newEngine({ journalDir: `${h.journalDir}-fresh` });
    await fresh.add([folder], target);
    await within(fresh.whenIdle(), 20_000, 'second session');
    expect(outcomes(fresh)).toEqual(['already-in-workspace']);
    expect(h.emu.inspect().uploads).toBe(1);
  });

  it('after a crash whose attach reached the server, the resumed push finds the files attached: nothing attached twice', async () => {
    h = await harness({ variants: ['no-sha-in-lists'] });
    let died!: () => void;
    const death = new Promise<void>((r) => (died = r));
    const a = createEngine({ ...FAST, client: dyingAtAttach(h.client, () => died()), journalDir: h.journalDir });
    await a.add([h.makeFiles(3)], h.target);
    await within(death, 20_000, 'the first attach');
    await a.close();
    const b = h.newEngine();
    await b.start();
    await within(b.whenIdle(), 20_000, 'the resumed push');
    expect(b.snapshot().items.map((i) => i.state.status)).toEqual(['done', 'done', 'done']);
    const links = h.emu.inspect().attachments.filter((x) => x.sessionId === h.target.sessionId);
    expect(links.map((x) => [x.count, x.duplicates])).toEqual([
      [1, 0],
      [1, 0],
      [1, 0],
    ]);
  });
});
