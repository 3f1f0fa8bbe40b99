// When to ask about a run again: soon after it starts or moves, then less and less often; never once it has settled.

/** First poll after a run starts or changes state. */
export const RUN_POLL_MIN_MS = 2_000;
/** A run that sits in one state (a long parse) is asked about at most this often. */
export const RUN_POLL_MAX_MS = 30_000;
const GROWTH = 1.5;

/** A session made with auto_extract gets its run from the server a moment after its file is stored: look this many times. */
export const DISCOVERY_ATTEMPTS = 12;

/**
 * The next wait for a run still in motion. A change of state starts the ladder again (the next state may be short);
 * no change, or a failed read, climbs it: 2 s, 3 s, 4.5 s, … up to 30 s.
 */
export function nextPollDelay(previousMs: number | null, changed: boolean): number {
  if (previousMs === null || changed) return RUN_POLL_MIN_MS;
  return Math.min(RUN_POLL_MAX_MS, Math.round(previousMs * GROWTH));
}

/** Waits before each look for an auto-extract session's run (attempt 0 is the first): the same ladder. */
export function discoveryDelay(attempt: number): number {
  let d = RUN_POLL_MIN_MS;
  for (let i = 0; i < attempt; i++) d = nextPollDelay(d, false);
  return d;
}
