// Scenario 7: 5,000 queued items; scrolling the virtualized queue stays responsive (long tasks bounded with the Performance API).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireDrop, prepareDrop } from './harness';
import { expect, openNewSession, shoot, test } from './fixtures';

const COUNT = 5000;

test('5,000 queued items keep scrolling responsive @screenshot', async ({ app, harness }) => {
  test.setTimeout(180_000);
  await openNewSession(app, harness, 'Big batch');
  const folder = join(harness.filesDir, 'archive-2025');
  mkdirSync(folder);
  const paths: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const p = join(folder, `scan-${String(i).padStart(5, '0')}.pdf`);
    writeFileSync(p, `%PDF-1.7\n${i}\n%%EOF\n`);
    paths.push(p);
  }
  // Paused first, so the items stay queued while the test scrolls (the engine still sends item updates).
  const paused = await harness.service.invoke('queue:pause', {});
  expect(paused.ok).toBe(true);

  expect(await app.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask'))).toBe(true);
  await prepareDrop(app, paths);
  // Long tasks while 5,000 dropped files arrive: the window must not freeze during intake, and shows its progress.
  await app.evaluate(() => {
    const w = window as unknown as { __intakeLongTasks: number[]; __intakeProgress: string[] };
    w.__intakeLongTasks = [];
    w.__intakeProgress = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__intakeLongTasks.push(e.duration);
    }).observe({ type: 'longtask' });
    new MutationObserver(() => {
      const text = document.querySelector('.intake')?.textContent;
      if (text) w.__intakeProgress.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await fireDrop(app);
  await expect(app.locator('[data-filter="all"]')).toContainText('5,000', { timeout: 120_000 });
  const progress = await app.evaluate(() => (window as unknown as { __intakeProgress: string[] }).__intakeProgress);
  expect(progress.some((t) => /Adding to the queue: [\d,]+ of 5,000 dropped items checked/.test(t))).toBe(true);
  const intakeLongTasks = await app.evaluate(() => (window as unknown as { __intakeLongTasks: number[] }).__intakeLongTasks);
  console.log(`long tasks while ${COUNT} items arrived:`, JSON.stringify(intakeLongTasks.map(Math.round)));
  expect(Math.max(0, ...intakeLongTasks)).toBeLessThan(250);
  const rendered = await app.locator('[role="listitem"]').count();
  expect(rendered).toBeLessThan(40);

  const stats = await app.evaluate(async () => {
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    observer.observe({ type: 'longtask' });
    const el = document.querySelector<HTMLElement>('[data-testid="queue-list"]')!;
    const frames: number[] = [];
    const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
    let last = await frame();
    for (let i = 0; i < 150; i++) {
      el.scrollTop += i % 30 === 29 ? 20_000 : 700;
      const now = await frame();
      frames.push(now - last);
      last = now;
    }
    el.scrollTop = el.scrollHeight;
    await frame();
    await frame();
    await frame();
    observer.disconnect();
    frames.sort((a, b) => a - b);
    const lastIndex = Math.max(...Array.from(document.querySelectorAll('[role="listitem"]')).map((n) => Number(n.getAttribute('data-index'))));
    return {
      longTaskMax: Math.max(0, ...longTasks),
      longTaskTotal: longTasks.reduce((a, b) => a + b, 0),
      p95Frame: frames[Math.floor(frames.length * 0.95)]!,
      lastIndex,
      domRows: document.querySelectorAll('[role="listitem"]').length,
    };
  });
  console.log(`scroll over ${COUNT} items:`, JSON.stringify(stats));
  expect(stats.lastIndex).toBe(COUNT - 1);
  expect(stats.domRows).toBeLessThan(40);
  expect(stats.longTaskMax).toBeLessThan(250);
  expect(stats.longTaskTotal).toBeLessThan(1000);
  expect(stats.p95Frame).toBeLessThan(100);
  await shoot(app, 'queue-5000');
});
