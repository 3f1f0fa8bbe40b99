// Installed with addInitScript before the renderer loads: a stand-in for the preload's window.raydocs. It answers
// every channel, serves a queue snapshot recorded from the real engine, and replays the recorded 'queue:events'
// messages at their recorded times (looping), each through a JSON round trip as IPC's structured clone would.
// window.__bench exposes the controls and what was measured.
/* global window, document, performance, fetch, MutationObserver, PerformanceObserver */
(() => {
  // Init scripts also run in about:blank and other frames: only the app's page gets the bridge.
  if (!window.location.href.startsWith('http')) return;
  const config = window.__BENCH_CONFIG__;
  // Fetched at once, like the main process holding the queue before the window asks for it.
  const recording = fetch(config.recordingUrl).then((r) => r.text());
  const workspaces = [{ id: config.workspaceId, name: 'Bench workspace', icon: null, created_at: null, updated_at: null }];
  const settings = {
    concurrency: 4, bandwidthLimitBps: 0, notifications: false, launchAtLogin: false,
    apiBaseUrl: 'https://api.raydocs.com', defaultSessionId: config.sessionId,
  };
  const answers = {
    'auth:status': () => ({ state: 'signed-in', workspaces, demo: false, keychain: { kind: 'os' } }),
    'settings:get': () => settings,
    'settings:set': () => settings,
    'workspaces:list': () => workspaces,
    'templates:list': () => ({ data: [], meta: { current_page: 1, last_page: 1, per_page: 15, total: 0 } }),
    'sessions:recent': () => [
      { id: config.sessionId, workspaceId: config.workspaceId, name: 'Bench session', status: 'pending', documentCount: 0, lastUsedAt: Date.now(), error: null },
    ],
    'sessions:documents': () => [],
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
        if (key === 'queue:snapshot') {
          return async () => {
            const text = await recording;
            // Only the snapshot part is handed over; parsing it stands in for IPC's deserialisation.
            return { ok: true, value: JSON.parse(text).snapshot };
          };
        }
        return async () => ({ ok: true, value: answers[key] ? JSON.parse(JSON.stringify(answers[key]())) : null });
      },
    },
  );
  window.raydocs = bridge;

  let timer = null;
  const bench = {
    firstRowAt: null,
    longTasks: [],
    messages: 0,
    async startFeed() {
      if (timer) return;
      const messages = JSON.parse(await recording).messages.map((m) => ({ at: m.at, payload: JSON.stringify(m.events) }));
      if (messages.length === 0) throw new Error('the recording holds no messages');
      const span = messages[messages.length - 1].at + 100;
      let i = 0;
      let loopStart = performance.now();
      const next = () => {
        const m = messages[i];
        timer = window.setTimeout(() => {
          bench.messages++;
          for (const l of listeners.get('queue:events') ?? []) l(JSON.parse(m.payload));
          i++;
          if (i === messages.length) {
            i = 0;
            loopStart += span;
          }
          next();
        }, Math.max(0, loopStart + m.at - performance.now()));
      };
      next();
    },
    stopFeed() {
      window.clearTimeout(timer);
      timer = null;
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
