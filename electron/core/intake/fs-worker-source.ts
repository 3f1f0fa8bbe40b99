// The intake's file system thread, as source text run with `new Worker(source, { eval: true })`: no bundler (the
// app's, the CLI's) needs to know of a second entry file. Plain CommonJS, no imports but Node's own; its protocol is
// fs-worker.ts's (the types there). Synchronous calls, a batch per message: an async call costs the main thread a
// thread-pool round trip each, and a walk of 100,000 files is 400,000 of them.
export const FS_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { join } = require('node:path');

const READ_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK || 0);

function errOf(e) {
  return { code: e && e.code, message: e && e.message ? e.message : String(e) };
}

function lite(st) {
  const kind = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'link' : 'other';
  return { kind, size: st.size, mtimeMs: st.mtimeMs, dev: st.dev, ino: st.ino };
}

function realOf(path) {
  try {
    return fs.realpathSync.native(path);
  } catch {
    return null;
  }
}

/** lstat; a link also gets its target's stat and its real path; wantReal: the real path of anything else too. */
function look(path, wantReal) {
  let l;
  try {
    l = lite(fs.lstatSync(path));
  } catch (e) {
    return { err: errOf(e) };
  }
  if (l.kind !== 'link') return wantReal ? { l, real: realOf(path) } : { l };
  const out = { l, real: realOf(path) };
  try {
    out.st = lite(fs.statSync(path));
  } catch (e) {
    out.stErr = errOf(e);
  }
  return out;
}

function list(dir) {
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    return { err: errOf(e) };
  }
  names.sort((a, b) => a.localeCompare(b));
  return { names, looks: names.map((n) => look(join(dir, n), false)) };
}

/** Each file's first bytes, all into one buffer handed over (not copied) with the answer. */
function heads(reqs) {
  let total = 0;
  for (const r of reqs) total += r.length;
  const buf = Buffer.alloc(total);
  const out = [];
  let off = 0;
  for (const r of reqs) {
    try {
      const fd = fs.openSync(r.path, READ_FLAGS);
      try {
        let got = 0;
        while (got < r.length) {
          const n = fs.readSync(fd, buf, off + got, r.length - got, got);
          if (n === 0) break;
          got += n;
        }
        out.push({ off, got });
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      out.push({ err: errOf(e) });
    }
    off += r.length;
  }
  return { out, buf };
}

parentPort.on('message', (m) => {
  try {
    if (m.op === 'list') parentPort.postMessage({ id: m.id, answer: list(m.dir) });
    else if (m.op === 'look') parentPort.postMessage({ id: m.id, answer: m.paths.map((p) => look(p, true)) });
    else if (m.op === 'heads') {
      const h = heads(m.reqs);
      parentPort.postMessage({ id: m.id, answer: { out: h.out, buf: h.buf.buffer, byteOffset: h.buf.byteOffset } }, [h.buf.buffer]);
    } else parentPort.postMessage({ id: m.id, error: 'unknown op ' + m.op });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.stack ? e.stack : e) });
  }
});
`;
