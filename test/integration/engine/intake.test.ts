// Intake acceptance: every format, fakes, empty/unreadable files, junk, a symlink loop, unicode and long names.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakePaths, type IntakeResult } from '../../../electron/core/intake/intake';
import { unreadableReason } from '../../../electron/core/intake/sniff';
import { makeIntakeTree, type IntakeTree } from '../../fixtures/intake-tree';

let tree: IntakeTree;
let res: IntakeResult;

beforeAll(async () => {
  tree = makeIntakeTree();
  res = await intakePaths([tree.root]);
});
afterAll(() => rmSync(tree.root, { recursive: true, force: true }));

describe('intake of a fixture tree', () => {
  it('accepts every supported format, including unicode and 255-byte names, each once', () => {
    // As root the chmod-000 file is readable here; its refusal is checked unprivileged below.
    const got = res.accepted.filter((a) => a.path !== tree.locked).map((a) => relative(tree.root, a.path)).sort();
    expect(got).toEqual([...tree.accepted].sort());
    const formats = Object.fromEntries(res.accepted.map((a) => [basename(a.path), a.format]));
    expect(formats).toMatchObject({ 'a.pdf': 'pdf', 'b.png': 'png', 'c.jpg': 'jpeg', 'd.jpeg': 'jpeg', 'e.tiff': 'tiff', 'f.tif': 'tiff', 'g.doc': 'doc', 'h.docx': 'docx', 'i.pptx': 'pptx' });
  });

  it('refuses fakes, empty and unreadable files with the file and the reason', () => {
    const byName = new Map(res.refused.map((r) => [basename(r.path), r.reason]));
    for (const [name, reason] of Object.entries(tree.refusals)) {
      expect(byName.has(name), `${name} refused`).toBe(true);
      if (typeof reason === 'string') expect(byName.get(name), name).toBe(reason);
      else expect(byName.get(name), name).toMatch(reason);
    }
  });

  it('skips junk and hidden files, counting them, and survives the symlink loop', () => {
    expect(res.skipped).toBe(tree.skipped);
    // sub/alias.pdf is a second route to a.pdf: the same file is one item.
    expect(res.duplicates).toBe(1);
  });

  it('refuses a file it may not read with "unreadable: permission denied"', () => {
    let reason: string | undefined;
    if (process.getuid?.() === 0) {
      // Root reads anything: run the same intake as an unprivileged user so the open really fails.
      const asNobody = { uid: 65534, gid: 65534, env: { ...process.env, HOME: '/tmp' } };
      try {
        const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../unit/engine/intake-runner.ts'), tree.locked], {
          ...asNobody,
          cwd: join(import.meta.dirname, '../../..'),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        reason = (JSON.parse(out.toString()) as IntakeResult).refused[0]?.reason;
      } catch {
        // The checkout itself is not readable by that user (e.g. under /root): let it only open the file,
        // and map the real error it got the way intake does.
        const code = execFileSync(process.execPath, ['-e', 'try{require("fs").openSync(process.argv[1],"r");console.log("OK")}catch(e){console.log(e.code)}', tree.locked], { ...asNobody, cwd: '/' })
          .toString()
          .trim();
        reason = unreadableReason(Object.assign(new Error(code), { code }));
      }
    } else {
      reason = res.refused.find((r) => r.path === tree.locked)?.reason;
    }
    expect(reason).toBe('unreadable: permission denied');
  });

  it('the same file twice in one call is one item', async () => {
    const a = join(tree.root, 'a.pdf');
    const r = await intakePaths([a, a, join(tree.root, 'sub/alias.pdf')]);
    expect(r.accepted).toHaveLength(1);
    expect(r.duplicates).toBe(2);
  });
});
