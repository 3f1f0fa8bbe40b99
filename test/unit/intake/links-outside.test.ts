// A dropped folder's symbolic links are followed only inside it: a link to a private folder or file is skipped and counted.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { intakePaths } from '../../../electron/core/intake/intake';
import { writeFile } from '../../fixtures/make-files';

const root = mkdtempSync(join(tmpdir(), 'raydocs-links-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function layout() {
  const privateDir = join(root, 'Documents');
  mkdirSync(privateDir, { recursive: true });
  writeFile(join(privateDir, 'tax-return.pdf'), 'pdf');
  writeFile(join(privateDir, 'passport.png'), 'png');
  const pack = join(root, 'invoice-pack');
  mkdirSync(join(pack, 'march'), { recursive: true });
  writeFile(join(pack, 'march', 'inv-1.pdf'), 'pdf');
  symlinkSync(privateDir, join(pack, 'more-invoices'));
  symlinkSync(join(privateDir, 'tax-return.pdf'), join(pack, 'inv-2.pdf'));
  symlinkSync(join(pack, 'march', 'inv-1.pdf'), join(pack, 'latest.pdf'));
  symlinkSync(join(pack, 'march'), join(pack, 'current'));
  return { pack, privateDir };
}

describe('links in a dropped folder', () => {
  const { pack, privateDir } = layout();

  it('skips and counts links that leave the folder; links inside it still work', async () => {
    const r = await intakePaths([pack]);
    const names = r.accepted.map((f) => f.path.slice(pack.length + 1)).sort();
    // inv-1.pdf through the folder link (march/ itself is then a second route, not walked again) and latest.pdf: one file.
    expect(names).toEqual(['current/inv-1.pdf']);
    expect(r.duplicates).toBe(1);
    expect(r.linksOutside).toBe(2);
    expect(r.accepted.some((f) => f.realPath.startsWith(privateDir))).toBe(false);
    expect(r.refused).toEqual([]);
  });

  it('a link the person dropped themselves is taken as given', async () => {
    const r = await intakePaths([join(pack, 'more-invoices')]);
    expect(r.accepted.map((f) => f.path).sort()).toEqual([join(pack, 'more-invoices', 'passport.png'), join(pack, 'more-invoices', 'tax-return.pdf')]);
    expect(r.linksOutside).toBe(0);
  });

  it('a dropped folder reached through a link keeps the links inside its real folder', async () => {
    const alias = join(root, 'pack-alias');
    symlinkSync(pack, alias);
    const r = await intakePaths([alias]);
    expect(r.accepted).toHaveLength(1);
    expect(r.linksOutside).toBe(2);
  });
});
