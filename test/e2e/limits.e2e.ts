/**
 * Pages that try the content script's limits, measured in Chromium: the content script's own work
 * on the page's main thread (the spans it records, lib/extension/content/perf.ts) and the page's
 * long tasks (from a DevTools trace).
 *
 *   - a live page: 100 elements put in every 10 ms for 20 s, at the top of <main>, so every block
 *     the engine found moves as soon as it is found;
 *   - a 50 MB article (far over MAX_SNAPSHOT_CHARS).
 *
 * Each test prints its figures (LIMITS {...}) for the README.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import type { Span } from '../../lib/extension/content/perf';
import { DEFAULT_WATCH } from '../../lib/extension/content/watcher';
import { contentScriptRecord, launch, serve, waitForState, type Browser, type Served } from './harness';

const LIVE_SECONDS = 20;

const para = (n: number) =>
  `<p>Paragraph ${n} of the report: the council met on Tuesday evening and argued for hours about the budget, the roads and the new library before it voted late at night.</p>`;

const ARTICLE_PARTS = (paras: string) => `<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>Live: the council's budget night</h1><div class="story-body">${paras}
<div class="promo-box"><h3>Get the morning briefing</h3><p>Sign up for our daily newsletter, delivered to your inbox every morning.</p><form><input type="email" placeholder="Your email"><button>Sign up</button></form></div>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</div></article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Budget: what it means for you</a></li><li><a href="/b">Roads plan delayed again</a></li></ul></aside></main>
<footer><p>© Example Local News</p></footer>`;

/**
 * A live page: every 10 ms, 20 updates of 5 elements each (an update, its text, a share bar and
 * its two links) go in at the top of <main>, for LIVE_SECONDS.
 */
const LIVE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live: the council's budget night</title></head><body>
${ARTICLE_PARTS([1, 2, 3, 4, 5, 6, 7, 8].map(para).join('\n'))}
<script>
(function () {
  var main = document.querySelector('main');
  var n = 0;
  var t0 = performance.now();
  var timer = setInterval(function () {
    if (performance.now() - t0 > ${LIVE_SECONDS * 1000}) {
      clearInterval(timer);
      document.documentElement.setAttribute('data-live-done', String(n));
      return;
    }
    var html = '';
    for (var i = 0; i < 20; i++) {
      n++;
      html += '<div class="live-update"><p>Update ' + n + ': councillors are still arguing about the roads budget, and the vote is expected before midnight.</p>' +
        '<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div></div>';
    }
    main.insertAdjacentHTML('afterbegin', html);
  }, 10);
})();
</script>
</body></html>`;

/** A 50 MB article: 2 kB paragraphs. */
function bigPage(chars: number): string {
  const sentence = 'The committee heard evidence from residents about the flooding on the lower road, and promised a report. ';
  const p = `<p>${sentence.repeat(20)}</p>`;
  const paras = new Array(Math.ceil(chars / p.length)).fill(p).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A very long report</title></head><body>\n${ARTICLE_PARTS(paras)}\n</body></html>`;
}

/**
 * Tasks of the page's main thread over 50 ms, from a DevTools trace (the `toplevel` category's
 * RunTask and microtask-checkpoint events), in the page's clock (performance.now()): a `performance.mark` made at the end
 * ties the trace's clock to the page's. (A PerformanceObserver for `longtask` in the page misses
 * the tasks that deliver an extension's messages: the answers from the background.)
 */
class Trace {
  private events: { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number }[] = [];
  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Tracing.dataCollected', ({ value }) => this.events.push(...(value as unknown as Trace['events'])));
  }

  static async start(b: Browser, page: Page): Promise<Trace> {
    const cdp = await b.context.newCDPSession(page);
    const t = new Trace(cdp);
    await cdp.send('Tracing.start', { categories: 'toplevel,blink.user_timing,__metadata', transferMode: 'ReportEvents' });
    return t;
  }

  /** Ends the trace; the page's tasks over 50 ms, in its clock. */
  async stop(page: Page): Promise<{ start: number; ms: number }[]> {
    const at = await page.evaluate(() => performance.mark('limits-sync').startTime);
    const done = new Promise<void>((r) => this.cdp.once('Tracing.tracingComplete', () => r()));
    await this.cdp.send('Tracing.end');
    await done;
    await this.cdp.detach().catch(() => {});
    const mark = this.events.find((e) => e.name === 'limits-sync');
    if (!mark) throw new Error('no sync mark in the trace');
    const offset = mark.ts / 1000 - at;
    // Top-level work of the page's main thread: tasks, and the microtask checkpoints run outside
    // them (where an extension's message is answered: the answer's promise resolves there).
    const top = this.events
      .filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && (e.dur ?? 0) > 50_000 && /RunTask|PerformMicrotaskCheckpoint/.test(e.name))
      .map((e) => ({ start: e.ts / 1000 - offset, ms: (e.dur ?? 0) / 1000 }));
    return top.filter((t) => !top.some((u) => u !== t && u.start <= t.start && u.start + u.ms >= t.start + t.ms && u.ms > t.ms));
  }
}

interface Figures {
  /** The content script's work on the page's main thread, all spans together (ms). */
  work: number;
  /** Of it, after the run at DOM ready (and its answer): what the page's changes caused. */
  late: number;
  spans: number;
  longestSpan: number;
  /** The longest task holding content-script work (a long task overlapping a span, else the longest span). */
  longestTask: number;
  /** All long tasks of the page together, whoever made them (the live page's own inserts too). */
  longTasks: number;
  runs: unknown;
  status: string;
  hidden: number;
}

/** The content script's spans so far, merged into `into` (a page keeps its last 200 only). */
async function collectSpans(b: Browser, page: Page, into: Map<string, Span>): Promise<unknown> {
  const record = await contentScriptRecord(b, page);
  for (const s of record?.spans ?? []) into.set(`${s.name}@${s.start}`, s);
  return record?.runs;
}

async function figures(b: Browser, page: Page, url: string, spans: Map<string, Span>, trace: Trace): Promise<Figures> {
  const runs = await collectSpans(b, page, spans);
  const tasks = await trace.stop(page);
  const list = [...spans.values()].sort((x, y) => x.start - y.start);
  const overlap = (t: { start: number; ms: number }) => list.some((s) => Math.min(s.start + s.ms, t.start + t.ms) > Math.max(s.start, t.start));
  // The first run: the one at DOM ready, up to its answer.
  const firstAnswer = list.findIndex((s) => s.name === 'answer');
  const firstRun = firstAnswer >= 0 ? firstAnswer : list.findIndex((s) => s.name === 'dom-ready');
  const { state } = await waitForState(b, url);
  if (process.env.LIMITS_DEBUG) {
    console.log('spans', list.map((x) => `${x.name}@${Math.round(x.start)}:${Math.round(x.ms)}`).join(' '));
    console.log('tasks', tasks.map((x) => `${Math.round(x.start)}:${Math.round(x.ms)}`).join(' '));
  }
  return {
    work: list.reduce((sum, s) => sum + s.ms, 0),
    late: list.slice(firstRun + 1).reduce((sum, s) => sum + s.ms, 0),
    spans: list.length,
    longestSpan: Math.max(0, ...list.map((s) => s.ms)),
    longestTask: Math.max(0, ...list.map((s) => s.ms), ...tasks.filter(overlap).map((t) => t.ms)),
    longTasks: tasks.reduce((sum, t) => sum + t.ms, 0),
    runs,
    status: state.status,
    hidden: state.hidden,
  };
}

const round = (f: Figures) => JSON.stringify(f, (_, v) => (typeof v === 'number' ? Math.round(v) : v));

let b: Browser;
let s: Served;

beforeAll(async () => {
  [b, s] = await Promise.all([launch(), serve([], { 'live.example.com/news/live/': LIVE_PAGE, 'big.example.com/news/report/': bigPage(50_000_000) })]);
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

describe('a live page: 100 elements every 10 ms for 20 s', () => {
  it('costs the content script a bounded time on the main thread, in short tasks', async () => {
    const url = s.url('live.example.com', '/news/live/');
    const page = await b.context.newPage();
    const trace = await Trace.start(b, page);
    await page.goto(url);
    await waitForState(b, url, (st) => st.status === 'cleaned');
    const spans = new Map<string, Span>();
    const until = Date.now() + (LIVE_SECONDS + 30) * 1000;
    while (!(await page.evaluate(() => document.documentElement.hasAttribute('data-live-done'))) && Date.now() < until) {
      await collectSpans(b, page, spans);
      await page.waitForTimeout(1000);
    }
    await page.waitForTimeout(3000); // the last answers land
    const f = await figures(b, page, url, spans, trace);
    console.log(`LIMITS live ${round(f)}`);
    expect(f.status).toBe('cleaned');
    expect(f.hidden).toBeGreaterThan(0);
    // Every answer misses blocks (the page moved): the engine is never run on the page for them.
    expect(f.runs).toMatchObject({ local: 0 });
    // What the page's changes cost: the watcher's budget, and the batch that crossed it at most.
    expect(f.late).toBeLessThanOrEqual(DEFAULT_WATCH.budgetMs + f.longestSpan);
    expect(f.longestTask).toBeLessThan(1_000);
    await page.close();
  }, 120_000);
});

describe('a 50 MB article', () => {
  it('is cleaned from a compact snapshot, and never holds the main thread for long', async () => {
    const url = s.url('big.example.com', '/news/report/');
    const page = await b.context.newPage();
    const trace = await Trace.start(b, page);
    await page.goto(url, { timeout: 60_000 });
    await waitForState(b, url, (st) => st.status !== 'pending', 150_000);
    await page.waitForTimeout(2000);
    const f = await figures(b, page, url, new Map(), trace);
    console.log(`LIMITS big ${round(f)}`);
    // A compact snapshot went to the background, a slice at a time; its answer was used.
    expect(f.runs).toMatchObject({ sent: 1, remote: 1, local: 0 });
    expect(f.status).toBe('cleaned');
    expect(f.hidden).toBeGreaterThanOrEqual(2);
    expect(f.longestSpan).toBeLessThan(1_000);
    await page.close();
  }, 240_000);
});

it('logs no errors in pages, popup or service worker', () => {
  expect(b.errors).toEqual([]);
});
