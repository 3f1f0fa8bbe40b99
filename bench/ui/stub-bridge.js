// Installed with addInitScript before the renderer loads: a stand-in for the preload's window.raydocs that answers
// every channel, serves a snapshot of N queue items, and feeds 'queue:events' batches at a set rate, each crossing a
// JSON round trip as IPC's structured clone would. window.__bench exposes the controls and what was measured.
/* global window, document, performance, MutationObserver, PerformanceObserver */
(() => {
  const config = window.__BENCH_CONFIG__;
  const N = config.items;
  const target = { kind: 'session', workspaceId: 1, sessionId: '6f1c2a4e-8a51-4d8e-9a55-0c6c3b1f2e9a', sessionName: 'Bench session' };
  const t0 = Date.now() - N * 10;
  const sha = (i) => (i.toString(16).padStart(8, '0') + 'ab'.repeat(28)).slice(0, 64);
  const item = (i, state) => ({
    id: `it-${i}`,
    path: `/home/someone/Scans/scan-${String(i).padStart(5, '0')}.pdf`,
    name: `scan-${String(i).padStart(5, '0')}.pdf`,
    size: 65536 + i,
    format: 'pdf',
    target,
    batchId: 'b-1',
    addedAt: t0 + i,
    state,
  });
  const done = (i) => ({
    status: 'done', sha256: sha(i), sessionId: target.sessionId, documentId: `doc-${i}`, outcome: 'uploaded',
    documentStatus: 'processed', parsings: [],
  });
  const uploading = (i, bytesSent) => ({ status: 'uploading', sha256: sha(i), bytesSent, attempt: 1 });

  // The queue: the first 30% done, then `concurrency` uploading, the rest queued.
  const concurrency = 4;
  let nextDone = Math.floor(N * 0.3);
  const states = new Array(N);
  for (let i = 0; i < N; i++) states[i] = i < nextDone ? done(i) : i < nextDone + concurrency ? uploading(i, 0) : { status: 'queued' };
  const statuses = ['queued', 'hashing', 'checking', 'uploading', 'attaching', 'parsing', 'done', 'waiting', 'paused', 'failed', 'cancelled'];
  const summary = () => {
    const counts = Object.fromEntries(statuses.map((s) => [s, 0]));
    for (const s of states) counts[s.status]++;
    return {
      counts, total: N, bytesDone: counts.done * 65536, bytesTotal: N * 65536, speedBps: 2_500_000,
      etaSeconds: Math.round(((N - counts.done) * 65536) / 2_500_000), connectivity: { state: 'online' }, paused: false,
    };
  };
  const clone = (v) => JSON.parse(JSON.stringify(v));

  const workspaces = [{ id: 1, name: 'Bench workspace', icon: null, created_at: null, updated_at: null }];
  const settings = {
    concurrency: 4, bandwidthLimitBps: 0, notifications: false, launchAtLogin: false,
    apiBaseUrl: 'https://api.raydocs.com', defaultSessionId: target.sessionId,
  };
  const answers = {
    'auth:status': () => ({ state: 'signed-in', workspaces, demo: false, keychain: { kind: 'os' } }),
    'settings:get': () => settings,
    'settings:set': () => settings,
    'workspaces:list': () => workspaces,
    'templates:list': () => ({ data: [], meta: { current_page: 1, last_page: 1, per_page: 15, total: 0 } }),
    'sessions:recent': () => [{ id: target.sessionId, workspaceId: 1, name: target.sessionName, status: 'pending', documentCount: 0, lastUsedAt: Date.now(), error: null }],
    'sessions:documents': () => [],
    'queue:snapshot': () => ({ items: states.map((s, i) => item(i, s)), summary: summary() }),
    'dialog:pick': () => [],
  };
  const listeners = new Map();
  const bridge = new Proxy(
    {
      onEvent(name, listener) {
        if (!listeners.has(name)) listeners.set(name, new Set());
        listeners.get(name).add(listener);
        return () => listeners.get(name).delete(listener);
      },
      pathForFile: () => '',
    },
    {
      get(obj, key) {
        if (key in obj) return obj[key];
        if (typeof key !== 'string') return undefined;
        return async () => ({ ok: true, value: clone(answers[key] ? answers[key]() : null) });
      },
    },
  );
  window.raydocs = bridge;

  // One engine tick: the uploading items progress, and `moves` of them finish while queued ones take their place.
  let cursor = nextDone + concurrency;
  const tick = () => {
    const changed = [];
    for (let i = nextDone; i < Math.min(N, nextDone + concurrency); i++) {
      const s = states[i];
      if (s.status === 'uploading') states[i] = uploading(i, Math.min(65536 + i, s.bytesSent + 16384));
      changed.push(i);
    }
    for (let m = 0; m < config.movesPerMessage && nextDone < N; m++) {
      states[nextDone] = done(nextDone);
      changed.push(nextDone);
      nextDone++;
      if (cursor < N) {
        states[cursor] = uploading(cursor, 0);
        changed.push(cursor);
        cursor++;
      }
    }
    const events = [{ type: 'items', items: changed.map((i) => item(i, states[i])) }, { type: 'summary', summary: summary() }];
    const payload = JSON.stringify(events);
    for (const l of listeners.get('queue:events') ?? []) l(JSON.parse(payload));
  };

  let feed = null;
  const bench = {
    firstRowAt: null,
    longTasks: [],
    messages: 0,
    startFeed() {
      if (feed) return;
      feed = window.setInterval(() => {
        bench.messages++;
        tick();
      }, 1000 / config.messagesPerSecond);
    },
    stopFeed() {
      window.clearInterval(feed);
      feed = null;
    },
    /** Scrolls the queue from top to bottom, `screens` viewports per frame; resolves with the time span. */
    scrollThrough(screens) {
      const el = document.querySelector('[data-testid="queue-list"]');
      if (!el) return Promise.reject(new Error('no [data-testid="queue-list"]'));
      el.scrollTop = 0;
      return new Promise((resolve) => {
        const start = performance.now();
        let frames = 0;
        let last = start;
        let worstFrame = 0;
        const step = (now) => {
          frames++;
          worstFrame = Math.max(worstFrame, now - last);
          last = now;
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) {
            const rows = el.querySelectorAll('[role="listitem"]').length;
            resolve({ start, end: performance.now(), frames, worstFrame, rows, scrollHeight: el.scrollHeight });
            return;
          }
          el.scrollTop += el.clientHeight * screens;
          window.requestAnimationFrame(step);
        };
        window.requestAnimationFrame(step);
      });
    },
  };
  window.__bench = bench;

  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const mo = new MutationObserver(() => {
    if (document.querySelector('[data-testid="queue-list"] [role="listitem"]')) {
      bench.firstRowAt = performance.now();
      mo.disconnect();
    }
  });
  mo.observe(document, { childList: true, subtree: true });
})();
