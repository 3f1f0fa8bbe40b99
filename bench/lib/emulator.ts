// Starts a local Raydocs emulator for one benchmark run and creates the session the uploads go to.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../test/emulator/index';
import type { Target } from '../../shared/queue';
import { runWorker } from './child';
import type { EnginePushInput, EnginePushResult } from '../workers/engine-push';

export interface BenchEmulator {
  emu: RunningEmulator;
  workspaceId: number;
  templateId: string;
  close(): Promise<void>;
}

/** A fresh emulator with its own data dir (deleted on close); rate limiting off unless asked for. */
export async function startBenchEmulator(opts: EmulatorOptions = {}): Promise<BenchEmulator> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'raydocs-bench-emu-'));
  const emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 200, failRate: 0 }, ...opts, dataDir });
  const ws = emu.seed.workspaces[0];
  const template = ws?.templates[0];
  if (!ws || !template) throw new Error('the emulator seed has no workspace with a template');
  return {
    emu,
    workspaceId: ws.id,
    templateId: template.id,
    async close() {
      await emu.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function api<T>(emu: RunningEmulator, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emu.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${emu.token}`, accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} → ${res.status}: ${text.slice(0, 300)}`);
  const json = JSON.parse(text) as unknown;
  // The API wraps some answers in {data}; accept both shapes like the client does.
  return (json && typeof json === 'object' && 'data' in json ? (json as { data: unknown }).data : json) as T;
}

/** Creates a new, empty session and returns the engine's target for it. */
export async function newSessionTarget(b: BenchEmulator, name: string): Promise<Target> {
  const session = await api<{ id: string; name: string }>(b.emu, 'POST', '/extractions/sessions', {
    extraction_template_id: b.templateId,
    name,
  });
  return { kind: 'session', workspaceId: b.workspaceId, sessionId: session.id, sessionName: session.name ?? name };
}

/**
 * A session whose document is parsing under a run still in motion, as a documents view would show it: one file
 * stored, then a run (storage-only: the run starts the parse, which takes the emulator's parse clock).
 */
export async function parsingSession(b: BenchEmulator, file: string, tmpDir: string): Promise<{ sessionId: string; resultId: string }> {
  const target = await newSessionTarget(b, 'documents view');
  if (target.kind !== 'session') throw new Error('unreachable');
  await pushThroughEngine(b, { target, paths: [file], tmpDir, rateLimit: null });
  // Read whole: a Result carries its own `data` field, which api() would take for the {data} wrapper.
  const res = await fetch(`${b.emu.url}/extractions/sessions/${target.sessionId}/results`, {
    method: 'POST',
    headers: { authorization: `Bearer ${b.emu.token}`, accept: 'application/json' },
  });
  if (!res.ok) throw new Error(`starting the view's run → ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const run = (await res.json()) as { id: string; status: string };
  if (run.status !== 'parsing_pending') throw new Error(`the view's run is ${run.status}, not parsing_pending`);
  return { sessionId: target.sessionId, resultId: run.id };
}

/** A fresh presigned PUT URL with the headers to replay, as the API hands them out. */
export async function signedUrl(b: BenchEmulator, contentType = 'application/pdf'): Promise<{ key: string; url: string; headers: Record<string, string> }> {
  return api(b.emu, 'POST', '/vapor/signed-storage-url', { content_type: contentType });
}

/** API requests (not S3, not admin) the emulator saw since `since` (epoch ms). */
export function apiRequests(b: BenchEmulator, since = 0): Array<{ method: string; path: string; status: number; at: number }> {
  return b.emu
    .inspect()
    .requests.filter((r) => r.at >= since && !r.path.startsWith('/s3') && !r.path.startsWith('/__admin'));
}

/**
 * Pushes `paths` through the engine worker against this emulator, with a fresh journal, and throws unless every
 * file ended attached: a benchmark of a run that lost files would measure nothing.
 */
export async function pushThroughEngine(
  b: BenchEmulator,
  run: { target: Target; paths: string[]; tmpDir: string; bundled?: boolean } & Pick<EnginePushInput, 'engine' | 'rateLimit' | 'trackPhases' | 'viewPoller'>,
): Promise<EnginePushResult & { peakRssMiB: number }> {
  const input: EnginePushInput = {
    baseUrl: b.emu.url,
    token: b.emu.token,
    target: run.target,
    paths: run.paths,
    journalDir: mkdtempSync(path.join(run.tmpDir, 'journal-')),
    ...(run.engine ? { engine: run.engine } : {}),
    ...(run.rateLimit !== undefined ? { rateLimit: run.rateLimit } : {}),
    ...(run.trackPhases ? { trackPhases: true } : {}),
    ...(run.viewPoller ? { viewPoller: run.viewPoller } : {}),
  };
  const { result } = await runWorker<EnginePushResult & { peakRssMiB: number }>('engine-push', input, { bundled: run.bundled ?? false });
  if (result.attached !== run.paths.length) {
    throw new Error(`engine attached ${result.attached}/${run.paths.length}: ${result.failures.join('; ')}`);
  }
  return result;
}
