// Worker: runs the naive reference client over the files and reports its time, progress and first failure.
import { NaiveClientError, naiveUpload, type NaiveOptions } from '../naive/naive-client';
import { runMain, workerInput } from '../lib/worker-io';

export interface NaivePushInput extends NaiveOptions {
  paths: string[];
}

export interface NaivePushResult {
  elapsedMs: number;
  done: number;
  /** Set when the client stopped on an error (it never retries). */
  failure: { status: number; fileIndex: number; message: string; atMs: number } | null;
}

runMain(async (): Promise<NaivePushResult> => {
  const input = workerInput<NaivePushInput>();
  let done = 0;
  const t0 = performance.now();
  try {
    await naiveUpload(input.paths, input, () => done++);
    return { elapsedMs: performance.now() - t0, done, failure: null };
  } catch (err) {
    if (!(err instanceof NaiveClientError)) throw err;
    const atMs = performance.now() - t0;
    return { elapsedMs: atMs, done, failure: { status: err.status, fileIndex: err.fileIndex, message: err.message, atMs } };
  }
});
