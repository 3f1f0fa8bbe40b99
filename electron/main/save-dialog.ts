// Main's native save dialog for exports: a workbook's path (proposed in Downloads) or a folder to write into.
import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { SaveTarget } from '../core/runs/excel-export';

function downloadsPath(name: string): string {
  try {
    return join(app.getPath('downloads'), name);
  } catch {
    // No Downloads folder known (some Linux desktops): the dialog opens where it likes, with the name proposed.
    return name;
  }
}

export async function chooseSaveTarget(win: BrowserWindow | null, target: SaveTarget): Promise<string | null> {
  if (target.kind === 'file') {
    const opts = { title: target.title, defaultPath: downloadsPath(target.defaultName), filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }] };
    const answer = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
    return answer.canceled || !answer.filePath ? null : answer.filePath;
  }
  const opts = { title: target.title, buttonLabel: 'Save here', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
  const answer = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  return answer.canceled ? null : (answer.filePaths[0] ?? null);
}
