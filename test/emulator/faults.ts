// Fault injection: per route prefix, decided with a seeded PRNG so a failing run replays with the same seed.
import type { Rng } from './prng';
import type { FaultConfig } from './types';

export interface FaultDecision {
  latencyMs: number;
  stallMs: number;
  /** 429 burst (with Retry-After: 1). */
  burst429: boolean;
  errorStatus: number | null;
  resetAfterBytes: number | null;
  dropResponse: boolean;
}

const NONE: FaultDecision = { latencyMs: 0, stallMs: 0, burst429: false, errorStatus: null, resetAfterBytes: null, dropResponse: false };

export class Faults {
  private configs: FaultConfig[] = [];
  private outageUntil = 0;

  constructor(private readonly rng: Rng) {}

  set(f: FaultConfig | FaultConfig[]): void {
    this.configs = (Array.isArray(f) ? f : [f]).map((c) => ({ ...c }));
  }

  /** The highest `runFailRate` set (it is not per route: a run fails on the clock, not on a request). */
  runFailRate(): number {
    return Math.max(0, ...this.configs.map((c) => c.runFailRate ?? 0));
  }

  get(): FaultConfig[] {
    return this.configs.map((c) => ({ ...c }));
  }

  startOutage(seconds: number, now: number): void {
    this.outageUntil = now + seconds * 1000;
  }

  inOutage(now: number): boolean {
    return now < this.outageUntil;
  }

  /** Rolls the dice for one request. Every roll happens in a fixed order, so the sequence replays. */
  decide(path: string, isUpload: boolean): FaultDecision {
    const d: FaultDecision = { ...NONE };
    for (const c of this.configs) {
      const routes = c.routes ?? [];
      if (routes.length > 0 && !routes.some((r) => path.startsWith(r))) continue;
      d.latencyMs += c.latencyMs ?? 0;
      if (this.roll(c.stallRate)) d.stallMs = Math.max(d.stallMs, c.stallMs ?? 10_000);
      if (this.roll(c.rateLimitBurstRate)) d.burst429 = true;
      if (this.roll(c.errorRate) && d.errorStatus === null) {
        const statuses = c.errorStatuses?.length ? c.errorStatuses : [500, 502, 503];
        d.errorStatus = statuses[Math.floor(this.rng() * statuses.length)] ?? 500;
      }
      if (isUpload && this.roll(c.resetMidBodyRate) && d.resetAfterBytes === null) d.resetAfterBytes = c.resetAfterBytes ?? 64 * 1024;
      if (this.roll(c.dropResponseRate)) d.dropResponse = true;
    }
    return d;
  }

  private roll(rate: number | undefined): boolean {
    if (!rate || rate <= 0) return false;
    return this.rng() < rate;
  }
}
