// Test harness: a real emulator, a real client, an engine with fast test timings (or fake time), and a temp folder of files.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RaydocsClient } from '../../../electron/core/api/client';
import { createRateLimiter, limiterHooks } from '../../../electron/core/api/rate-limiter';
import type { EngineClient } from '../../../electron/core/engine';
import { createEngine, type EngineOptions, type UploadEngine } from '../../../electron/core/engine';
import type { EngineEvent, QueueSummary, Target } from '../../../shared/queue';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index';
import { writeFile } from '../../fixtures/make-files';
import { createFakeClock, driveClock, type FakeClock } from '../../support/fake-clock';

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
  /** The engines' clock (`fakeTime`), or null when they run on real time. */
  clock: FakeClock | null;
  /** The engines' time: the fake clock's, or Date.now(). */
  now(): number;
  /** When each of `events` was heard, in the engines' time. */
  eventAt: number[];
  /** Every call the engines made through the harness client, with the engines' time it was made at. */
  calls: Array<{ method: string; at: number }>;
  /** Calls of the harness client still waiting for their answer. */
  callsInFlight(): number;
  /** No call in flight and no item hashing, checking or uploading: what is left is waiting on the engines' clock. */
  quiet(): boolean;
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
 * paced (the emulator's limit is off too). `fakeTime`: the engines run on a fake clock (seeded random) driven beside the
 * real I/O (driveClock): it jumps to the engine's next timer whenever no call or transfer is under way, so backoffs,
 * probes and polls cost no real time. The emulator keeps real time (its outages, rate windows, key lifetimes).
 */
export async function harness(
  emuOpts: EmulatorOptions = {},
  engineOpts: Partial<EngineOptions> = {},
  clientOpts: { rateLimit?: { count: number; windowMs: number }; fakeTime?: boolean | { seed: number } } = {},
): Promise<Harness> {
  const emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 50 }, ...emuOpts });
  const dir = mkdtempSync(join(tmpdir(), 'engine-it-'));
  const journalDir = join(dir, 'journal');
  const token = { value: emu.token };
  const limiter = clientOpts.rateLimit ? createRateLimiter(clientOpts.rateLimit) : null;
  const client = new RaydocsClient({ baseUrl: emu.url, token: async () => token.value, timeoutMs: 10_000, ...limiterHooks(limiter) });
  const ws = emu.seed.workspaces[0]!;
  const templateId = ws.templates[0]!.id;
  const session = await client.createSession({ extraction_template_id: templateId, name: 'engine test' });
  const target = { kind: 'session' as const, workspaceId: ws.id, sessionId: session.id, sessionName: session.name };
  const events: EngineEvent[] = [];
  const eventAt: number[] = [];
  const engines: UploadEngine[] = [];
  let counter = 0;
  const fake = clientOpts.fakeTime;
  const clock = fake ? createFakeClock({ seed: typeof fake === 'object' ? fake.seed : 1 }) : null;
  const now = (): number => clock?.now() ?? Date.now();
  const calls: Harness['calls'] = [];
  let inFlight = 0;
  const engineClient = counting(client, now, calls, (d) => (inFlight += d));
  // A PUT's stall watchdog and bandwidth pacing time real bytes, and a hash or a check is real work: no jumps then.
  const busy = new Set(['hashing', 'checking', 'uploading']);
  const idle = (): boolean => inFlight === 0 && engines.every((e) => e.snapshot().items.every((i) => !busy.has(i.state.status)));
  const stopClock = clock ? driveClock(clock, idle) : () => undefined;
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
    eventAt,
    calls,
    clock,
    now,
    callsInFlight: () => inFlight,
    quiet: idle,
    token,
    makeFiles(n, sub = `batch-${counter++}`, kind = 'pdf') {
      const d = join(dir, 'files', sub);
      mkdirSync(d, { recursive: true });
      for (let i = 0; i < n; i++) writeFile(join(d, `file-${String(i).padStart(4, '0')}.${kind}`), kind);
      return d;
    },
    newEngine(extra = {}) {
      const e = createEngine({ client: engineClient, journalDir, ...FAST, ...(clock ? { clock } : {}), ...engineOpts, ...extra });
      e.on((ev) => {
        events.push(ev);
        eventAt.push(now());
      });
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
      stopClock();
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

/** The client as the engines see it: each call is logged with the engines' time and counted while in flight. */
function counting(real: RaydocsClient, now: () => number, log: Harness['calls'], inFlight: (delta: number) => void): EngineClient {
  return new Proxy(real, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      const fn = (v as (...a: unknown[]) => unknown).bind(target);
      return (...args: unknown[]) => {
        const out = fn(...args);
        if (!(out instanceof Promise)) return out;
        log.push({ method: String(prop), at: now() });
        inFlight(1);
        return out.finally(() => inFlight(-1));
      };
    },
  });
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
