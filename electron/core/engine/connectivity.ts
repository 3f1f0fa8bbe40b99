// The whole queue's link to Raydocs: online, offline (probing on a backoff schedule) or signed out (401).
import type { Connectivity } from '../../../shared/queue';
import { describeApiError } from '../api/describe-api-error';
import { realClock, type Clock, type TimerHandle } from './clock';
import { classifyError, probeDelay } from './retry-policy';

export interface ConnectivityMonitor {
  readonly state: Connectivity;
  /** A request failed at the network level: probe at once (one probe at a time) to tell a glitch from an outage. */
  suspect(): void;
  /** The host says "online" / "resumed from sleep": probe now, from the start of the schedule. */
  probeNow(): void;
  signedOut(message: string): void;
  /** A new token: leave signed-out. */
  signedIn(): void;
  close(): void;
}

export function createConnectivity(o: {
  /** A cheap request (listWorkspaces). */
  probe: () => Promise<unknown>;
  initialMs: number;
  maxMs: number;
  onChange: (prev: Connectivity, next: Connectivity) => void;
  clock?: Clock;
}): ConnectivityMonitor {
  const clock = o.clock ?? realClock;
  let state: Connectivity = { state: 'online' };
  let probing = false;
  let probeCount = 0;
  let timer: TimerHandle | null = null;
  let closed = false;

  const set = (next: Connectivity): void => {
    const prev = state;
    state = next;
    o.onChange(prev, next);
  };
  const clearTimer = (): void => {
    clock.clearTimeout(timer);
    timer = null;
  };
  const online = (): void => {
    clearTimer();
    probeCount = 0;
    // A glitch (probe fine while online) changes nothing: the failed item's own backoff retries it.
    if (state.state !== 'online') set({ state: 'online' });
  };
  const probe = (): void => {
    if (probing || closed || state.state === 'signed-out') return;
    probing = true;
    clearTimer();
    o.probe().then(
      () => {
        probing = false;
        if (!closed && state.state !== 'signed-out') online();
      },
      (err: unknown) => {
        probing = false;
        if (closed) return;
        const d = classifyError(err);
        if (d.kind === 'signed-out') return set({ state: 'signed-out', message: d.message });
        const unreachable = d.kind === 'offline' || (d.kind === 'retry' && (err as { code?: string }).code === 'timeout');
        // Any HTTP answer, even a 5xx or a 429, proves the network works.
        if (!unreachable) return online();
        const delay = probeDelay(probeCount++, o.initialMs, o.maxMs);
        // The sentence a person reads in the banner and on each waiting row; the error codes stay in the logs.
        const message = describeApiError(err);
        const since = state.state === 'offline' ? state.since : clock.now();
        set({ state: 'offline', since, nextProbeAt: clock.now() + delay, message });
        timer = clock.setTimeout(() => {
          timer = null;
          probe();
        }, delay);
      },
    );
  };

  return {
    get state() {
      return state;
    },
    suspect: probe,
    probeNow() {
      clearTimer();
      probeCount = 0;
      probe();
    },
    signedOut(message) {
      if (state.state !== 'signed-out') set({ state: 'signed-out', message });
    },
    signedIn() {
      if (state.state === 'signed-out') set({ state: 'online' });
    },
    close() {
      closed = true;
      clearTimer();
    },
  };
}
