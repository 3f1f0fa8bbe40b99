// The target picker's pure parts: its tabs (WAI-ARIA tabs, arrows move), the recents' line, template summaries, a default name.
import type { Template } from '../../../shared/api';
import type { RecentSession } from '../../../shared/ipc';
import { plural } from './format';
import { TAB_WORDS, USED_AGO_WORDS as AGO } from './picker-words';

export const PICKER_TABS = [
  { id: 'recent', label: TAB_WORDS.recent },
  { id: 'link', label: TAB_WORDS.link },
  { id: 'new', label: TAB_WORDS.new },
  { id: 'per-file', label: TAB_WORDS['per-file'] },
] as const;
export type PickerTab = (typeof PICKER_TABS)[number]['id'];

/** The tab a key moves to from `current` (arrows wrap, Home/End jump), or null when the key is not the tablist's. */
export function tabAfterKey(current: PickerTab, key: string): PickerTab | null {
  const ids = PICKER_TABS.map((t) => t.id);
  const at = ids.indexOf(current);
  const last = ids.length - 1;
  const index = key === 'ArrowRight' ? (at === last ? 0 : at + 1) : key === 'ArrowLeft' ? (at === 0 ? last : at - 1) : key === 'Home' ? 0 : key === 'End' ? last : -1;
  return index < 0 ? null : (ids[index] ?? null);
}

/** The tab the picker opens on: where the current target came from, else Recent when there are recents, else New session. */
export function initialTab(targetKind: 'session' | 'session-per-file' | null, recentCount: number): PickerTab {
  if (targetKind === 'session-per-file') return 'per-file';
  return targetKind === 'session' || recentCount > 0 ? 'recent' : 'new';
}

/** "used just now", "used 5 min ago", "used 2 h ago", "used yesterday", "used 3 days ago", then the date. */
export function usedAgo(lastUsedAt: number, now: number, locale?: string): string {
  const minutes = Math.floor(Math.max(0, now - lastUsedAt) / 60_000);
  if (minutes < 1) return AGO.justNow;
  if (minutes < 60) return AGO.minutes(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return AGO.hours(hours);
  const days = Math.floor(hours / 24);
  if (days === 1) return AGO.yesterday;
  if (days < 30) return AGO.days(days);
  return AGO.on(new Date(lastUsedAt).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' }));
}

/** A recent row's second line: template · documents · when (the API's raw status is not shown). */
export function recentMeta(s: RecentSession, now: number): string {
  const parts = [s.templateName ?? null, s.documentCount == null ? null : plural(s.documentCount, 'document'), usedAgo(s.lastUsedAt, now)];
  return parts.filter((p): p is string => p !== null && p !== '').join(' · ');
}

/** The template's first field names, from schema_json's groups (list responses may leave schema_json out: then none). */
export function templateFields(t: Template, count = 3): { names: string[]; more: number } {
  const groups = (t.schema_json?.['groups'] ?? null) as Record<string, { fields?: Record<string, unknown> }> | null;
  const all = groups && typeof groups === 'object' ? Object.values(groups).flatMap((g) => (g && typeof g.fields === 'object' && g.fields ? Object.keys(g.fields) : [])) : [];
  return { names: all.slice(0, count), more: Math.max(0, all.length - count) };
}

/** A new session's name: the dropped folder's (one item with no extension), else the date. */
export function defaultSessionName(pendingNames: readonly string[], now: Date, locale?: string): string {
  const only = pendingNames.length === 1 ? pendingNames[0] : undefined;
  if (only && !/\.[a-z0-9]{1,5}$/i.test(only)) return only;
  return `Uploads ${now.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' })}`;
}
