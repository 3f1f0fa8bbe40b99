// Helpers of the queue specs: a session opened as the target by its link (with or without the picker's link tab),
// and N small PDFs written into a folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import type { Harness } from './harness';

export async function openSessionByLink(page: Page, harness: Harness, name: string): Promise<string> {
  const ws = harness.emu.seed.workspaces[0]!;
  const created = await harness.service.invoke('sessions:create', { workspaceId: ws.id, templateId: ws.templates[0]!.id, name });
  if (!created.ok) throw new Error(created.error.message);
  await page.getByTestId('current-target').getByRole('button').click();
  const dialog = page.getByRole('dialog', { name: 'Where should files go?' });
  const tab = dialog.getByRole('tab', { name: 'Paste a link' });
  if ((await tab.count()) > 0) await tab.click();
  await dialog.getByLabel('Open by ID or dashboard link').fill(`https://app.raydocs.com/workspaces/${ws.id}/extractions/sessions/${created.value.id}`);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('current-target')).toContainText(name);
  return created.value.id;
}

/** Each file's content is its own (no two deduplicate); `bytes` pads them so a slow link keeps them uploading. */
export function writePdfs(dir: string, count: number, prefix: string, bytes = 0): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const p = join(dir, `${prefix}-${String(i).padStart(5, '0')}.pdf`);
    writeFileSync(p, `%PDF-1.7\n${prefix} ${i}\n${' '.repeat(bytes)}%%EOF\n`);
    return p;
  });
}
