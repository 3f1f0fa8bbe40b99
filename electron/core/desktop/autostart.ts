// Launch at login on Linux, where Electron has no login items: an XDG autostart entry (freedesktop.org Desktop Application Autostart spec).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The flag a login launch carries, so the app starts in the tray without opening its window. */
export const HIDDEN_FLAG = '--hidden';
export const AUTOSTART_FILE = 'raydocs-uploader.desktop';

/** Desktop Entry Exec quoting: the path in double quotes, with `"`, `` ` ``, `$` and `\` escaped. */
export function quoteExec(path: string): string {
  return `"${path.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(exec: string, name = 'Raydocs Uploader'): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${name}`,
    `Exec=${quoteExec(exec)} ${HIDDEN_FLAG}`,
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=true',
    '',
  ].join('\n');
}

export function autostartPath(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const config = env['XDG_CONFIG_HOME'] || join(home, '.config');
  return join(config, 'autostart', AUTOSTART_FILE);
}

/** An AppImage runs from a temporary mount: the file to start at login is the AppImage itself. */
export function linuxExecutable(env: NodeJS.ProcessEnv = process.env, execPath = process.execPath): string {
  return env['APPIMAGE'] || execPath;
}

export function setLinuxAutostart(enabled: boolean, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const file = autostartPath(env, home);
  if (enabled) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, autostartEntry(linuxExecutable(env)));
  } else {
    rmSync(file, { force: true });
  }
  return file;
}
