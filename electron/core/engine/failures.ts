// What a failed step leads to: a backoff retry, waiting for the network or a new token, a failed item, or a failed target.
import { assertNever } from '../../../shared/assert-never';
import { isTerminal, type Connectivity, type ItemErrorCode, type ItemStep, type Target } from '../../../shared/queue';
import { ApiError } from '../api/api-error';
import { describeApiError } from '../api/describe-api-error';
import type { ConnectivityMonitor } from './connectivity';
import type { EngineEvents } from './events';
import type { Poller } from './poller';
import { classifyError, retryDelay } from './retry-policy';
import type { Run } from './run';
import type { Runtime } from './runtime';
import type { Transitions } from './transitions';
import { UploadError } from './uploader';
import { pendingState, targetKey, type Work } from './work';

/** Failures that hold for every file of a target at once, so they are decided once for all of them. */
export const TARGET_REFUSAL_CODES = ['forbidden', 'session-gone', 'template-gone'] as const satisfies readonly ItemErrorCode[];
export type TargetRefusalCode = (typeof TARGET_REFUSAL_CODES)[number];

export interface TargetRefusal {
  code: TargetRefusalCode;
  /** In words, without a file name (each item's message adds its own). */
  message: string;
}

/** True when `path` is the resource `prefix + id` or below it (ids are URL-encoded in paths). */
function pathNames(path: string, prefix: string, id: string): boolean {
  const base = `${prefix}${encodeURIComponent(id)}`;
  return path === base || path.startsWith(`${base}/`);
}

/**
 * A 403 or 404 on a call about the target's own session (or, for one session per file, its template) would be the
 * same for every file of that target: the token lacks the ability, or the session or template is gone. Other
 * refusals (a 404 on one file's new session, a 403 on a call a step falls back from) stay the file's own.
 */
export function targetRefusal(err: unknown, target: Target): TargetRefusal | null {
  if (!(err instanceof ApiError) || (err.code !== 'forbidden' && err.code !== 'not-found')) return null;
  const { method, path } = err.request;
  const own = target.kind === 'session' ? pathNames(path, '/extractions/sessions/', target.sessionId) : pathNames(path, '/extractions/templates/', target.templateId);
  if (!own) return null;
  if (err.code === 'forbidden') return { code: 'forbidden', message: describeApiError(err) };
  const what = target.kind === 'session' ? 'session' : 'template';
  return { code: target.kind === 'session' ? 'session-gone' : 'template-gone', message: `the ${what} no longer exists, or this token cannot see it (404 on ${method} ${path})` };
}

export interface Failures {
  /** A step's error; ignored if the item was interrupted since (the run is stale) or the engine closed. */
  handleError(w: Work, step: ItemStep, run: Run, err: unknown): void;
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
    const delay = retryDelay(w.attempt, rt.cfg.retry, retryAfterMs, rateLimited, rt.clock.random);
    setState(w, { status: 'waiting', step, reason: rateLimited ? 'rate-limited' : 'retry-backoff', retryAt: rt.clock.now() + delay, attempt: w.attempt, attempts: budget, message });
    const timer = rt.clock.setTimeout(() => {
      if (w.timer !== timer || rt.closed) return; // an interrupt cleared it
      w.timer = null;
      setState(w, pendingState(w), { journal: false });
      deps.pump();
    }, delay);
    w.timer = timer;
  };

  /** One decision for the whole target: every unfinished item of it fails now, in-flight uploads are aborted. */
  const failTarget = (first: Work, step: ItemStep, r: TargetRefusal): void => {
    const key = targetKey(first.item.target);
    fail(first, step, r.code, r.message);
    for (const w of [...rt.store.works.values()]) {
      if (w === first || isTerminal(w.item.state) || targetKey(w.item.target) !== key) continue;
      t.interrupt(w);
      fail(w, w.next, r.code, r.message);
    }
    deps.pump();
  };

  const wakeBlocked = (reason: 'offline' | 'signed-out'): void => {
    for (const w of rt.store.works.values()) {
      const s = w.item.state;
      if (s.status === 'waiting' && s.reason === reason) {
        if (reason === 'offline') w.attempt = 0;
        setState(w, pendingState(w), { journal: false });
      }
    }
  };

  return {
    handleError(w, step, run, err) {
      if (rt.closed || run.stale()) return;
      run.finish();
      if (err instanceof UploadError && err.code === 'file-gone') return fail(w, step, 'file-gone', 'the file was moved or deleted');
      const refusal = targetRefusal(err, w.item.target);
      if (refusal) return failTarget(w, step, refusal);
      const d = classifyError(err);
      const link = deps.link();
      switch (d.kind) {
        case 'aborted':
          setState(w, pendingState(w), { journal: false });
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
            rt.clock.clearTimeout(w.timer);
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
