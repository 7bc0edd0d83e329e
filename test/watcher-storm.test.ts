/**
 * A page that mutates 1,000 times a second: the LateBlockWatcher must keep the engine's runs within
 * its documented budget (lib/watcher.ts):
 *   - batched: at most one run per `batchMs` (insertions while a batch is pending join it);
 *   - spaced: after a run that took t ms, the next starts at least t × `spacing` ms later;
 *   - capped: at most `maxBatches` runs and about `budgetMs` of work in all, then it stops for good.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { analyze } from '../lib/engine/analyze';
import { FakeClock } from './helpers/clock';
import { LateBlockWatcher, textBearing, type WatchOptions } from '../lib/extension/content/watcher';
import { articlePage } from './helpers/dom';

const prompt = '<div class="nl"><h3>Get our daily newsletter</h3><p>Sign up to get the top stories.</p><input type="email"></div>';

function page() {
  const { document, MutationObserver } = parseHTML(articlePage(prompt));
  return { document: document as unknown as Document, MutationObserver: MutationObserver as unknown as typeof globalThis.MutationObserver };
}

/** Inserts a text-bearing element every millisecond (1,000 a second) for `seconds` of fake time. */
async function storm(options: Partial<WatchOptions>, costMs: number, seconds: number) {
  const { document, MutationObserver } = page();
  const clock = new FakeClock();
  const runs: number[] = [];
  const watcher = new LateBlockWatcher(
    document.body,
    textBearing(20, '[data-declutter-hidden]'),
    () => {
      runs.push(clock.t); // stands for one analyze run (the real engine runs in the last test)
      clock.t += costMs; // what the run costs, in fake time
    },
    options,
    clock,
    MutationObserver,
  );
  watcher.start();
  const main = document.querySelector('main')!;
  let inserted = 0;
  for (let ms = 1; ms <= seconds * 1000; ms++) {
    await clock.runUntil(Math.max(ms, clock.t));
    if (clock.t > ms) continue; // a run's cost moved time past this slot: the page could not mutate meanwhile
    const div = document.createElement('div');
    div.textContent = `Late block number ${ms}, with enough text to count`;
    main.appendChild(div);
    inserted++;
  }
  await clock.runUntil(clock.t + 1000);
  watcher.stop();
  return { runs, watcher, inserted };
}

describe('LateBlockWatcher under 1,000 mutations a second', () => {
  it('runs at most once per batchMs while work is cheap (fake clock, 5 s)', async () => {
    const opts = { batchMs: 250, quietMs: 20_000, budgetMs: 2_000, maxBatches: 60, spacing: 10 };
    const { runs, watcher, inserted } = await storm(opts, 1, 5);
    expect(inserted).toBeGreaterThan(4_900);
    // 5 s of mutations (+ 1 s to drain): one run per 250 ms at most.
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(6_000 / opts.batchMs));
    for (let i = 1; i < runs.length; i++) expect(runs[i] - runs[i - 1]).toBeGreaterThanOrEqual(opts.batchMs);
    expect(watcher.batches).toBe(runs.length);
  }, 60_000);

  it('spaces costly runs by cost × spacing and stops when the time budget is spent (fake clock, 10 s)', async () => {
    const opts = { batchMs: 250, quietMs: 20_000, budgetMs: 500, maxBatches: 60, spacing: 10 };
    const cost = 60;
    const { runs, watcher } = await storm(opts, cost, 10);
    for (let i = 1; i < runs.length; i++) expect(runs[i] - runs[i - 1]).toBeGreaterThanOrEqual(cost + cost * opts.spacing);
    // budgetMs of work at most, plus the run that crossed it.
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(opts.budgetMs / cost) + 1);
    expect(watcher.spent).toBeLessThanOrEqual(opts.budgetMs + cost);
    expect(watcher.stopReason).toBe('budget');
  }, 60_000);

  it('stops after maxBatches however long the storm lasts (fake clock, 20 s)', async () => {
    const opts = { batchMs: 100, quietMs: 20_000, budgetMs: 60_000, maxBatches: 30, spacing: 10 };
    const { runs, watcher } = await storm(opts, 0, 20);
    expect(runs.length).toBe(opts.maxBatches);
    expect(watcher.stopReason).toBe('budget');
  }, 60_000);

  it('with real timers and the real engine: 1 s of 1,000 mutations a second', async () => {
    const { document, MutationObserver } = page();
    let analyses = 0;
    const opts = { batchMs: 100, quietMs: 5_000, budgetMs: 2_000, maxBatches: 60, spacing: 10 };
    const watcher = new LateBlockWatcher(
      document.body,
      textBearing(20, '[data-declutter-hidden]'),
      () => {
        analyze(document);
        analyses++;
      },
      opts,
      undefined,
      MutationObserver,
    );
    watcher.start();
    const main = document.querySelector('main')!;
    const t0 = performance.now();
    let inserted = 0;
    // 1,000 a second: each millisecond, as many insertions as are due.
    // (A run of the engine blocks the page's own script too; the insertions due meanwhile follow it.)
    for (;;) {
      const due = Math.min(1_000, Math.floor(performance.now() - t0)) - inserted;
      if (due <= 0 && inserted >= 1_000) break;
      for (let i = 0; i < due; i++) {
        const div = document.createElement('div');
        div.textContent = `Late block number ${inserted++}, with enough text to count`;
        main.appendChild(div);
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await new Promise((r) => setTimeout(r, 200));
    watcher.stop();
    const elapsed = performance.now() - t0;
    expect(inserted).toBe(1_000);
    expect(analyses).toBeGreaterThan(0);
    expect(analyses).toBeLessThanOrEqual(Math.ceil(elapsed / opts.batchMs));
    expect(watcher.spent).toBeLessThanOrEqual(opts.budgetMs + 500);
  }, 30_000);
});
