import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { handedOverPaths, handOverFor, pathsFromArgv } from '../../../electron/core/desktop/argv';
import { parseSessionInput } from '../../../electron/core/desktop/session-link';
import { proxyUrlFromPac } from '../../../electron/core/desktop/proxy-rules';
import { redactor } from '../../../electron/core/desktop/redact';
import { createJsonSettingsStore, sanitizeSettings } from '../../../electron/core/desktop/settings-store';
import { createRecentSessionsStore, RECENT_LIMIT_PER_WORKSPACE } from '../../../electron/core/desktop/recent-sessions';
import { loadWindowState, restoreBounds, saveWindowState } from '../../../electron/core/desktop/window-state';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const S = '3f2b8c1e-1d2a-4b3c-9d4e-5f6a7b8c9d0e';
const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'raydocs-desktop-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('parseSessionInput', () => {
  it.each([
    [S, S],
    [` ${S.toUpperCase()} `, S],
    [`https://app.raydocs.com/workspaces/12/extractions/sessions/${S}`, S],
    [`https://app.raydocs.com/w/12/sessions/${S}/documents?tab=1#x`, S],
  ])('reads %s', (input, id) => expect(parseSessionInput(input)).toBe(id));

  it.each(['', 'hello', `${S}x`, `https://app.raydocs.com/templates/${S}`, `javascript:/sessions/${S}`])('refuses %s', (input) =>
    expect(parseSessionInput(input)).toBeNull(),
  );
});

describe('proxyUrlFromPac', () => {
  it('maps Chromium proxy rules to undici proxy URLs', () => {
    expect(proxyUrlFromPac('DIRECT')).toBeNull();
    expect(proxyUrlFromPac('PROXY proxy.corp:3128; DIRECT')).toBe('http://proxy.corp:3128');
    expect(proxyUrlFromPac('HTTPS secure.corp:443')).toBe('https://secure.corp:443');
    expect(proxyUrlFromPac('SOCKS5 s:1080; PROXY p:8080')).toBe('http://p:8080');
    expect(proxyUrlFromPac('SOCKS5 s:1080')).toBeNull();
    expect(proxyUrlFromPac('')).toBeNull();
  });
});

describe('redactor', () => {
  it('removes the token and bearer values', () => {
    const r = redactor(() => ['tok_abcdef', null]);
    expect(r('sent tok_abcdef to x; Authorization: Bearer zzz.yyy')).toBe('sent [redacted] to x; Authorization: Bearer [redacted]');
  });
});

describe('JSON settings store', () => {
  it('starts from defaults, persists patches, and survives a corrupt field', () => {
    const dir = tmp();
    const a = createJsonSettingsStore(dir);
    expect(a.get()).toEqual(DEFAULT_SETTINGS);
    a.set({ concurrency: 2, notifications: false });
    expect(createJsonSettingsStore(dir).get()).toMatchObject({ concurrency: 2, notifications: false });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ concurrency: 999, notifications: false }));
    expect(createJsonSettingsStore(dir).get()).toMatchObject({ concurrency: DEFAULT_SETTINGS.concurrency, notifications: false });
    writeFileSync(join(dir, 'settings.json'), '{not json');
    expect(createJsonSettingsStore(dir).get()).toEqual(DEFAULT_SETTINGS);
    expect(() => a.set({ concurrency: 0 })).toThrow();
    expect(sanitizeSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('applies start-up overrides (RAYDOCS_API_URL) without writing them', () => {
    const dir = tmp();
    const s = createJsonSettingsStore(dir, { apiBaseUrl: 'http://127.0.0.1:9' });
    expect(s.get().apiBaseUrl).toBe('http://127.0.0.1:9');
  });
});

describe('recent sessions store', () => {
  it('keeps sessions per workspace, newest first, capped, and persists the last target', () => {
    const dir = tmp();
    const store = createRecentSessionsStore(dir);
    for (let i = 0; i < RECENT_LIMIT_PER_WORKSPACE + 5; i++) {
      store.upsert({ id: `s${i}`, workspaceId: 1, name: `S${i}`, status: null, documentCount: null, lastUsedAt: i, error: null });
    }
    store.upsert({ id: 'other', workspaceId: 2, name: 'O', status: 'active', documentCount: 3, lastUsedAt: 1, error: null });
    store.upsert({ id: 's24', workspaceId: 1, name: 'renamed', status: null, documentCount: 1, lastUsedAt: 100, error: null });
    const target = { kind: 'session', workspaceId: 1, sessionId: S, sessionName: 'x' } as const;
    store.setLastTarget(target);
    const again = createRecentSessionsStore(dir);
    const list = again.list(1);
    expect(list).toHaveLength(RECENT_LIMIT_PER_WORKSPACE);
    expect(list[0]).toMatchObject({ id: 's24', name: 'renamed' });
    expect(list.at(-1)?.id).toBe('s5');
    expect(again.list(2).map((s) => s.id)).toEqual(['other']);
    expect(again.lastTarget()).toEqual(target);
    expect(readFileSync(join(dir, 'recent-sessions.json'), 'utf8')).toContain('renamed');
  });
});

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  it('restores saved bounds that are on a display, clamped to it', () => {
    expect(restoreBounds({ bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: false }, screen)).toEqual({ x: 100, y: 50, width: 1000, height: 700 });
    expect(restoreBounds({ bounds: { x: 1500, y: 50, width: 3000, height: 700 }, maximized: false }, screen)).toEqual({ x: 0, y: 50, width: 1920, height: 700 });
  });

  it('drops the position when the display is gone, and uses defaults with nothing saved', () => {
    expect(restoreBounds({ bounds: { x: 5000, y: 50, width: 1000, height: 700 }, maximized: false }, screen)).toEqual({ width: 1000, height: 700 });
    expect(restoreBounds(null, screen)).toEqual({ width: 1100, height: 760 });
  });

  it('round-trips through the user-data folder', () => {
    const dir = tmp();
    expect(loadWindowState(dir)).toBeNull();
    saveWindowState(dir, { bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: true });
    expect(loadWindowState(dir)).toEqual({ bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: true });
  });
});

describe('pathsFromArgv', () => {
  it('drops the executable (and the app folder in development), flags and URLs; resolves relative paths', () => {
    expect(pathsFromArgv(['/opt/Raydocs/raydocs', '--no-sandbox', 'a.pdf', '/abs/b.png', 'raydocs://x'], '/home/u', { packaged: true })).toEqual([
      '/home/u/a.pdf',
      '/abs/b.png',
    ]);
    expect(pathsFromArgv(['/usr/bin/electron', '.', '--inspect', 'c.pdf'], '/w', { packaged: false })).toEqual(['/w/c.pdf']);
  });

  it('prefers the second instance\'s own list (additionalData), checked, over its reordered argv', () => {
    const argv = ['/opt/r', '--original-process-start-time=1', 'a.pdf'];
    expect(handedOverPaths(handOverFor(['/opt/r', 'x.pdf'], '/home/u', { packaged: true }), argv, '/w', { packaged: true })).toEqual(['/home/u/x.pdf']);
    expect(handedOverPaths({ files: ['relative.pdf'] }, argv, '/w', { packaged: true })).toEqual(['/w/a.pdf']);
    expect(handedOverPaths({ files: [42] }, argv, '/w', { packaged: true })).toEqual(['/w/a.pdf']);
    expect(handedOverPaths(null, argv, '/w', { packaged: true })).toEqual(['/w/a.pdf']);
  });
});
