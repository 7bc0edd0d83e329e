/**
 * A page that mutates 1,000 times a second: the LateBlockWatcher must keep the engine's runs within
 * its documented budget (lib/watcher.ts):
 *   - batched: at most one run per `batchMs` (insertions while a batch is pending join it);
 *   - spaced: after a run that took t ms, the next starts at least t × `spacing` ms later;
 *   - capped: at most `maxBatches` runs and about `budgetMs` of work in all, then it stops for good.
 * And the content script's cleaner on a live page (the background's answers missing blocks the page
 * moved, or not fitting a page that parses differently there): all its work on the page's thread
 * after the first run is charged to that one budget.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { analyze } from '../lib/engine/analyze';
import { FakeClock } from './helpers/clock';
import { LateBlockWatcher, textBearing, type WatchOptions } from '../lib/extension/content/watcher';
import { PageCleaner, type RemoteRequest } from '../lib/extension/content/cleaner';
import { analyzeSnapshot } from '../lib/extension/background/snapshot-analyzer';
import { articlePage } from './helpers/dom';

/**
 * The engine, with a hook for each run on the page's thread (the cleaner's tests below give it a
 * cost in fake time); runs in the background (`inBackground`) have none.
 */
const engine = vi.hoisted(() => ({ onPage: null as (() => void) | null, inBackground: false }));
vi.mock('../lib/engine/analyze', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../lib/engine/analyze')>();
  return {
    ...mod,
    analyze: (...args: Parameters<typeof mod.analyze>) => {
      if (!engine.inBackground) engine.onPage?.();
      return mod.analyze(...args);
    },
  };
});

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

/**
 * The content script's whole cleaner on a live page, with the background's analysis: every piece of
 * its work on the page's thread has a cost in fake time (the snapshot and its message, the answer's
 * check and hiding, a run of the engine on the page), and all of it caused by the page's changes
 * must be charged to the watcher's budget, however the answers go.
 */
describe('PageCleaner on a live page: all the work the page causes counts against one budget (fake clock)', () => {
  /** Fake ms: a snapshot and its message cost 5 ms + 2 ms per 1,000 characters (the page grows, so do they). */
  const COST = { snapshot: 5, perKChars: 2, answer: 5, engine: 400 };
  const BACKGROUND_MS = 300;
  const watch: WatchOptions = { batchMs: 250, quietMs: 20_000, budgetMs: 2_000, maxBatches: 60, spacing: 10 };
  const SITES = [{ host: 'news.example.com', rules: [{ kind: 'newsletter' as const, selector: '.promo', reason: 'sign-up box' }] }];
  const SHARE = '<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>';

  /**
   * Runs the page for `seconds` of fake time; `change(ms)` changes it at each 10 ms; `doctor` makes
   * each answer as a background that parses the page differently would.
   */
  async function live(seconds: number, change: (doc: Document, ms: number) => void, doctor: (a: ReturnType<typeof analyzeSnapshot>) => unknown = (a) => a) {
    const { document, MutationObserver } = parseHTML(articlePage(prompt, { after: SHARE }));
    const doc = document as unknown as Document;
    const clock = new FakeClock();
    let work = 0;
    let initial = -1;
    let batch = 0; // the costliest batch: a snapshot and its answer
    let snap = 0;
    const spend = (ms: number) => {
      clock.t += ms;
      work += ms;
    };
    engine.onPage = () => spend(COST.engine);
    const remote = (req: RemoteRequest) => {
      snap = COST.snapshot + (req.html.length / 1000) * COST.perKChars;
      batch = Math.max(batch, snap + COST.answer);
      spend(snap); // serializing and sending, on the page's thread
      return new Promise<unknown>((resolve) =>
        clock.setTimeout(() => {
          engine.inBackground = true;
          let answer: Record<string, unknown>;
          try {
            answer = JSON.parse(JSON.stringify(doctor(analyzeSnapshot(req))));
          } finally {
            engine.inBackground = false;
          }
          // Checking it on the page costs its time too (read first when it lands).
          const report = answer.report;
          let checked = false;
          Object.defineProperty(answer, 'report', {
            enumerable: true,
            get: () => {
              if (!checked) spend(COST.answer);
              checked = true;
              return report;
            },
          });
          resolve(answer);
        }, BACKGROUND_MS),
      );
    };
    const cleaner = new PageCleaner(doc, {
      url: 'https://www.news.example.com/2025/council-budget',
      sites: SITES,
      watch,
      clock,
      Observer: MutationObserver as unknown as typeof globalThis.MutationObserver,
      remote,
    });
    cleaner.onChange = (st) => {
      if (st.status === 'cleaned' && initial < 0) initial = work;
    };
    cleaner.start();
    cleaner.auto();
    for (let ms = 10; ms <= seconds * 1000; ms += 10) {
      await clock.runUntil(Math.max(ms, clock.t));
      if (clock.t > ms + 10) continue; // work moved time past this slot: the page's script waited
      change(doc, ms);
    }
    await clock.runUntil(clock.t + 5_000);
    const watcher = cleaner.watching;
    cleaner.dispose();
    engine.onPage = null;
    return { cleaner, watcher, late: work - initial, initial, batch };
  }

  let n = 0;
  const update = (doc: Document) => {
    const div = doc.createElement('div');
    div.textContent = `Update ${++n}: councillors are still arguing about the roads budget.`;
    return div;
  };

  it('a page adding 5 elements at its top every 10 ms for 10 s: every answer misses blocks; all the work is charged, within budgetMs', async () => {
    const { cleaner, watcher, late, initial, batch } = await live(10, (doc) => {
      const main = doc.querySelector('main')!;
      for (let i = 0; i < 5; i++) main.insertBefore(update(doc), main.firstChild);
    });
    expect(initial).toBeGreaterThan(0);
    expect(cleaner.runs.mismatched).toBeGreaterThan(1);
    expect(cleaner.runs.local).toBe(0); // the page changed under each answer: asked again instead
    // Every ms of work after the first run is charged, and the charge stops at the budget (+ one batch).
    expect(watcher.spent).toBeCloseTo(late, 6);
    expect(late).toBeLessThanOrEqual(watch.budgetMs + batch);
  }, 120_000);

  it("a page that parses differently away from it: the engine runs here only while the background's time on it fits the budget left", async () => {
    // One late block a second, at the end of <main>: the page holds still while each answer is on its way.
    const { cleaner, watcher, late } = await live(
      20,
      (doc, ms) => {
        if (ms % 1000 === 0) doc.querySelector('main')!.appendChild(update(doc));
      },
      (a) => ({
        ...a,
        report: { ...a.report, timings: { ...a.report.timings, total: COST.engine } },
        signatures: { ...a.signatures, [a.report.blocks[0].id]: 'div:1' },
      }),
    );
    expect(cleaner.runs.mismatched).toBeGreaterThan(4);
    expect(cleaner.runs.local).toBeGreaterThan(1); // the first run's, and late ones
    // Late runs here: only while COST.engine (what the background took) fits what is left of the budget.
    expect(cleaner.runs.local - 1).toBeLessThanOrEqual(Math.floor(watch.budgetMs / COST.engine));
    expect(watcher.spent).toBeCloseTo(late, 6);
    expect(late).toBeLessThanOrEqual(watch.budgetMs + 500);
  }, 120_000);
});
