// Test harness: a real emulator, a real client, an engine with fast test timings, and a temp folder of files.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RaydocsClient } from '../../../electron/core/api/client';
import { createRateLimiter } from '../../../electron/core/api/rate-limiter';
import type { EngineClient } from '../../../electron/core/engine';
import { createEngine, type EngineOptions, type UploadEngine } from '../../../electron/core/engine';
import type { EngineEvent, QueueSummary, Target } from '../../../shared/queue';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index';
import { writeFile } from '../../fixtures/make-files';

export interface Harness {
  emu: RunningEmulator;
  client: RaydocsClient;
  engine: UploadEngine;
  dir: string;
  journalDir: string;
  target: Extract<Target, { kind: 'session' }>;
  workspaceId: number;
  templateId: string;
  events: EngineEvent[];
  token: { value: string };
  makeFiles(n: number, sub?: string, kind?: 'pdf' | 'png'): string;
  newEngine(extra?: Partial<EngineOptions>): UploadEngine;
  lastSummary(): QueueSummary | undefined;
  close(): Promise<void>;
}

export const FAST: Partial<EngineOptions> = {
  pollIntervalMs: { initial: 100, max: 400 },
  retry: { baseMs: 50, capMs: 1000, budget: 12 },
  probeIntervalMs: { initial: 250, max: 1000 },
  attachWindowMs: 100,
  summaryIntervalMs: 100,
};

/**
 * `rateLimit`: pace the client as the app and the CLI do (the limiter as its `beforeRequest`); absent, the client is not
 * paced (the emulator's limit is off too).
 */
export async function harness(
  emuOpts: EmulatorOptions = {},
  engineOpts: Partial<EngineOptions> = {},
  clientOpts: { rateLimit?: { count: number; windowMs: number } } = {},
): Promise<Harness> {
  const emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 50 }, ...emuOpts });
  const dir = mkdtempSync(join(tmpdir(), 'engine-it-'));
  const journalDir = join(dir, 'journal');
  const token = { value: emu.token };
  const limiter = clientOpts.rateLimit ? createRateLimiter(clientOpts.rateLimit) : null;
  const client = new RaydocsClient({ baseUrl: emu.url, token: async () => token.value, timeoutMs: 10_000, ...(limiter ? { beforeRequest: limiter.beforeRequest } : {}) });
  const ws = emu.seed.workspaces[0]!;
  const templateId = ws.templates[0]!.id;
  const session = await client.createSession({ extraction_template_id: templateId, name: 'engine test' });
  const target = { kind: 'session' as const, workspaceId: ws.id, sessionId: session.id, sessionName: session.name };
  const events: EngineEvent[] = [];
  const engines: UploadEngine[] = [];
  let counter = 0;
  const h: Harness = {
    emu,
    client,
    engine: null as unknown as UploadEngine,
    dir,
    journalDir,
    target,
    workspaceId: ws.id,
    templateId,
    events,
    token,
    makeFiles(n, sub = `batch-${counter++}`, kind = 'pdf') {
      const d = join(dir, 'files', sub);
      mkdirSync(d, { recursive: true });
      for (let i = 0; i < n; i++) writeFile(join(d, `file-${String(i).padStart(4, '0')}.${kind}`), kind);
      return d;
    },
    newEngine(extra = {}) {
      const e = createEngine({ client, journalDir, ...FAST, ...engineOpts, ...extra });
      e.on((ev) => events.push(ev));
      engines.push(e);
      return e;
    },
    lastSummary() {
      for (let i = events.length - 1; i >= 0; i--) {
        const ev = events[i]!;
        if (ev.type === 'summary') return ev.summary;
      }
      return undefined;
    },
    async close() {
      for (const e of engines) await e.close();
      await emu.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  h.engine = h.newEngine();
  return h;
}

/**
 * Attach requests that reached the session, per sha256: the links made plus every repeat of content it already held
 * (a silent no-op by default, a 422 under strict-attach). Exactly once is all 1s; a file attached twice reads 2 even
 * though the session holds one link.
 */
export function attachCounts(emu: RunningEmulator, sessionId: string): number[] {
  return emu.inspect().attachments.filter((a) => a.sessionId === sessionId).map((a) => a.count + a.duplicates);
}

export async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once `pred()` holds, checking every 20 ms (for tracks that settle without an idle event, like a parse). */
export async function until(pred: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A client whose first attach call reaches the server and whose answer never comes back: the process "died". */
export function dyingAtAttach(real: EngineClient, onDeath: () => void): EngineClient {
  let died = false;
  return new Proxy(real, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      const fn = (v as (...a: unknown[]) => Promise<unknown>).bind(target);
      if (prop !== 'attachSessionDocuments' && prop !== 'uploadSessionDocuments') return fn;
      return async (...args: unknown[]) => {
        if (died) return new Promise(() => undefined);
        died = true;
        await fn(...args).catch(() => undefined);
        onDeath();
        return new Promise(() => undefined);
      };
    },
  });
}
