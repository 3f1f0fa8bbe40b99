// Seed data: stable ids per seed, and the richer `--demo` world.
import { describe, expect, it } from 'vitest';
import { startEmulator } from './index';
import { api } from './test-helpers';

describe('seed', () => {
  it('draws the same ids for the same seed and different ones for another', async () => {
    const [a, b, c] = await Promise.all([startEmulator({ seed: 11 }), startEmulator({ seed: 11 }), startEmulator({ seed: 12 })]);
    try {
      expect(b.seed).toEqual(a.seed);
      expect(c.seed.workspaces[0]!.templates[0]!.id).not.toBe(a.seed.workspaces[0]!.templates[0]!.id);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('--demo adds a workspace, sessions, and a session with parsed documents (one failed) and a completed run', async () => {
    const e = await startEmulator({ demoSeed: true });
    try {
      expect(e.seed.workspaces.map((w) => w.id)).toEqual([1, 2, 3]);
      const s = (await api(e, 'GET', `/extractions/sessions/${e.seed.workspaces[0]!.sessions[0]!.id}`)).body;
      expect(s.documents.map((d: { status: string }) => d.status).sort()).toEqual(['failed', 'processed', 'processed', 'processed']);
      expect(s.results.map((r: { status: string }) => r.status)).toEqual(['completed']);
      const list = await api(e, 'GET', `/workspaces/1/documents?status=failed`);
      expect(list.body.data).toHaveLength(1);
    } finally {
      await e.close();
    }
  });

  it('--demo seeds the same parsed world with or without autoParse', async () => {
    const [plain, auto] = await Promise.all([startEmulator({ demoSeed: true }), startEmulator({ demoSeed: true, parsing: { autoParse: true } })]);
    try {
      expect(auto.seed).toEqual(plain.seed);
      const docs = async (e: typeof plain) =>
        (await api(e, 'GET', `/extractions/sessions/${e.seed.workspaces[0]!.sessions[0]!.id}`)).body.documents.map((d: { id: string; status: string; parsings: unknown[] }) => [
          d.id,
          d.status,
          d.parsings.length,
        ]);
      const a = await docs(plain);
      expect(a).toHaveLength(4);
      expect(await docs(auto)).toEqual(a);
    } finally {
      await Promise.all([plain.close(), auto.close()]);
    }
  });
});
