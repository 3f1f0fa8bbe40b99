// The picker's and settings' pure parts: tab keys, the opening tab, "used 2 h ago", template summaries, default names, range messages.
import { describe, expect, it } from 'vitest';
import type { Template } from '../../../shared/api';
import { defaultSessionName, initialTab, recentMeta, tabAfterKey, templateFields, usedAgo } from '../../../renderer/src/composables/picker-model';
import { checkConcurrency, checkSpeedLimit } from '../../../renderer/src/composables/settings-validation';

const H = 3_600_000;
const NOW = Date.UTC(2026, 11, 4, 17, 0);

describe('picker tabs', () => {
  it('arrows move and wrap, Home and End jump, other keys are not the tablist\'s', () => {
    expect(tabAfterKey('recent', 'ArrowRight')).toBe('link');
    expect(tabAfterKey('per-file', 'ArrowRight')).toBe('recent');
    expect(tabAfterKey('recent', 'ArrowLeft')).toBe('per-file');
    expect(tabAfterKey('link', 'End')).toBe('per-file');
    expect(tabAfterKey('new', 'Home')).toBe('recent');
    expect(tabAfterKey('new', 'Enter')).toBeNull();
  });
  it('opens where the current target came from, else Recent when there are recents, else New session', () => {
    expect(initialTab('session-per-file', 5)).toBe('per-file');
    expect(initialTab('session', 0)).toBe('recent');
    expect(initialTab(null, 2)).toBe('recent');
    expect(initialTab(null, 0)).toBe('new');
  });
});

describe('recent rows', () => {
  it('say when a session was used, in words', () => {
    expect(usedAgo(NOW - 20_000, NOW)).toBe('used just now');
    expect(usedAgo(NOW - 5 * 60_000, NOW)).toBe('used 5 min ago');
    expect(usedAgo(NOW - 2 * H - 59 * 60_000, NOW)).toBe('used 2 h ago');
    expect(usedAgo(NOW - 30 * H, NOW)).toBe('used yesterday');
    expect(usedAgo(NOW - 3 * 24 * H, NOW)).toBe('used 3 days ago');
    expect(usedAgo(Date.UTC(2026, 0, 15, 12), NOW, 'en-GB')).toBe('used on 15 Jan 2026');
    // A clock set back never says "used -3 min ago".
    expect(usedAgo(NOW + 3 * 60_000, NOW)).toBe('used just now');
  });
  it('show template · documents · when, never the API status', () => {
    const base = { id: 'a', workspaceId: 1, name: 'March', status: 'pending', documentCount: 42, lastUsedAt: NOW - 2 * H, error: null };
    expect(recentMeta({ ...base, templateName: 'Invoices' }, NOW)).toBe('Invoices · 42 documents · used 2 h ago');
    expect(recentMeta({ ...base, documentCount: null }, NOW)).toBe('used 2 h ago');
  });
});

describe('templates and names', () => {
  const template = (schema: Template['schema_json']): Template =>
    ({ id: 't', name: 'Invoices', description: null, workspace_id: 1, schema_json: schema, settings: null, created_at: null, updated_at: null }) as Template;
  it('list the first fields across groups, and how many more', () => {
    const t = template({ groups: { header: { fields: { number: {}, date: {} } }, lines: { fields: { total: {}, vat: {}, iban: {} } } } });
    expect(templateFields(t)).toEqual({ names: ['number', 'date', 'total'], more: 2 });
    expect(templateFields(template(null))).toEqual({ names: [], more: 0 });
  });
  it('name a new session after a dropped folder, else the date', () => {
    const day = new Date(Date.UTC(2026, 11, 4, 12));
    expect(defaultSessionName(['March invoices'], day, 'en-GB')).toBe('March invoices');
    expect(defaultSessionName(['scan.pdf'], day, 'en-GB')).toBe('Uploads 4 Dec 2026');
    expect(defaultSessionName(['a', 'b'], day, 'en-GB')).toBe('Uploads 4 Dec 2026');
  });
});

describe('settings validation', () => {
  it('a value out of range states the range and gives nothing to save', () => {
    expect(checkConcurrency('40')).toEqual({ ok: false, message: 'Parallel uploads must be a whole number from 1 to 16. Not saved.' });
    expect(checkConcurrency('2.5').ok).toBe(false);
    expect(checkConcurrency('').ok).toBe(false);
    expect(checkConcurrency(' 8 ')).toEqual({ ok: true, value: 8 });
  });
  it('the speed limit is read in KB/s and saved in bytes per second', () => {
    expect(checkSpeedLimit('512')).toEqual({ ok: true, value: 512 * 1024 });
    expect(checkSpeedLimit('0')).toEqual({ ok: true, value: 0 });
    const bad = checkSpeedLimit('-1');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^Upload speed limit must be a whole number from 0 to /);
  });
});
