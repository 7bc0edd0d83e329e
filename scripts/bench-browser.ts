/**
 * bench:browser — the content script's main-thread time on corpus pages in Chromium with the built
 * extension, beside Readability alone in the same page.
 *
 *   npm run bench:browser -- [--limit N] [--repeat N] [--json] [--corpus DIR] [--no-revisits] [DIR...]
 *
 * (`npm run bench:browser` builds the extension first; `tsx scripts/bench-browser.ts` uses the
 * build in .output/chrome-mv3 as it is.) DIR defaults to ../shared/corpus/fundus and
 * ../shared/corpus/trafilatura; `--limit N` takes the first N pages of each; `--repeat N` loads
 * each page N times and keeps the lowest of each figure (default 1); `--json` prints the results as
 * JSON instead of a table; `--corpus DIR` is the shared corpus the revisits read (default
 * ../shared/corpus); `--no-revisits` leaves them out.
 *
 * How:
 *   - Pages are served from 127.0.0.1 with `Content-Security-Policy: script-src 'none'`: the HTML is
 *     byte for byte the corpus file, but none of its scripts run (content scripts are not subject to
 *     the page's CSP). Chromium runs with --host-resolver-rules="MAP * 127.0.0.1": a page of a site
 *     with built-in rules (globalnews.ca, cnbc.com) is served under its real host name, so it gets
 *     them; every other page under a host of its own, `<n>.test` (real names can be on the HSTS
 *     preload list, which turns http into https). One site per page, so one renderer process per
 *     page, as when browsing from site to site. Requests for other hosts' styles and images fail
 *     at once.
 *   - The content script records the spans of its work on the page's main thread (lib/perf.ts: its
 *     modules' evaluation, its start with the early stylesheet, the run at DOM ready — which serializes the page
 *     for the background — the background's answer checked and hidden, the recheck 1.5 s after load
 *     on pages that were not articles at DOM ready, late runs) in its own world. The bench reads
 *     them over the DevTools protocol from that world. Its time for a page is the sum of the spans;
 *     it waits for every answer, and for the recheck where there is one. The engine's own time (in
 *     the background, mostly) and the time from DOM ready until the blocks are hidden are reported
 *     beside it.
 *   - Long tasks: a PerformanceObserver({type: 'longtask'}) set up in an isolated world of the bench
 *     at document start (Page.addScriptToEvaluateOnNewDocument) sees every task over 50 ms on the
 *     page's main thread. A long task that overlaps a span of the content script holds its work; the
 *     longest of them (or the longest span, when none is over 50 ms) is the page's longest task with
 *     content-script work, reported with the script's own part of it. Such a task may be long
 *     without the script (no script of the extension runs inside the page's parsing: the content
 *     script starts at document_end; sites with built-in rules get a CSS file at document_start). A
 *     task over 100 ms that would be under 100 ms without the script's spans is one the script's
 *     work took over the limit; those are counted apart.
 *   - Readability alone: Readability's own file (the same 0.6 the extension bundles), evaluated in
 *     the bench's isolated world of the same page once the content script is done, then timed the
 *     same way (`performance.now()`) on `document.cloneNode(true)`. Both run once per page in a
 *     fresh world (no warm JIT on either side), one after the other, page after page.
 *   - Layout shift our hiding causes: the bench's world also observes `layout-shift` (buffered) from
 *     document start; once the content script has settled and SHIFT_SETTLE_MS more have passed, the
 *     page's CLS (`clsOf`: the largest session window, input-driven shifts left out). Where it is
 *     above 0, the same page is loaded in Chromium without the extension (`launchPlain`) and its CLS
 *     taken off: the shift is ours only beyond the page's own. The pages above are first visits (a
 *     fresh profile, a host each, nothing learned).
 *   - Revisits (`benchRevisits`): each page of a site with at least MIN_SAMPLES other corpus pages
 *     (fundus by site, and the sites folder), in a fresh profile (a first visit), then in another
 *     fresh profile after up to READ_BEFORE of its site's other pages, from which the extension learns
 *     while browsing (local:learnPages, local:learnedRules) where the build does; the rules it had learned by then are
 *     counted. Target: no shift on a revisit.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { CHROMIUM, chromiumArgs } from './chromium';
import type { PerfRecord, Span } from '../lib/extension/content/perf';
import { sites } from '../lib/rules/sites/index';
import { MIN_SAMPLES } from '../lib/rules/learn';
import { hostOf, siteKey } from '../lib/engine/page/url';
import { bySite, leaveOneOut, sitePages, type SitePage } from './corpus-sites';

const ROOT = join(import.meta.dirname, '..');
/** The built extension (EXTENSION_DIR picks another build, to compare two). */
export const EXTENSION = process.env.EXTENSION_DIR ? resolve(process.env.EXTENSION_DIR) : join(ROOT, '.output', 'chrome-mv3');
export const DEFAULT_DIRS = [join(ROOT, '..', 'shared', 'corpus', 'fundus'), join(ROOT, '..', 'shared', 'corpus', 'trafilatura')];

/** The bench's isolated world in each page (long-task observer, Readability alone). */
const WORLD = 'declutter-bench';
/** The content script reruns on a page that was not an article at DOM ready 1.5 s after load. */
const RECHECK_WAIT_MS = 4_000;
const LOAD_TIMEOUT_MS = 20_000;
/** The target: a long task over this holds too much at once. */
export const LONG_TASK_LIMIT_MS = 100;
/**
 * A layout shift is reported after the frame that shows it: the wait, once the page has settled
 * (its blocks hidden), before its shifts are read. Without the extension, the wait after load.
 */
const SHIFT_SETTLE_MS = 500;
/** The window every page is shown in, with the extension and without. */
const VIEWPORT = { width: 1200, height: 900 };

declare const chrome: (typeof import('wxt/browser'))['browser'];

export interface PageTiming {
  corpus: string;
  file: string;
  url: string;
  /** The page is an article (its corpus' pages.json kind is "article" or missing). */
  article?: boolean;
  /** The content script's status after it settled (cleaned, not-article, …). */
  status: string;
  hidden: number;
  /** Sum of the content script's spans: its time on the page's main thread. */
  ms: number;
  /** The engine's time (parse and `analyze`), in the background or, where it ran there, on the page. */
  engineMs: number;
  /** From the start of the run at DOM ready to the end of its answer: how long the page waited for the blocks to go. */
  latencyMs: number;
  /** How the engine's runs went on this page (lib/cleaner.ts `runs`). */
  runs: { sent: number; remote: number; local: number; mismatched: number };
  spans: Span[];
  /** Longest single span of the content script. */
  longestSpan: number;
  /** Longest task holding content-script work (a long task overlapping a span, else the longest span). */
  longestTask: number;
  /** The content script's own time inside that task (its spans' overlap with it). */
  ownInLongest: number;
  /**
   * Longest task over LONG_TASK_LIMIT_MS that the content script's work took over the limit: without
   * its spans the task would have been under it (0 when there is none). A task of 200 ms that 1 ms
   * of the script's work sits in is not one: it is long without it.
   */
  pushedOver: number;
  /** Longest task of the page before Readability alone ran, whatever did it (parser, layout, …). */
  longestPageTask: number;
  /** Readability alone on a clone of the document, in the same page. */
  readabilityMs: number;
  elements: number;
  /** Cumulative layout shift of the page with the extension (`clsOf`), read once it has settled. */
  cls: number;
  /** The same page's CLS in Chromium without the extension: measured only where `cls` is above 0. */
  clsBase?: number;
  /** The layout shift our hiding causes: `cls` − `clsBase`, 0 where there is none. */
  shift: number;
  error?: string;
}

export interface Stats {
  median: number;
  p95: number;
}

/** The layout shift our hiding causes over some pages (CLS with the extension − without, per page). */
export interface ShiftStats {
  pages: number;
  mean: number;
  p95: number;
  max: number;
  /** The page with the largest shift ('' when none shifted). */
  maxPage: string;
  /** Pages with any shift. */
  shifted: number;
}

export interface BrowserCorpusResult {
  name: string;
  pages: number;
  cleaned: number;
  notArticle: number;
  /** What the user gets: article pages cleaned (the engine took them for articles) and other pages left alone. */
  recognition: { articles: number; recognized: number; others: number; leftAlone: number };
  contentScript: Stats;
  /** The engine's time, wherever it ran (the background, mostly). */
  engine: Stats;
  /** DOM ready to blocks hidden, on cleaned pages. */
  latency: Stats;
  /** Pages where the engine ran in the background only / on the page at least once / whose answer did not fit the page. */
  runs: { remote: number; local: number; mismatched: number };
  readability: Stats;
  /** Content script median / Readability alone median. */
  ratio: number;
  maxLongTask: number;
  maxLongTaskPage: string;
  /** The content script's own time in that task. */
  maxLongTaskOwn: number;
  /** Pages with a task over LONG_TASK_LIMIT_MS holding content-script work (whoever made it long). */
  over: { file: string; task: number; own: number; span: number; elements: number; status: string }[];
  /** Of those, pages where the content script's work took the task over LONG_TASK_LIMIT_MS. */
  pushedOver: { file: string; task: number; own: number }[];
  /** The layout shift our hiding causes on a first visit (a fresh profile, nothing learned). */
  shift: ShiftStats;
  errors: string[];
}

export interface BrowserBenchResult {
  chromium: string;
  corpora: BrowserCorpusResult[];
  /** All corpora together. */
  all: BrowserCorpusResult;
  pages: PageTiming[];
  /** Pages of sites with several corpus pages, visited first and again after reading the site's other pages. */
  revisits?: RevisitResult;
}

export interface CorpusPage {
  file: string;
  url?: string | null;
  kind?: string;
}

export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** Mean, p95 and largest of the pages' shifts. */
export function shiftStats(pages: readonly { key: string; shift: number }[]): ShiftStats {
  const xs = pages.map((p) => p.shift);
  const worst = pages.reduce<{ key: string; shift: number } | null>((w, p) => (p.shift > (w?.shift ?? 0) ? p : w), null);
  return {
    pages: pages.length,
    mean: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0,
    p95: quantile(xs, 0.95),
    max: worst?.shift ?? 0,
    maxPage: worst?.key ?? '',
    shifted: xs.filter((x) => x > 0).length,
  };
}

/** Shifts closer than this belong to one session window (as Chrome's CLS counts them). */
export const SESSION_GAP_MS = 1000;
/** A session window lasts at most this long. */
export const SESSION_MAX_MS = 5000;

/** One `layout-shift` entry: its time, its score, and whether it followed the user's input. */
export interface Shift {
  start: number;
  value: number;
  input?: boolean;
}

/**
 * Cumulative layout shift as Chrome reports it: shifts right after the user's input left out, the
 * rest in session windows (gaps under SESSION_GAP_MS, at most SESSION_MAX_MS long); the largest
 * window's sum.
 */
export function clsOf(shifts: readonly Shift[]): number {
  let best = 0;
  let sum = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const s of shifts.filter((x) => !x.input).sort((a, b) => a.start - b.start)) {
    if (s.start - last >= SESSION_GAP_MS || s.start - first >= SESSION_MAX_MS) {
      sum = 0;
      first = s.start;
    }
    sum += s.value;
    last = s.start;
    best = Math.max(best, sum);
  }
  return best;
}

/** Per-corpus figures from per-page timings. */
export function summarize(name: string, pages: PageTiming[]): BrowserCorpusResult {
  const ok = pages.filter((p) => !p.error);
  const cs = ok.map((p) => p.ms);
  const rd = ok.map((p) => p.readabilityMs);
  const contentScript = { median: quantile(cs, 0.5), p95: quantile(cs, 0.95) };
  const en = ok.map((p) => p.engineMs);
  const engine = { median: quantile(en, 0.5), p95: quantile(en, 0.95) };
  const readability = { median: quantile(rd, 0.5), p95: quantile(rd, 0.95) };
  const la = ok.filter((p) => p.status === 'cleaned').map((p) => p.latencyMs);
  const latency = { median: quantile(la, 0.5), p95: quantile(la, 0.95) };
  const runs = {
    remote: ok.filter((p) => p.runs.remote > 0 && p.runs.local === 0).length,
    local: ok.filter((p) => p.runs.local > 0).length,
    mismatched: ok.filter((p) => p.runs.mismatched > 0).length,
  };
  const worst = ok.reduce<PageTiming | null>((w, p) => (!w || p.longestTask > w.longestTask ? p : w), null);
  return {
    name,
    pages: ok.length,
    cleaned: ok.filter((p) => p.status === 'cleaned').length,
    notArticle: ok.filter((p) => p.status === 'not-article').length,
    recognition: {
      articles: ok.filter((p) => p.article !== false).length,
      recognized: ok.filter((p) => p.article !== false && p.status === 'cleaned').length,
      others: ok.filter((p) => p.article === false).length,
      leftAlone: ok.filter((p) => p.article === false && p.status !== 'cleaned').length,
    },
    contentScript,
    engine,
    latency,
    runs,
    readability,
    ratio: readability.median ? contentScript.median / readability.median : 0,
    maxLongTask: worst?.longestTask ?? 0,
    maxLongTaskPage: worst ? `${worst.corpus}/${worst.file}` : '',
    maxLongTaskOwn: worst?.ownInLongest ?? 0,
    over: ok
      .filter((p) => p.longestTask > LONG_TASK_LIMIT_MS)
      .sort((a, b) => b.longestTask - a.longestTask)
      .map((p) => ({ file: `${p.corpus}/${p.file}`, task: p.longestTask, own: p.ownInLongest, span: p.longestSpan, elements: p.elements, status: p.status })),
    pushedOver: ok
      .filter((p) => p.pushedOver > 0)
      .sort((a, b) => b.pushedOver - a.pushedOver)
      .map((p) => ({ file: `${p.corpus}/${p.file}`, task: p.pushedOver, own: p.ownInLongest })),
    shift: shiftStats(ok.map((p) => ({ key: `${p.corpus}/${p.file}`, shift: p.shift }))),
    errors: pages.filter((p) => p.error).map((p) => `${p.corpus}/${p.file}: ${p.error}`),
  };
}

export function formatBrowserTable(r: Pick<BrowserBenchResult, 'corpora' | 'all'>): string {
  const f1 = (n: number) => n.toFixed(1);
  const share = (a: number, b: number) => (b ? `${a}/${b} = ${((100 * a) / b).toFixed(1)}%` : '–');
  const rows = r.corpora.length > 1 ? [...r.corpora, r.all] : r.corpora;
  const lines = [
    "| corpus | pages | cleaned / not article | articles recognized / non-articles left alone | content script (main thread) ms median / p95 | Readability alone ms median / p95 | ratio (medians) | longest task with content-script work, ms (of it the script's) | pages with such a task > 100 ms | … that the script's work took over 100 ms | engine (background) ms median / p95 | DOM ready → hidden ms median / p95 | engine ran in background / on the page / answer did not fit |",
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (c) =>
        `| ${c.name} | ${c.pages} | ${c.cleaned} / ${c.notArticle} | ${share(c.recognition.recognized, c.recognition.articles)} / ${share(c.recognition.leftAlone, c.recognition.others)} | ${f1(c.contentScript.median)} / ${f1(c.contentScript.p95)} | ${f1(c.readability.median)} / ${f1(c.readability.p95)} | ${c.ratio.toFixed(2)}× | ${f1(c.maxLongTask)} (${f1(c.maxLongTaskOwn)}; ${c.maxLongTaskPage}) | ${c.over.length} | ${c.pushedOver.length} | ${f1(c.engine.median)} / ${f1(c.engine.p95)} | ${f1(c.latency.median)} / ${f1(c.latency.p95)} | ${c.runs.remote} / ${c.runs.local} / ${c.runs.mismatched} |`,
    ),
  ];
  return lines.join('\n');
}

/** The layout shift our hiding causes, per corpus on a first visit, and on the revisit set first and again. */
export function formatShiftTable(r: Pick<BrowserBenchResult, 'corpora' | 'all' | 'revisits'>): string {
  const f4 = (n: number) => n.toFixed(4);
  const row = (name: string, visit: string, st: ShiftStats) =>
    `| ${name} | ${visit} | ${st.pages} | ${f4(st.mean)} / ${f4(st.p95)} | ${f4(st.max)}${st.maxPage ? ` (${st.maxPage})` : ''} | ${st.shifted} |`;
  const lines = [
    '| pages | visit | pages | layout shift our hiding causes (CLS with − without), mean / p95 | largest (page) | pages with any |',
    '|---|---|---|---|---|---|',
    ...(r.corpora.length > 1 ? [...r.corpora, r.all] : r.corpora).map((c) => row(c.name, 'first (fresh profile)', c.shift)),
  ];
  const v = r.revisits;
  if (v) {
    const sites = [...new Set(v.pages.map((p) => p.site))].join(', ');
    const counted = v.pages.filter((p) => !p.error && p.learnedRules !== null);
    const rules = counted.length
      ? `${(counted.reduce((a, p) => a + p.learnedRules!, 0) / counted.length).toFixed(1)} learned rules at the visit, mean`
      : 'nothing learned: this build stores nothing while browsing';
    lines.push(row(`revisit set (${sites})`, 'first (fresh profile)', v.first));
    lines.push(row(`revisit set (${sites})`, `again, after up to ${READ_BEFORE} other pages of the site (${rules})`, v.revisit));
  }
  return lines.join('\n');
}

/** The target on revisits (no shift at all) and whether it is met. */
export function shiftVerdict(v: RevisitResult | undefined): string {
  if (!v) return 'Revisits: no site with enough corpus pages.';
  const met = v.revisit.max === 0 && v.revisit.pages > 0;
  const failed = v.pages.filter((p) => p.error).length;
  return [
    `Layout shift on revisits: target 0 — ${met ? 'met' : `**NOT met** (${v.revisit.shifted} of ${v.revisit.pages} pages shift; largest ${v.revisit.max.toFixed(4)} on ${v.revisit.maxPage || '–'})`}.`,
    v.learning ? '' : ' This build stores nothing it learns while browsing (local:learnPages), so a revisit is a first visit.',
    failed ? ` ${failed} revisit${failed === 1 ? '' : 's'} could not be measured.` : '',
  ].join('');
}

/** The long-task observer, evaluated at document start in the bench's world. */
const OBSERVER = `(() => {
  const tasks = (globalThis.__benchLongTasks = []);
  try {
    const po = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, ms: e.duration });
    });
    po.observe({ type: 'longtask' });
    globalThis.__benchTake = () => {
      for (const e of po.takeRecords()) tasks.push({ start: e.startTime, ms: e.duration });
      return tasks;
    };
  } catch (e) {
    globalThis.__benchTake = () => tasks;
  }
  // Layout shifts, buffered: those before this world existed too.
  const shifts = (globalThis.__benchShifts = []);
  const keep = (e) => shifts.push({ start: e.startTime, value: e.value, input: e.hadRecentInput });
  try {
    const so = new PerformanceObserver((list) => list.getEntries().forEach(keep));
    so.observe({ type: 'layout-shift', buffered: true });
    globalThis.__benchTakeShifts = () => {
      so.takeRecords().forEach(keep);
      return shifts;
    };
  } catch (e) {
    globalThis.__benchTakeShifts = () => null;
  }
})();`;

/** A tab and its DevTools session, knowing the content script's world and the bench's in the page. */
export interface Tab {
  page: Page;
  cdp: CDPSession;
  worlds: { content?: number; bench?: number };
}

export async function openTab(context: BrowserContext, page: Page, extensionOrigin: string): Promise<Tab> {
  const cdp = await context.newCDPSession(page);
  const mainFrame = (await cdp.send('Page.getFrameTree')).frameTree.frame.id;
  const tab: Tab = { page, cdp, worlds: {} };
  cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
    const aux = c.auxData as { frameId?: string; type?: string } | undefined;
    if (aux?.frameId !== mainFrame || aux.type !== 'isolated') return;
    if (c.name === WORLD) tab.worlds.bench = c.id;
    else if (c.origin === extensionOrigin) tab.worlds.content = c.id;
  });
  cdp.on('Runtime.executionContextsCleared', () => {
    tab.worlds = {};
  });
  await cdp.send('Page.enable');
  await cdp.send('Runtime.enable');
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: OBSERVER, worldName: WORLD });
  return tab;
}

export async function evaluate<T>(cdp: CDPSession, contextId: number, expression: string): Promise<T> {
  const r = await cdp.send('Runtime.evaluate', { expression, contextId, returnByValue: true, awaitPromise: true });
  if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
  return r.result.value as T;
}

export interface TabStatus {
  status: string;
  hidden: number;
  ms: number;
}

async function tabStatus(worker: Worker, url: string): Promise<TabStatus | null> {
  const all = (await worker.evaluate(() => chrome.storage.session.get(null))) as Record<string, TabStatus & { url: string }>;
  for (const [k, v] of Object.entries(all)) if (k.startsWith('tab:') && v.url === url) return { status: v.status, hidden: v.hidden, ms: v.ms };
  return null;
}

/**
 * The page's long tasks against the content script's spans: the longest task holding its work, its
 * own time in that task, and the longest task over LONG_TASK_LIMIT_MS that its work took over the
 * limit (0 if none). A span longer than every task observed counts as a task of its own.
 */
export function attributeTasks(
  spans: readonly Span[],
  tasks: readonly { start: number; ms: number }[],
): Pick<PageTiming, 'longestTask' | 'ownInLongest' | 'pushedOver'> {
  const own = (task: { start: number; ms: number }) =>
    spans.reduce((sum, s) => sum + Math.max(0, Math.min(s.start + s.ms, task.start + task.ms) - Math.max(s.start, task.start)), 0);
  const longestSpan = Math.max(0, ...spans.map((s) => s.ms));
  const held = tasks.filter((x) => own(x) > 0);
  const longest = held.reduce<{ start: number; ms: number } | null>((w, x) => (!w || x.ms > w.ms ? x : w), null);
  const pushed = held.filter((x) => x.ms > LONG_TASK_LIMIT_MS && x.ms - own(x) <= LONG_TASK_LIMIT_MS).map((x) => x.ms);
  return {
    longestTask: Math.max(longestSpan, longest?.ms ?? 0),
    ownInLongest: longest && longest.ms >= longestSpan ? own(longest) : longestSpan,
    pushedOver: Math.max(0, ...pushed, ...(longestSpan > LONG_TASK_LIMIT_MS ? [longestSpan] : [])),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface BenchOptions {
  dirs?: string[];
  limit?: number;
  /** Loads per page; each figure is the lowest of them. */
  repeat?: number;
  log?: (s: string) => void;
  /** The shared corpus (its fundus and sites folders give the revisits' sites); ../shared/corpus by default. */
  corpus?: string;
  /** false: no revisits. */
  revisits?: boolean;
}

export function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export async function benchBrowser(opts: BenchOptions = {}): Promise<BrowserBenchResult> {
  const dirs = opts.dirs?.length ? opts.dirs : DEFAULT_DIRS;
  const log = opts.log ?? (() => {});
  if (!existsSync(join(EXTENSION, 'manifest.json'))) throw new Error(`no built extension at ${EXTENSION}: run "npm run build" first`);
  const readabilitySource = readFileSync(createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js'), 'utf8');

  // Corpus pages by host and path: each at its real path (the engine reads a home page's address)
  // when pages.json gives its URL, else at /<corpus>/<file>.
  const corpora = dirs.map((dir) => {
    const name = basename(resolve(dir));
    let pages = JSON.parse(readFileSync(join(dir, 'pages.json'), 'utf8')) as CorpusPage[];
    if (opts.limit) pages = pages.slice(0, opts.limit);
    return { dir, name, pages };
  });
  const server = await corpusServer();
  const port = server.port;

  let browser: Launched | null = null;
  let plain: Plain | null = null;
  try {
    plain = await launchPlain();
    browser = await launchExtension('declutter-bench-');
    const { worker } = browser;
    let tab = browser.tab;
    const version = ((await tab.cdp.send('Browser.getVersion').catch(() => null)) as { product?: string } | null)?.product ?? chromiumVersion();

    const timings: PageTiming[] = [];
    const results: BrowserCorpusResult[] = [];
    const repeat = Math.max(1, opts.repeat ?? 1);
    let loads = 0;
    for (const c of corpora) {
      const mine: PageTiming[] = [];
      for (const [i, p] of c.pages.entries()) {
        // Each load in a fresh renderer (a host of its own); with --repeat, the lowest of each figure.
        let t: PageTiming | null = null;
        for (let k = 0; k < repeat; k++) {
          const host = hostFor(p, loads++);
          const path = servedPath(c.name, p);
          // As the browser writes it (percent-encoded), which is how it asks for it and reports it.
          const served = new URL(`http://${host}:${port}${path}`);
          server.serve(served, join(c.dir, 'html', p.file));
          const url = served.href;
          const one = emptyTiming(c.name, p.file, url);
          one.article = p.kind === undefined || p.kind === 'article';
          try {
            await measurePage(tab, worker(), url, one, readabilitySource);
            Object.assign(one, await shiftOf(plain, url, one.cls));
          } catch (e) {
            one.error = (e as Error).message.split('\n')[0];
            tab = await browser.recover(tab);
          }
          t = t ? lowest(t, one) : one;
        }
        mine.push(t!);
        timings.push(t!);
        if ((i + 1) % 50 === 0) log(`  ${c.name}: ${i + 1}/${c.pages.length}`);
      }
      results.push(summarize(c.name, mine));
    }
    await browser.close();
    browser = null;
    const revisits = opts.revisits === false ? undefined : await benchRevisits({ root: opts.corpus, limit: opts.limit, plain, server, log });
    return { chromium: version, corpora: results, all: summarize('all', timings), pages: timings, ...(revisits ? { revisits } : {}) };
  } finally {
    await browser?.close();
    await plain?.close();
    await server.close();
  }
}

/**
 * Other pages of a site read before it is revisited: enough for the extension to learn from
 * (MIN_SAMPLES) and one more, as a reader who has read a few of a site's pages.
 */
export const READ_BEFORE = MIN_SAMPLES + 1;
/** How long, after a page is read, the background may take to store what it learned from it. */
const LEARN_WAIT_MS = 3_000;

/** One page visited in a fresh profile, then in another after reading other pages of its site first. */
export interface RevisitPage {
  key: string;
  site: string;
  /** The pages read before the revisit, in order. */
  read: string[];
  /** Rules the extension had learned for the site (local:learnedRules, those on) when the page was opened again; null: the build stores none. */
  learnedRules: number | null;
  first: { cls: number; clsBase?: number; shift: number };
  revisit: { cls: number; clsBase?: number; shift: number };
  error?: string;
}

export interface RevisitResult {
  pages: RevisitPage[];
  first: ShiftStats;
  revisit: ShiftStats;
  /** The build stores what it learns (local:learnPages): without that a revisit is a first visit. */
  learning: boolean;
}

type Server = Awaited<ReturnType<typeof corpusServer>>;

/**
 * What the extension has learned of a site, from the stored values of local:learnPages (per site,
 * the digests of the pages read) and local:learnedRules (per site, the rules learned, a rule
 * switched off carrying `off`), or null where the build stores neither. Read loosely: the bench
 * only counts.
 */
export function learnedOf(stored: { learnPages?: unknown; learnedRules?: unknown }, site: string): { pages: number; rules: number } | null {
  const { learnPages, learnedRules } = stored;
  if ((!learnPages || typeof learnPages !== 'object') && (!learnedRules || typeof learnedRules !== 'object')) return null;
  const entry = (all: unknown) =>
    all && typeof all === 'object' ? (all as Record<string, { pages?: unknown; rules?: unknown } | undefined>)[site] : undefined;
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
  return {
    pages: list(entry(learnPages)?.pages).length,
    rules: list(entry(learnedRules)?.rules).filter((r) => !(r && typeof r === 'object' && (r as { off?: unknown }).off)).length,
  };
}

async function learnedState(worker: Worker, site: string): Promise<{ pages: number; rules: number } | null> {
  return learnedOf(await worker.evaluate(() => chrome.storage.local.get(['learnPages', 'learnedRules'])), site);
}

/** Whether the site's early style (the learned rules' CSS, written by the background after learning) is stored. */
async function hasEarlyStyle(worker: Worker, site: string): Promise<boolean> {
  const key = `early:${site}`;
  const got = (await worker.evaluate((k) => chrome.storage.local.get(k), key)) as Record<string, unknown>;
  return Array.isArray(got[key]) && (got[key] as unknown[]).length > 0;
}

/** The host a site's pages are served under for revisits: its real one where built-in rules apply, else one for the whole site. */
function siteHost(page: SitePage, n: number): string {
  const host = hostOf(page.url).toLowerCase();
  return host && sites.some((s) => host === s.host || host.endsWith(`.${s.host}`)) ? host : `site-${n + 1}.test`;
}

/**
 * The layout shift our hiding causes on a first visit and on a revisit, on the pages of the sites
 * with more than MIN_SAMPLES corpus pages (fundus by site, and the sites folder): each page in a
 * fresh profile; then, in another fresh profile, READ_BEFORE of its site's other pages first (the
 * extension learns from them while browsing, where the build does), and the page.
 */
export async function benchRevisits(o: {
  root?: string;
  limit?: number;
  plain: Plain;
  server: Server;
  log?: (s: string) => void;
}): Promise<RevisitResult | undefined> {
  const root = o.root ?? join(ROOT, '..', 'shared', 'corpus');
  const groups = bySite(sitePages(root), MIN_SAMPLES + 1);
  if (groups.length === 0) return undefined;
  let targets = groups.flatMap(([site, pages], n) => leaveOneOut(pages).map(({ left, others }) => ({ site, n, left, others: others.slice(0, READ_BEFORE) })));
  if (o.limit) targets = targets.slice(0, o.limit);
  // Known once the first page read has had its wait: whether this build stores what it learns.
  let stores: boolean | undefined;
  const visit = async (target: string, before: string[], site: string) => {
    const b = await launchExtension('declutter-visit-');
    try {
      for (const [i, url] of before.entries()) {
        await loadSettled(b.tab, b.worker(), url);
        if (stores === false) continue;
        const until = Date.now() + LEARN_WAIT_MS;
        for (;;) {
          const state = await learnedState(b.worker(), site);
          if (state) stores = true;
          if ((state && state.pages >= i + 1) || Date.now() > until) break;
          await sleep(100);
        }
        stores ??= false;
      }
      const learned = before.length ? await learnedState(b.worker(), site) : null;
      // The background writes the early style once the rules are stored: give it a moment.
      for (const until = Date.now() + LEARN_WAIT_MS; learned?.rules && !(await hasEarlyStyle(b.worker(), site)) && Date.now() < until;) await sleep(100);
      await loadSettled(b.tab, b.worker(), target);
      const cls = await pageCls(b.tab);
      return { cls, learnedRules: learned?.rules ?? null };
    } finally {
      await b.close();
    }
  };
  const out: RevisitPage[] = [];
  for (const t of targets) {
    const urlOf = (p: SitePage) => {
      const u = new URL(`http://${siteHost(p, t.n)}:${o.server.port}${servedPath(p.corpus, { file: basename(p.path), url: p.url })}`);
      o.server.serve(u, p.path);
      return u.href;
    };
    const target = urlOf(t.left);
    const r: RevisitPage = {
      key: t.left.key,
      site: t.site,
      read: t.others.map((p) => p.key),
      learnedRules: null,
      first: { cls: 0, shift: 0 },
      revisit: { cls: 0, shift: 0 },
    };
    try {
      const first = await visit(target, [], t.site);
      r.first = { cls: first.cls, ...(await shiftOf(o.plain, target, first.cls)) };
      const again = await visit(target, t.others.map(urlOf), siteKey(new URL(target).hostname));
      r.learnedRules = again.learnedRules;
      r.revisit = { cls: again.cls, ...(await shiftOf(o.plain, target, again.cls)) };
    } catch (e) {
      r.error = (e as Error).message.split('\n')[0];
    }
    out.push(r);
    o.log?.(`  revisit ${out.length}/${targets.length}: ${r.key}${r.error ? ` failed: ${r.error}` : ''}`);
  }
  const ok = out.filter((r) => !r.error);
  return {
    pages: out,
    first: shiftStats(ok.map((r) => ({ key: r.key, shift: r.first.shift }))),
    revisit: shiftStats(ok.map((r) => ({ key: r.key, shift: r.revisit.shift }))),
    learning: stores === true,
  };
}

/** A server on 127.0.0.1 for corpus pages, byte for byte and with their scripts off; `serve` maps an address to a file. */
export async function corpusServer(): Promise<{ port: number; serve(url: URL, file: string): void; close(): Promise<void> }> {
  const files = new Map<string, string>();
  const server = createServer((req, res) => {
    const file = files.get(`${(req.headers.host ?? '').replace(/:\d+$/, '')}${req.url ?? '/'}`);
    if (file) {
      res.writeHead(200, {
        'content-type': 'text/html',
        'content-security-policy': "script-src 'none'",
        'cache-control': 'no-store',
      });
      res.end(readFileSync(file));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    // As the browser writes the address (percent-encoded), which is how it asks for it.
    serve: (url, file) => void files.set(`${url.hostname}${url.pathname}${url.search}`, file),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface Launched {
  context: BrowserContext;
  /** The extension's current service worker (it may be stopped and started again). */
  worker: () => Worker;
  /** A first tab, with its DevTools session. */
  tab: Tab;
  /** A crashed or closed tab is replaced; a live one goes to a blank page. */
  recover(tab: Tab): Promise<Tab>;
  close(): Promise<void>;
}

/** Chromium with the built extension, in a fresh profile. */
export async function launchExtension(profilePrefix: string): Promise<Launched> {
  const userDataDir = mkdtempSync(join(tmpdir(), profilePrefix));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    args: chromiumArgs(EXTENSION),
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  };
  try {
    const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionOrigin = `chrome-extension://${new URL(first.url()).host}`;
    const tab = await openTab(context, context.pages()[0] ?? (await context.newPage()), extensionOrigin);
    return {
      context,
      worker: () => context.serviceWorkers().at(-1) ?? first,
      tab,
      async recover(t) {
        if (
          !t.page.isClosed() &&
          (await t.page.goto('about:blank').then(
            () => true,
            () => false,
          ))
        )
          return t;
        await t.page.close().catch(() => {});
        return openTab(context, await context.newPage(), extensionOrigin);
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** The page's CLS so far (`clsOf` its layout shifts), after SHIFT_SETTLE_MS. */
export async function pageCls(tab: Tab): Promise<number> {
  await sleep(SHIFT_SETTLE_MS);
  const bench = tab.worlds.bench;
  if (bench === undefined) throw new Error('no bench world in the page');
  const shifts = await evaluate<Shift[] | null>(tab.cdp, bench, `globalThis.__benchTakeShifts ? globalThis.__benchTakeShifts()?.slice() ?? null : null`);
  if (!shifts) throw new Error('this Chromium reports no layout shifts');
  return clsOf(shifts);
}

/** Chromium without the extension, for the pages' own layout shifts. */
export interface Plain {
  /** The page's CLS as a browser without us shows it. */
  cls(url: string): Promise<number>;
  close(): Promise<void>;
}

export async function launchPlain(): Promise<Plain> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs() });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const open = async () => openTab(context, await context.newPage(), 'no-extension:');
    let tab = await open();
    return {
      async cls(url) {
        try {
          await tab.page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
          return await pageCls(tab);
        } catch (e) {
          await tab.page.close().catch(() => {});
          tab = await open();
          throw e;
        }
      },
      close: () => browser.close().catch(() => {}),
    };
  } catch (e) {
    await browser.close().catch(() => {});
    throw e;
  }
}

/** The shift our hiding causes on a page whose CLS with the extension is `cls`: the page's own shifts (without us) taken off. */
export async function shiftOf(plain: Plain, url: string, cls: number): Promise<{ clsBase?: number; shift: number }> {
  // Hiding only takes shifts away where there are none with it: no shift is ours.
  if (cls <= 0) return { shift: 0 };
  const clsBase = await plain.cls(url);
  return { clsBase, shift: Math.max(0, cls - clsBase) };
}

function emptyTiming(corpus: string, file: string, url: string): PageTiming {
  const runs = { sent: 0, remote: 0, local: 0, mismatched: 0 };
  return {
    corpus,
    file,
    url,
    status: '',
    hidden: 0,
    ms: 0,
    engineMs: 0,
    latencyMs: 0,
    runs,
    spans: [],
    longestSpan: 0,
    longestTask: 0,
    ownInLongest: 0,
    pushedOver: 0,
    longestPageTask: 0,
    readabilityMs: 0,
    elements: 0,
    cls: 0,
    shift: 0,
  };
}

/** Two loads of a page: the lowest of each figure (a load that failed gives way to one that did not). */
export function lowest(a: PageTiming, b: PageTiming): PageTiming {
  if (a.error) return b;
  if (b.error) return a;
  const fast = b.ms < a.ms ? b : a;
  return {
    ...fast,
    engineMs: Math.min(a.engineMs, b.engineMs),
    latencyMs: Math.min(a.latencyMs, b.latencyMs),
    longestSpan: Math.min(a.longestSpan, b.longestSpan),
    longestTask: Math.min(a.longestTask, b.longestTask),
    ownInLongest: a.longestTask <= b.longestTask ? a.ownInLongest : b.ownInLongest,
    pushedOver: Math.min(a.pushedOver, b.pushedOver),
    longestPageTask: Math.min(a.longestPageTask, b.longestPageTask),
    readabilityMs: Math.min(a.readabilityMs, b.readabilityMs),
    ...(a.shift <= b.shift ? { cls: a.cls, clsBase: a.clsBase, shift: a.shift } : { cls: b.cls, clsBase: b.clsBase, shift: b.shift }),
  };
}

/** The page's real path and query when pages.json gives its URL, else /<corpus>/<file>. */
export function servedPath(corpus: string, page: CorpusPage): string {
  try {
    if (page.url) {
      const u = new URL(page.url);
      return `${u.pathname}${u.search}`;
    }
  } catch {
    // no usable URL
  }
  return `/${corpus}/${encodeURIComponent(page.file)}`;
}

/** The page's real host where built-in site rules apply to it, else a host of its own. */
export function hostFor(page: CorpusPage, n: number): string {
  let host = '';
  try {
    host = page.url ? new URL(page.url).hostname.toLowerCase() : '';
  } catch {
    // no usable URL
  }
  if (host && sites.some((s) => host === s.host || host.endsWith(`.${s.host}`))) return host;
  return `page-${n + 1}.test`;
}

/**
 * Loads a page and waits until the content script has settled: its run at DOM ready is done (its
 * answer too) and the background knows the outcome; on a page that was not an article then, until
 * the recheck 1.5 s after load is done too. Returns the tab's status and the script's record.
 */
export async function loadSettled(tab: Tab, worker: Worker, url: string): Promise<{ state: TabStatus; record: PerfRecord }> {
  const { page, cdp } = tab;
  await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
  const recordOf = async (): Promise<PerfRecord> => {
    const id = tab.worlds.content;
    if (id === undefined) return { spans: [] };
    return evaluate<PerfRecord>(cdp, id, `(({ spans = [], runs } = globalThis.declutterPerf ?? {}) => ({ spans: spans.slice(), runs }))()`);
  };
  /** Every snapshot sent to the background has had its answer. */
  const landed = (r: PerfRecord) => r.spans.filter((s) => s.name === 'answer').length >= (r.runs?.sent ?? 0);
  // Settled: the run at DOM ready is done (its answer too) and the background knows the outcome.
  const until = Date.now() + 10_000;
  let state: TabStatus | null = null;
  for (;;) {
    const record = await recordOf();
    if (record.spans.some((s) => s.name === 'dom-ready') && landed(record)) {
      state = await tabStatus(worker, url);
      if (state && state.status !== 'pending') break;
    }
    if (Date.now() > until) throw new Error(`the content script did not finish (status ${state?.status ?? 'none'})`);
    await sleep(20);
  }
  // A page that was not an article at DOM ready is looked at again 1.5 s after load.
  if (state.status === 'not-article') {
    const wait = Date.now() + RECHECK_WAIT_MS;
    for (;;) {
      const record = await recordOf();
      if ((record.spans.some((s) => s.name === 'recheck') && landed(record)) || Date.now() > wait) break;
      await sleep(50);
    }
    state = (await tabStatus(worker, url)) ?? state;
  }
  return { state, record: await recordOf() };
}

async function measurePage(tab: Tab, worker: Worker, url: string, t: PageTiming, readabilitySource: string): Promise<void> {
  const { cdp } = tab;
  const { state, record } = await loadSettled(tab, worker, url);
  t.spans = record.spans;
  t.runs = { ...t.runs, ...record.runs };
  const ready = t.spans.find((s) => s.name === 'dom-ready');
  const answer = ready && t.spans.find((s) => s.name === 'answer' && s.start >= ready.start);
  if (ready) t.latencyMs = (answer ?? ready).start + (answer ?? ready).ms - ready.start;
  t.status = state.status;
  t.hidden = state.hidden;
  t.engineMs = state.ms;
  t.ms = t.spans.reduce((s, x) => s + x.ms, 0);
  t.longestSpan = Math.max(0, ...t.spans.map((s) => s.ms));

  const bench = tab.worlds.bench;
  if (bench === undefined) throw new Error('no bench world in the page');
  await sleep(30); // long-task entries are queued for their observer
  const tasks = await evaluate<{ start: number; ms: number }[]>(cdp, bench, `globalThis.__benchTake ? globalThis.__benchTake().slice() : []`);
  Object.assign(t, attributeTasks(t.spans, tasks));
  t.longestPageTask = Math.max(0, ...tasks.map((x) => x.ms));
  t.cls = await pageCls(tab);

  // Readability alone, in the same page, timed the same way.
  await evaluate(cdp, bench, `${readabilitySource}\n;globalThis.__benchReadability = Readability; 0`);
  const r = await evaluate<{ ms: number; elements: number }>(
    cdp,
    bench,
    `(() => {
      const t0 = performance.now();
      new __benchReadability(document.cloneNode(true)).parse();
      const ms = performance.now() - t0;
      return { ms, elements: document.getElementsByTagName('*').length };
    })()`,
  );
  t.readabilityMs = r.ms;
  t.elements = r.elements;
}

function parseArgs(argv: string[]): { dirs: string[]; limit?: number; repeat: number; json: boolean; corpus?: string; revisits: boolean } | null {
  const dirs: string[] = [];
  let limit: number | undefined;
  let repeat = 1;
  let json = false;
  let corpus: string | undefined;
  let revisits = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--limit') limit = Math.max(1, Number(argv[++i]) || 0) || undefined;
    else if (a === '--repeat') repeat = Math.max(1, Number(argv[++i]) || 1);
    else if (a === '--json') json = true;
    else if (a === '--corpus' && argv[i + 1]) corpus = resolve(argv[++i]);
    else if (a === '--no-revisits') revisits = false;
    else if (a.startsWith('--')) return null;
    else dirs.push(a);
  }
  return { dirs, limit, repeat, json, corpus, revisits };
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    process.stderr.write('usage: npm run bench:browser -- [--limit N] [--repeat N] [--json] [--corpus DIR] [--no-revisits] [DIR...]\n');
    return 2;
  }
  const started = Date.now();
  const r = await benchBrowser({
    dirs: args.dirs,
    limit: args.limit,
    repeat: args.repeat,
    corpus: args.corpus,
    revisits: args.revisits,
    log: (s) => process.stderr.write(`${s}\n`),
  });
  if (args.json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatBrowserTable(r)}\n\n${formatShiftTable(r)}\n\n${shiftVerdict(r.revisits)}\n\n`);
    const over = r.all.over;
    process.stdout.write(
      over.length
        ? `Pages with a task over ${LONG_TASK_LIMIT_MS} ms holding content-script work:\n${over.map((o) => `  ${o.file}: task ${o.task.toFixed(1)} ms, of it the content script's ${o.own.toFixed(1)} ms, longest span ${o.span.toFixed(1)} ms, ${o.elements} elements, ${o.status}`).join('\n')}\n`
        : `No page has a task over ${LONG_TASK_LIMIT_MS} ms holding content-script work.\n`,
    );
    process.stdout.write(`${r.chromium}, ${cpus().length} CPUs, Node ${process.version}; ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
  for (const e of r.all.errors) process.stderr.write(`${e}\n`);
  for (const p of r.revisits?.pages.filter((x) => x.error) ?? []) process.stderr.write(`revisit ${p.key}: ${p.error}\n`);
  return 0;
}

if (process.argv[1] && /bench-browser\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
