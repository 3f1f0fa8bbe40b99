import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { autostartEntry, autostartPath, linuxExecutable, quoteExec, setLinuxAutostart } from '../../../electron/core/desktop/autostart';

const home = mkdtempSync(join(tmpdir(), 'raydocs-autostart-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('Linux launch at login (XDG autostart)', () => {
  it('quotes the executable per the Desktop Entry spec and starts hidden', () => {
    expect(quoteExec('/opt/Raydocs Uploader/raydocs')).toBe('"/opt/Raydocs Uploader/raydocs"');
    expect(quoteExec('/a/$b`c"d\\e')).toBe('"/a/\\$b\\`c\\"d\\\\e"');
    expect(autostartEntry('/opt/r/raydocs')).toContain('Exec="/opt/r/raydocs" --hidden\n');
  });

  it('uses XDG_CONFIG_HOME, else ~/.config, and the AppImage file when there is one', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/cfg' }, '/home/u')).toBe('/cfg/autostart/raydocs-uploader.desktop');
    expect(autostartPath({}, '/home/u')).toBe('/home/u/.config/autostart/raydocs-uploader.desktop');
    expect(linuxExecutable({ APPIMAGE: '/home/u/Raydocs.AppImage' }, '/tmp/.mount_x/raydocs')).toBe('/home/u/Raydocs.AppImage');
    expect(linuxExecutable({}, '/usr/bin/raydocs')).toBe('/usr/bin/raydocs');
  });

  it('writes and removes the entry', () => {
    const file = setLinuxAutostart(true, { APPIMAGE: '/x/R.AppImage' }, home);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/x/R.AppImage" --hidden');
    setLinuxAutostart(false, {}, home);
    expect(existsSync(file)).toBe(false);
    setLinuxAutostart(false, {}, home);
  });
});
