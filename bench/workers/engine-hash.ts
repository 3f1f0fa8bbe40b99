// Worker: hashes one file with the engine's streaming hasher and reports the time and the digest.
import { hashFile } from '../../electron/core/engine';
import { runMain, workerInput } from '../lib/worker-io';

export interface EngineHashResult {
  elapsedMs: number;
  sha256: string;
}

runMain(async (): Promise<EngineHashResult> => {
  const { path } = workerInput<{ path: string }>();
  const t0 = performance.now();
  const result = await hashFile(path);
  const elapsedMs = performance.now() - t0;
  return { elapsedMs, sha256: result.sha256 };
});
