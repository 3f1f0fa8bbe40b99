// Smoothed upload speed (exponentially weighted moving average over time) and ETA.
export interface SpeedMeter {
  /** Feed the cumulative byte counter at time `at` (ms). */
  sample(totalBytes: number, at: number): void;
  /** Bytes per second, smoothed. */
  readonly bps: number;
  reset(): void;
}

export function createSpeedMeter(tauMs = 3000): SpeedMeter {
  let last: { bytes: number; at: number } | null = null;
  let bps = 0;
  return {
    sample(totalBytes, at) {
      if (!last) {
        last = { bytes: totalBytes, at };
        return;
      }
      const dt = at - last.at;
      if (dt <= 0) return;
      const inst = (Math.max(0, totalBytes - last.bytes) * 1000) / dt;
      const alpha = 1 - Math.exp(-dt / tauMs);
      bps = bps === 0 && inst > 0 ? inst : bps + alpha * (inst - bps);
      if (bps < 1) bps = 0;
      last = { bytes: totalBytes, at };
    },
    get bps() {
      return bps;
    },
    reset() {
      last = null;
      bps = 0;
    },
  };
}

export function etaSeconds(remainingBytes: number, bps: number): number | null {
  if (remainingBytes <= 0) return 0;
  if (bps <= 0) return null;
  return Math.ceil(remainingBytes / bps);
}
