// Seed data: a couple of workspaces with templates and sessions (richer with `demo`), plus one foreign workspace.
import { createRng, hexFrom, type Rng } from './prng';
import { defaultConfigHash, type World } from './state';
import type { SeedSummary } from './types';

interface TemplateSeed {
  name: string;
  groups: Record<string, string[]>;
}

const INVOICES: TemplateSeed = { name: 'Invoices', groups: { invoice: ['invoice_number', 'total', 'due_date'], supplier: ['name', 'vat_id'] } };
const RECEIPTS: TemplateSeed = { name: 'Receipts', groups: { receipt: ['merchant', 'amount', 'date'] } };
const CONTRACTS: TemplateSeed = { name: 'Contracts', groups: { parties: ['party_a', 'party_b'], terms: ['start_date', 'end_date', 'renewal'] } };

const extra = (n: number, prefix: string): TemplateSeed[] =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${String(i + 1).padStart(2, '0')}`, groups: { fields: ['title', 'date'] } }));

interface WorkspaceSeed {
  id: number;
  name: string;
  icon: string;
  templates: TemplateSeed[];
  sessions: Array<{ name: string; template: number }>;
}

function plan(demo: boolean): WorkspaceSeed[] {
  const base: WorkspaceSeed[] = [
    { id: 1, name: 'Acme Finance', icon: '💼', templates: [INVOICES, RECEIPTS], sessions: [{ name: 'March invoices', template: 0 }] },
    // 17 templates: two pages at 15 per page, so pagination is always exercised.
    { id: 2, name: 'Legal', icon: '⚖️', templates: [CONTRACTS, ...extra(16, 'Clause set')], sessions: [{ name: 'NDAs 2026', template: 0 }] },
  ];
  if (!demo) return base;
  base[0]?.sessions.push({ name: 'April invoices', template: 0 }, { name: 'Expense receipts Q1', template: 1 });
  base.push({
    id: 3,
    name: 'Operations',
    icon: '🛠️',
    templates: [{ name: 'Delivery notes', groups: { delivery: ['carrier', 'tracking_number', 'delivered_on'] } }, RECEIPTS],
    sessions: [{ name: 'Warehouse scans', template: 0 }],
  });
  return base;
}

export function seedWorld(world: World, demo: boolean, now: number): SeedSummary {
  const day = 24 * 3600 * 1000;
  const summary: SeedSummary = { workspaces: [], foreign: { workspaceId: 0, templateId: '', sessionId: '' } };
  for (const ws of plan(demo)) {
    world.workspaces.set(ws.id, { id: ws.id, name: ws.name, icon: ws.icon, mine: true, createdAt: now - 30 * day });
    const templates = ws.templates.map((t, i) => {
      const id = world.uuid();
      world.templates.set(id, { id, workspaceId: ws.id, name: t.name, description: `${t.name} template`, groups: t.groups, createdAt: now - (20 - i) * day });
      return { id, name: t.name };
    });
    const sessions = ws.sessions.map((s, i) => {
      const id = world.uuid();
      const templateId = templates[s.template]?.id ?? '';
      world.addSession({
        id,
        workspaceId: ws.id,
        templateId,
        name: s.name,
        settings: {},
        createdAt: now - (10 - i) * day,
        updatedAt: now - (10 - i) * day,
        links: [],
        autoExtractStarted: false,
      });
      return { id, name: s.name };
    });
    summary.workspaces.push({ id: ws.id, name: ws.name, templates, sessions });
  }
  if (demo) seedDemoDocuments(world, summary, now);
  // Another user's workspace: it exists, but every token of ours gets 404 on it and its objects.
  const foreignId = 900;
  world.workspaces.set(foreignId, { id: foreignId, name: 'Someone else', icon: '🔒', mine: false, createdAt: now - 30 * day });
  const templateId = world.uuid();
  world.templates.set(templateId, { id: templateId, workspaceId: foreignId, name: 'Private', description: 'Not yours', groups: { x: ['y'] }, createdAt: now - day });
  const sessionId = world.uuid();
  world.addSession({ id: sessionId, workspaceId: foreignId, templateId, name: 'Private session', settings: {}, createdAt: now - day, updatedAt: now - day, links: [], autoExtractStarted: false });
  summary.foreign = { workspaceId: foreignId, templateId, sessionId };
  return summary;
}

/** `--demo`: the first session already holds parsed documents (one failed) and a completed extraction. */
function seedDemoDocuments(world: World, summary: SeedSummary, now: number): void {
  const ws = summary.workspaces[0];
  const session = ws && world.sessions.get(ws.sessions[0]?.id ?? '');
  if (!ws || !session) return;
  const rng: Rng = createRng(4242);
  const hour = 3600 * 1000;
  const names = ['INV-2026-0311.pdf', 'INV-2026-0312.pdf', 'supplier-scan-0042.jpg', 'credit-note-17.pdf'];
  names.forEach((filename, i) => {
    const at = now - (names.length - i) * hour;
    const doc = world.createDocument(
      {
        workspaceId: ws.id,
        filename,
        mime: filename.endsWith('.jpg') ? 'image/jpeg' : 'application/pdf',
        size: 48_000 + i * 13_517,
        sha256: hexFrom(rng, 64), // no bytes behind these: nothing a real upload can collide with
        path: null,
        createdAt: at,
      },
      at,
    );
    // Parsed on purpose (upload itself is storage-only unless autoParse, which would have started this parse).
    const p = world.parsingFor(doc, defaultConfigHash(ws.id)) ?? world.startParsing(doc, defaultConfigHash(ws.id), at);
    p.willFail = filename.startsWith('credit-note');
    world.attach(session, doc, at);
  });
  world.advance(now);
  const result = world.createResult(session, now - hour / 2);
  result.documentIds = result.documentIds.filter((id) => world.currentParsing(world.documents.get(id)!)?.status === 'ready');
  world.advance(now);
}
