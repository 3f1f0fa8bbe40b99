// The electron-builder config passes electron-builder's own validation and covers every platform, format and icon.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_FORMATS } from '../../../shared/queue';
import { APP_ID } from '../../../electron/core/desktop/app-id';

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

type Association = { ext: string | string[]; role?: string; rank?: string };
type TargetEntry = { target: string; arch: string[] };

interface BuilderConfig {
  appId: string;
  fileAssociations?: Association[];
  nsis?: { include?: string };
  electronFuses?: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  publish?: { provider: string; url?: string; channel?: string };
  mac: { target: TargetEntry[]; icon: string; hardenedRuntime?: boolean; entitlements?: string; entitlementsInherit?: string; fileAssociations?: Association[] };
  win: { target: TargetEntry[]; icon: string };
}

async function loadConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    getConfig(dir: string, path: null, fromOptions: null): Promise<BuilderConfig>;
    validateConfiguration(cfg: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const cfg = await getConfig(root, null, null);
  await validateConfiguration(cfg, new DebugLogger(false));
  return cfg;
}

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('electron-builder config', () => {
  let cfg: BuilderConfig;
  beforeAll(async () => {
    cfg = await loadConfig();
  });

  it('is valid for electron-builder and targets AppImage, deb, dmg (arm64 and x64) and NSIS', () => {
    expect(cfg.appId).toBe(APP_ID);
    expect(cfg.linux.target).toEqual(['AppImage', 'deb']);
    expect(cfg.mac.target).toContainEqual({ target: 'dmg', arch: ['arm64', 'x64'] });
    expect(cfg.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
  });

  it('builds the zip macOS updates need, and names the update feed in one place (publish)', () => {
    // electron-updater installs a zip on macOS (Squirrel.Mac), never the dmg.
    expect(cfg.mac.target).toContainEqual({ target: 'zip', arch: ['arm64', 'x64'] });
    expect(cfg.publish).toEqual({ provider: 'generic', url: 'https://downloads.raydocs.com/uploader', channel: 'latest' });
    // The code names no feed: electron/main/updater.ts leaves it to app-update.yml, which electron-builder writes from publish.
    const updater = readFileSync(resolve(root, 'electron/main/updater.ts'), 'utf8');
    expect(updater).not.toMatch(/setFeedURL|https?:\/\//);
    expect(updater).not.toMatch(/verifyUpdateCodeSignature\s*=|forceDevUpdateConfig\s*=/);
  });

  it('associates every supported format on macOS', () => {
    const exts = (cfg.mac.fileAssociations ?? []).flatMap((a) => (Array.isArray(a.ext) ? a.ext : [a.ext]));
    for (const f of SUPPORTED_FORMATS) expect(exts).toContain(f);
    expect(exts).toContain('jpg');
  });

  it('offers "Open with" without a role that can become the default app for PDFs or images', () => {
    for (const a of cfg.mac.fileAssociations ?? []) {
      expect(a.role, String(a.ext)).toBe('None');
      expect(a.rank, String(a.ext)).toBe('Alternate');
    }
    // Top-level associations would reach NSIS, whose association writes the extension's default app.
    expect(cfg.fileAssociations ?? []).toEqual([]);
  });

  it('on Windows lists the app under each format’s OpenWithProgids and never writes an extension’s default app', () => {
    expect(cfg.nsis?.include).toBe('resources/installer.nsh');
    const nsh = readFileSync(resolve(root, cfg.nsis!.include!), 'utf8');
    for (const ext of ['pdf', 'doc', 'docx', 'pptx', 'png', 'jpg', 'jpeg', 'tiff', 'tif']) {
      expect(nsh, ext).toContain(`raydocsOpenWith ".${ext}"`);
      expect(nsh, ext).toContain(`raydocsNoOpenWith ".${ext}"`);
    }
    expect(nsh).toContain('\\OpenWithProgids" "RaydocsUploader.Document" ""');
    // A write to a bare extension key (Software\Classes\.pdf, its default value) is what makes an app the default.
    const writes = nsh.split('\n').filter((l) => /^\s*WriteRegStr\b/.test(l));
    for (const w of writes) expect(w).not.toMatch(/"Software\\Classes\\(\.\w+|\$\{EXT\})"\s/);
  });

  it('flips every dangerous fuse: no running as Node, no NODE_OPTIONS or --inspect, asar only and checked', () => {
    expect(cfg.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('signs macOS with the hardened runtime and entitlements that keep library validation', () => {
    expect(cfg.mac.hardenedRuntime).toBe(true);
    expect(cfg.mac.entitlements).toBe('resources/entitlements.mac.plist');
    expect(cfg.mac.entitlementsInherit).toBe('resources/entitlements.mac.plist');
    const plist = readFileSync(resolve(root, cfg.mac.entitlements!), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    expect(plist).not.toMatch(/disable-library-validation|allow-dyld-environment-variables|get-task-allow|allow-unsigned-executable-memory/);
  });

  it('has a 512 px app icon and 1x/2x tray icons for each state', () => {
    expect(pngSize(resolve(root, 'resources/icon.png'))).toEqual({ width: 512, height: 512 });
    for (const state of ['idle', 'uploading', 'offline', 'attention']) {
      expect(pngSize(resolve(root, `resources/tray-${state}.png`))).toEqual({ width: 16, height: 16 });
      expect(pngSize(resolve(root, `resources/tray-${state}@2x.png`))).toEqual({ width: 32, height: 32 });
    }
  });
});
