// The native questions before a server or account change, and the start-up choice of API origin: pure decisions.
import { describe, expect, it } from 'vitest';
import { startupApiOrigin, usableOverride } from '../../../electron/core/desktop/api-origin';
import { accountSwapPrompt, apiOriginPrompt, cancelAllPrompt, confirmed, signOutPrompt } from '../../../electron/core/desktop/confirmations';
import { cancelAllWords } from '../../../shared/bulk-words';
import { item } from './fixtures';
import { settingsPatchSchema } from '../../../shared/settings';

describe('API origin', () => {
  it('the settings schema applies the client\'s rule', () => {
    for (const bad of ['javascript:alert(1)', 'http://evil.example', 'https://u:p@api.example.org', 'https://api.example.org/?q=1', 'data:text/html,x', 'file:///etc']) {
      expect(settingsPatchSchema.safeParse({ apiBaseUrl: bad }).success, bad).toBe(false);
    }
    for (const good of ['https://api.raydocs.com', 'http://127.0.0.1:8080', 'http://localhost:3000', 'https://api.example.org/v2']) {
      expect(settingsPatchSchema.safeParse({ apiBaseUrl: good }).success, good).toBe(true);
    }
  });

  it('asks before a new origin, naming its host; the same origin asks nothing', () => {
    const p = apiOriginPrompt('https://api.raydocs.com', 'https://evil.example:8443/api');
    expect(p).toMatchObject({ kind: 'api-origin', message: 'Send your Raydocs token to evil.example:8443?', buttons: ['Use evil.example:8443', 'Cancel'], defaultId: 1, cancelId: 1 });
    expect(p?.detail).toContain('api.raydocs.com');
    expect(apiOriginPrompt('https://api.raydocs.com', 'https://api.raydocs.com/')).toBeNull();
  });

  it('a bad saved value or RAYDOCS_API_URL falls back with a notice that never quotes it', () => {
    expect(startupApiOrigin({ current: 'https://api.raydocs.com', savedRejected: true })).toEqual({
      url: 'https://api.raydocs.com',
      notices: ['The saved API address could not be used, so Raydocs Uploader uses api.raydocs.com. You can change it in Settings.'],
    });
    // A store that did not sanitize: still the default, never a throw.
    expect(startupApiOrigin({ current: 'javascript:alert(1)', savedRejected: false }).url).toBe('https://api.raydocs.com');
    expect(startupApiOrigin({ current: 'http://127.0.0.1:9/', savedRejected: false })).toEqual({ url: 'http://127.0.0.1:9', notices: [] });
    const o = usableOverride('http://evil.example');
    expect(o).toEqual({ url: null, notices: ['RAYDOCS_API_URL was ignored: it uses plain http:// to another computer.'] });
    expect(usableOverride('http://127.0.0.1:8080')).toEqual({ url: 'http://127.0.0.1:8080', notices: [] });
    expect(usableOverride(undefined)).toEqual({ url: null, notices: [] });
  });
});

describe('account questions', () => {
  it('a swap names the workspaces of both tokens; Cancel is the default', () => {
    const p = accountSwapPrompt(['Acme', 'Legal'], ['Attacker Inc']);
    expect(p.detail).toContain('Signed in now: Acme, Legal.');
    expect(p.detail).toContain('New token: Attacker Inc.');
    expect(p.detail).toMatch(/raydocs-upload/);
    expect(p).toMatchObject({ buttons: ['Replace', 'Cancel'], defaultId: 1, cancelId: 1 });
    expect(accountSwapPrompt([], Array.from({ length: 7 }, (_, i) => `W${i}`)).detail).toContain('no workspace known yet');
    expect(accountSwapPrompt([], Array.from({ length: 7 }, (_, i) => `W${i}`)).detail).toContain('and 2 more');
  });

  it('sign-out names the account; only button 0 confirms', () => {
    expect(signOutPrompt(['Acme']).detail).toContain('Signed in: Acme.');
    expect(confirmed(0)).toBe(true);
    expect(confirmed(1)).toBe(false);
    expect(confirmed(-1)).toBe(false);
  });
});

describe('Cancel all', () => {
  const S = '00000000-0000-4000-8000-000000000001';
  const march = { kind: 'session' as const, workspaceId: 1, sessionId: S, sessionName: 'March invoices' };
  const perFile = { kind: 'session-per-file' as const, workspaceId: 2, templateId: S, templateName: 'Invoices', autoExtract: false };
  const names = (id: number): string | null => (id === 1 ? 'Acme Finance' : null);
  const queued = (id: string, target = march as typeof march | typeof perFile, batchId = 'b1') => ({ ...item(id, { status: 'queued' }, batchId), target });

  it('states the count and the destination; finished files are not counted; Keep is the default', () => {
    const items = [...Array.from({ length: 42 }, (_, i) => queued(`q${i}`)), item('d', { status: 'cancelled' })];
    const p = cancelAllPrompt(cancelAllWords(items, names)!);
    expect(p.message).toBe('Cancel 42 files going to March invoices · Acme Finance?');
    expect(p.detail).toContain('Files already stored stay in Raydocs');
    expect(p).toMatchObject({ kind: 'cancel-all', buttons: ['Cancel 42 files', 'Keep uploading'], defaultId: 1, cancelId: 1 });
  });

  it('several destinations are named with their counts; one batch only; nothing left is no question', () => {
    const items = [queued('a'), queued('b', perFile, 'b2'), queued('c', perFile, 'b2')];
    const all = cancelAllWords(items, names)!;
    expect(all.message).toBe('Cancel 3 files going to 2 places?');
    expect(all.detail).toContain('March invoices · Acme Finance: 1 file\nnew sessions (Invoices): 2 files');
    expect(cancelAllWords(items, names, { batchId: 'b2' })?.message).toBe('Cancel 2 files going to new sessions (Invoices)?');
    expect(cancelAllWords([item('d', { status: 'cancelled' })], names)).toBeNull();
  });
});
