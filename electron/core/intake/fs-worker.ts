// The intake's file system calls, made in batches by one worker thread (fs-worker-source.ts): a folder listed and
// every entry lstat'ed in one message, a group of files' first bytes read in another. The main thread (the app's,
// with its window to serve) never waits on a slow disk, and pays a message per batch instead of a call per file.
import { Worker } from 'node:worker_threads';
import { FS_WORKER_SOURCE } from './fs-worker-source';

/** What intake needs of a stat. */
export interface StatLite {
  kind: 'file' | 'dir' | 'link' | 'other';
  size: number;
  mtimeMs: number;
  dev: number;
  ino: number;
}

/** An errno error as the worker saw it. */
export interface FsError {
  code?: string;
  message: string;
}

/** One path looked up: its lstat; for a link, its target's stat (or why not); `real`: its real path (null: none found). */
export type Looked = { err: FsError } | { l: StatLite; st?: StatLite; stErr?: FsError; real?: string | null };

export type Listed = { err: FsError } | { names: string[]; looks: Looked[] };

export type Head = { err: FsError } | { bytes: Buffer };

type Answer = { id: number; answer: unknown } | { id: number; error: string };

/** An idle worker goes after this long; the next intake starts another (in tens of milliseconds). */
const IDLE_MS = 10_000;

interface Running {
  worker: Worker;
  pending: Map<number, { resolve(v: unknown): void; reject(e: Error): void }>;
  idle: NodeJS.Timeout | null;
}

let running: Running | null = null;
let nextId = 0;

function stop(r: Running, why: Error): void {
  if (running === r) running = null;
  if (r.idle) clearTimeout(r.idle);
  for (const p of r.pending.values()) p.reject(why);
  r.pending.clear();
}

function start(): Running {
  const worker = new Worker(FS_WORKER_SOURCE, { eval: true, execArgv: [], stdout: false, stderr: false });
  const r: Running = { worker, pending: new Map(), idle: null };
  worker.on('message', (m: Answer) => {
    const p = r.pending.get(m.id);
    if (!p) return;
    r.pending.delete(m.id);
    if ('error' in m) p.reject(new Error(`intake's file system thread: ${m.error}`));
    else p.resolve(m.answer);
    if (r.pending.size === 0) idle(r);
  });
  worker.on('error', (err) => stop(r, err));
  worker.on('exit', (code) => stop(r, new Error(`intake's file system thread ended (exit code ${code})`)));
  return r;
}

/** Nothing asked: the worker keeps no process alive, and ends after a while. */
function idle(r: Running): void {
  r.worker.unref();
  r.idle = setTimeout(() => {
    stop(r, new Error('idle'));
    void r.worker.terminate();
  }, IDLE_MS);
  r.idle.unref();
}

function ask<T>(message: object): Promise<T> {
  const r = (running ??= start());
  if (r.idle) clearTimeout(r.idle);
  r.idle = null;
  // While an answer is awaited the worker keeps the process alive (the CLI may have nothing else to wait on).
  r.worker.ref();
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    r.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    r.worker.postMessage({ id, ...message });
  });
}

/** The folder's names in sorted order, each lstat'ed (links also stat'ed and resolved). */
export function listFolder(dir: string): Promise<Listed> {
  return ask<Listed>({ op: 'list', dir });
}

/** Dropped paths: each lstat'ed and resolved (links also stat'ed). */
export function lookPaths(paths: string[]): Promise<Looked[]> {
  return ask<Looked[]>({ op: 'look', paths });
}

/** Up to `length` first bytes of each file (fewer when it is shorter). */
export async function readHeads(reqs: Array<{ path: string; length: number }>): Promise<Head[]> {
  const { out, buf, byteOffset } = await ask<{ out: Array<{ err: FsError } | { off: number; got: number }>; buf: ArrayBuffer; byteOffset: number }>({ op: 'heads', reqs });
  const all = Buffer.from(buf, byteOffset);
  return out.map((o) => ('err' in o ? o : { bytes: all.subarray(o.off, o.off + o.got) }));
}

/** An Error carrying the errno code, as the refusal words expect. */
export function asError(e: FsError): NodeJS.ErrnoException {
  return Object.assign(new Error(e.message), e.code ? { code: e.code } : {});
}
