// What a failed step leads to: a backoff retry, waiting for the network or a new token, or a failed item.
import { assertNever } from '../../../shared/assert-never';
import type { Connectivity, ItemStep } from '../../../shared/queue';
import type { ConnectivityMonitor } from './connectivity';
import type { EngineEvents } from './events';
import type { Poller } from './poller';
import { backoffDelay, classifyError } from './retry-policy';
import type { Runtime } from './runtime';
import type { Transitions } from './transitions';
import { UploadError } from './uploader';
import { pendingState, type Work } from './work';

export interface Failures {
  /** A step's error; ignored if the item was interrupted since (`gen` moved on) or the engine closed. */
  handleError(w: Work, step: ItemStep, gen: number, err: unknown): void;
  /** Items waiting for the network (or a token) go back in line. */
  wakeBlocked(reason: 'offline' | 'signed-out'): void;
  onConnectivity(prev: Connectivity, next: Connectivity): void;
}

export function createFailures(
  rt: Runtime,
  t: Transitions,
  events: Pick<EngineEvents, 'trigger'>,
  deps: { link(): ConnectivityMonitor; poller(): Poller; pump(): void },
): Failures {
  const { setState, fail } = t;

  const scheduleRetry = (w: Work, step: ItemStep, retryAfterMs: number | null, rateLimited: boolean, message: string): void => {
    w.attempt++;
    const budget = rt.cfg.retry.budget;
    if (w.attempt > budget) return fail(w, step, 'retries-exhausted', `gave up after ${budget} attempts: ${message}`);
    const delay = backoffDelay(w.attempt, rt.cfg.retry, retryAfterMs);
    const gen = w.gen;
    setState(w, { status: 'waiting', step, reason: rateLimited ? 'rate-limited' : 'retry-backoff', retryAt: Date.now() + delay, attempt: w.attempt, message });
    w.timer = setTimeout(() => {
      w.timer = null;
      if (w.gen !== gen || rt.closed) return;
      setState(w, pendingState(w), false, false);
      deps.pump();
    }, delay);
  };

  const wakeBlocked = (reason: 'offline' | 'signed-out'): void => {
    for (const w of rt.store.works.values()) {
      const s = w.item.state;
      if (s.status === 'waiting' && s.reason === reason) {
        if (reason === 'offline') w.attempt = 0;
        setState(w, pendingState(w), false, false);
      }
    }
  };

  return {
    handleError(w, step, gen, err) {
      if (rt.closed || w.gen !== gen) return;
      w.running = false;
      w.abort = null;
      if (err instanceof UploadError && err.code === 'file-gone') return fail(w, step, 'file-gone', 'the file was moved or deleted');
      const d = classifyError(err);
      const link = deps.link();
      switch (d.kind) {
        case 'aborted':
          setState(w, pendingState(w), false, false);
          return;
        case 'signed-out':
          link.signedOut(d.message);
          setState(w, { status: 'waiting', step, reason: 'signed-out', retryAt: null, attempt: w.attempt, message: d.message });
          return;
        case 'offline':
          if (link.state.state === 'offline') {
            setState(w, { status: 'waiting', step, reason: 'offline', retryAt: null, attempt: w.attempt, message: link.state.message });
            return;
          }
          // One failed connection is not an outage yet: back off, and let a probe decide.
          link.suspect();
          return scheduleRetry(w, step, null, false, d.message);
        case 'retry':
          return scheduleRetry(w, step, d.retryAfterMs, d.rateLimited, d.message);
        case 'fail':
          return fail(w, step, d.code, d.message);
        default:
          return assertNever(d, 'retry decision');
      }
    },
    wakeBlocked,
    onConnectivity(prev, next) {
      events.trigger();
      if (rt.closed) return;
      if (next.state === 'offline' && prev.state !== 'offline') {
        // Offline is nobody's fault: waiting items stop spending their retry budget and wait for the network.
        for (const w of rt.store.works.values()) {
          if (w.item.state.status === 'waiting' && w.item.state.reason === 'retry-backoff') {
            if (w.timer) clearTimeout(w.timer);
            w.timer = null;
            w.attempt = 0;
            setState(w, { ...w.item.state, reason: 'offline', retryAt: null, attempt: 0, message: next.message });
          }
        }
      } else if (next.state === 'online' && prev.state !== 'online') {
        wakeBlocked('offline');
        if (prev.state === 'signed-out') wakeBlocked('signed-out');
        deps.poller().kickAll();
        deps.pump();
      }
    },
  };
}
