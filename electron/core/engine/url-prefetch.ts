// Presigned URLs asked ahead: while upload slots are busy, the next ready files' URLs are asked for, so a slot that frees
// starts its next PUT without waiting on the API (docs/engine.md, "uploading"). Never journaled: a URL is a credential.
import { FORMAT_MIME } from '../intake/formats';
import type { EngineClient } from './client-port';
import { contentTypeRefused } from './refusals';
import type { Runtime } from './runtime';
import type { Work } from './work';

export type SignedUrl = Awaited<ReturnType<EngineClient['signedStorageUrl']>>;

/** Where an upload's presigned URL comes from: one asked ahead for its item if still safe, else a fresh one. */
export interface UrlSource {
  get(mime: string, signal: AbortSignal): Promise<SignedUrl>;
}

/** What the signed-URL call defaults to when no type is given (§8.1, the newer upload guide). */
const OCTET_STREAM = 'application/octet-stream';
/** The documented life of a URL without X-Amz-Expires (docs/raydocs-api.md §8.1: "typically 5 minutes"). */
export const DOCUMENTED_URL_LIFE_MS = 5 * 60_000;
/** Kept unused at the end of a URL's life: the PUT must reach S3 before it expires (a PUT started in time may end later). */
const MAX_MARGIN_MS = 30_000;

/**
 * Asks a presigned URL for a file of this MIME type. Some readings of §8.1 take only PDF, PNG and JPEG; the newer guide
 * makes application/octet-stream the default. A refused type is asked again once as that, and remembered for the run.
 */
export function createUrlSigner(rt: Pick<Runtime, 'client'>): (mime: string, signal: AbortSignal) => Promise<SignedUrl> {
  const refusedTypes = new Set<string>();
  return async (mime, signal) => {
    const ask = (contentType: string) => rt.client.signedStorageUrl({ content_type: contentType }, signal);
    if (refusedTypes.has(mime)) return ask(OCTET_STREAM);
    try {
      return await ask(mime);
    } catch (err) {
      if (mime === OCTET_STREAM || !contentTypeRefused(err)) throw err;
      const signed = await ask(OCTET_STREAM);
      refusedTypes.add(mime);
      return signed;
    }
  };
}

/** `X-Amz-Date` (`20261204T171500Z`) in ms, or null. */
function amzDateMs(v: string | null): number | null {
  const m = v ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v) : null;
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : null;
}

/**
 * Until when (on the engine's clock) a URL asked at `askedAt` may still be handed to a PUT. Its life is X-Amz-Expires
 * when the URL has it, else the documented one. X-Amz-Date says when it was signed (to the second): the time between
 * that and our ask is life already spent. A date that makes the URL dead on arrival means the clocks disagree (no
 * server hands out dead URLs), and then only the time since the ask counts.
 */
export function urlSafeUntil(url: string, askedAt: number): number {
  let q: URLSearchParams | null = null;
  try {
    q = new URL(url).searchParams;
  } catch {
    q = null;
  }
  const expires = Number(q?.get('X-Amz-Expires') ?? NaN);
  const life = Number.isFinite(expires) && expires > 0 ? expires * 1000 : DOCUMENTED_URL_LIFE_MS;
  const signedAt = amzDateMs(q?.get('X-Amz-Date') ?? null);
  const spent = signedAt === null ? 0 : Math.max(0, askedAt - signedAt);
  const margin = Math.min(MAX_MARGIN_MS, life / 5);
  return askedAt + life - (spent < life ? spent : 0) - margin;
}

interface Ahead {
  /** The item's state when asked: any change since (paused, cancelled, resumed, re-hashed) drops the URL. */
  state: Work['item']['state'];
  mime: string;
  ac: AbortController;
  /** Null when the ask failed: the upload asks again itself, and handles the error as usual. */
  url: Promise<{ signed: SignedUrl; safeUntil: number } | null>;
  settled: { signed: SignedUrl; safeUntil: number } | null | undefined;
}

export interface UrlPrefetch {
  /** Asks ahead for these items (the next in line, in order) while no more than `limit` URLs are outstanding. */
  fill(next: Work[], limit: number): void;
  /** The URL source for `w`'s upload, taking the URL asked ahead for it if there is one. */
  sourceFor(w: Work): UrlSource;
  /** URLs asked ahead and not yet taken or dropped. */
  outstanding(): number;
  close(): void;
}

export function createUrlPrefetch(rt: Runtime, sign: (mime: string, signal: AbortSignal) => Promise<SignedUrl>): UrlPrefetch {
  const ahead = new Map<string, Ahead>();

  const drop = (id: string, a: Ahead): void => {
    ahead.delete(id);
    if (a.settled === undefined) a.ac.abort(); // still asking (perhaps waiting in the rate limiter): save the call
  };

  /** Drops what no PUT will use: items gone or changed since the ask, and URLs past their safe life. */
  const sweep = (): void => {
    const now = rt.clock.now();
    for (const [id, a] of ahead) {
      const w = rt.store.works.get(id);
      if (!w || w.item.state !== a.state || a.settled === null || (a.settled && now >= a.settled.safeUntil)) drop(id, a);
    }
  };

  const ask = (w: Work, mime: string): void => {
    const ac = new AbortController();
    const askedAt = rt.clock.now();
    const a: Ahead = { state: w.item.state, mime, ac, url: Promise.resolve(null), settled: undefined };
    a.url = sign(mime, ac.signal).then(
      (signed) => (a.settled = { signed, safeUntil: urlSafeUntil(signed.url, askedAt) }),
      () => (a.settled = null),
    );
    ahead.set(w.item.id, a);
  };

  return {
    fill(next, limit) {
      sweep();
      if (rt.closed) return;
      for (const w of next) {
        if (ahead.size >= limit) break;
        if (!ahead.has(w.item.id) && w.sha256) ask(w, FORMAT_MIME[w.item.format]);
      }
    },
    sourceFor(w) {
      const mime = FORMAT_MIME[w.item.format];
      const a = ahead.get(w.item.id);
      // Taken now, before the upload changes the item's state: a URL asked for the item as it was in line.
      const mine = a && a.state === w.item.state && a.mime === mime ? a : null;
      if (a) ahead.delete(w.item.id);
      if (a && !mine) drop(w.item.id, a);
      return {
        async get(m, signal) {
          if (mine && m === mime) {
            const got = await Promise.race([mine.url, abortion(signal)]);
            if (got && rt.clock.now() < got.safeUntil) return got.signed;
          }
          return sign(m, signal);
        },
      };
    },
    outstanding: () => ahead.size,
    close() {
      for (const [id, a] of ahead) drop(id, a);
    },
  };
}

/** Resolves null when the signal aborts (the upload's run was interrupted while the URL was still being asked). */
function abortion(signal: AbortSignal): Promise<null> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(null);
    signal.addEventListener('abort', () => resolve(null), { once: true });
  });
}
