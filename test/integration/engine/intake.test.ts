// Intake acceptance: every format, renamed files, fakes, empty/unreadable/too-large files, junk, a symlink loop, unicode and long names.
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { intakePaths, type IntakeResult } from '../../../electron/core/intake/intake';
import { unreadableWords } from '../../../electron/core/intake/refusal-words';
import { makeIntakeTree, type IntakeTree } from '../../fixtures/intake-tree';
import { writeFile } from '../../fixtures/make-files';
import { harness, within, type Harness } from './harness';

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

  it('accepts a supported format under another supported extension as what it is, with a note saying so', () => {
    for (const [name, { format, note }] of Object.entries(tree.renamed)) {
      const a = res.accepted.find((x) => basename(x.path) === name);
      expect(a?.format, name).toBe(format);
      expect(a?.note, name).toBe(note);
    }
    const plain = res.accepted.filter((a) => !(basename(a.path) in tree.renamed));
    expect(plain.filter((a) => a.note !== undefined)).toEqual([]);
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

  it('refuses a file it may not read, saying so before the errno detail', () => {
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
        reason = unreadableWords(Object.assign(new Error(code), { code })).reason;
      }
    } else {
      reason = res.refused.find((r) => r.path === tree.locked)?.reason;
    }
    expect(reason).toBe('You do not have permission to open this file (permission denied, EACCES)');
  });

  it('the same file twice in one call is one item', async () => {
    const a = join(tree.root, 'a.pdf');
    const r = await intakePaths([a, a, join(tree.root, 'sub/alias.pdf')]);
    expect(r.accepted).toHaveLength(1);
    expect(r.duplicates).toBe(2);
  });
});

describe('limits and renamed files through the engine', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(async () => h?.close());

  it('refuses a file above 5 GiB by its size, naming the limit; the rest of the batch uploads', async () => {
    const dir = join(h.dir, 'files', 'big');
    mkdirSync(dir, { recursive: true });
    // 6 GiB of hole: no disk used. Its zeros would read "This is not a PDF (its first bytes match no format Raydocs accepts)" if sniffed.
    const big = join(dir, 'scan-archive.pdf');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 6 * 1024 ** 3);
    closeSync(fd);
    const small = writeFile(join(dir, 'small.pdf'), 'pdf');
    const report = await h.engine.add([big, small], h.target);
    expect(report.refused).toEqual([{ path: big, code: 'too-large', reason: 'This file is too large to upload: Raydocs takes files up to 5 GB in one upload (this one is 6.0 GB)' }]);
    expect(report.accepted).toBe(1);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    const items = h.engine.snapshot().items.filter((i) => i.batchId === report.batchId);
    expect(items.map((i) => [i.path, i.state.status])).toEqual([[small, 'done']]);
  });

  it('stores a PNG named .jpg as image/png, with a note on its item', async () => {
    const dir = join(h.dir, 'files', 'renamed');
    mkdirSync(dir, { recursive: true });
    const photo = writeFile(join(dir, 'photo.jpg'), 'png');
    const signed = vi.spyOn(h.client, 'signedStorageUrl');
    try {
      const report = await h.engine.add([photo], h.target);
      expect(report).toMatchObject({ accepted: 1, refused: [] });
      await within(h.engine.whenIdle(), 20_000, 'idle');
      expect(signed.mock.calls.map((c) => c[0])).toEqual([{ content_type: 'image/png' }]);
    } finally {
      signed.mockRestore();
    }
    const item = h.engine.snapshot().items.find((i) => i.path === photo);
    expect(item).toMatchObject({ format: 'png', note: 'a PNG image named .jpg: uploaded as image/png', state: { status: 'done', outcome: 'uploaded' } });
    const docs = await h.client.listSessionDocuments(h.target.sessionId);
    const stored = docs.find((d) => item?.state.status === 'done' && d.id === item.state.documentId);
    expect(stored?.mime).toBe('image/png');
  });
});
