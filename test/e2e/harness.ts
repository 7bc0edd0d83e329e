/**
 * Browser tests' harness: Debian's Chromium with the built extension (.output/chrome-mv3), and a
 * small HTTP server on 127.0.0.1 that serves the golden fixture pages under their real host names
 * (every host resolves to 127.0.0.1, so http://globalnews.ca:PORT/… reaches it and site rules
 * match), plus a few pages made for these tests.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page, type Worker } from 'playwright-core';
import { CHROMIUM, chromiumArgs } from '../../scripts/chromium';
import type { TabState } from '../../lib/extension/messages';
import type { PerfRecord } from '../../lib/extension/content/perf';
import { rulesForHost } from '../../lib/engine/find/site-rules';
import { LIVE_ATTR } from '../../lib/engine/apply/site-style';
import { sites } from '../../lib/rules/sites/index';

/** The extension API, as seen by code evaluated in the service worker. */
declare const chrome: (typeof import('wxt/browser'))['browser'];

export const ROOT = join(import.meta.dirname, '..', '..');
export const EXTENSION = join(ROOT, '.output', 'chrome-mv3');
export const ARTIFACTS = join(ROOT, 'test-results');
export { CHROMIUM };

export interface Fixture {
  host: string;
  slug: string;
  path: string;
  html: string;
  expected: {
    url: string;
    paragraphs: string[];
    hidden: { kind: string; selector: string; note?: string }[];
    once: string[];
    kept: string[];
    /** The article's furniture: never hidden. */
    furniture: { byline: string; date: string; lead: string; captions: string[] };
  };
}

const FIXTURES_DIR = join(ROOT, 'test', 'fixtures');

export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURES_DIR).flatMap((host) =>
    readdirSync(join(FIXTURES_DIR, host))
      .filter((slug) => existsSync(join(FIXTURES_DIR, host, slug, 'source.html')))
      .map((slug) => {
        const dir = join(FIXTURES_DIR, host, slug);
        const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Fixture['expected'];
        return { host, slug, path: new URL(expected.url).pathname, html: readFileSync(join(dir, 'source.html'), 'utf8'), expected };
      }),
  );
}

function para(n: number): string {
  return `<p>Paragraph ${n} of the report: the council met on Tuesday evening and argued for hours about the budget, the roads and the new library before it voted late at night.</p>`;
}

/** An article that gets a newsletter sign-up box 2 s after it loaded, as lazy prompts do. */
export const LATE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council passes budget after a long night</title></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>Council passes budget after a long night</h1><div class="story-body" id="story">
${[1, 2, 3, 4].map(para).join('\n')}
<div id="slot"></div>
${[5, 6, 7, 8].map(para).join('\n')}
</div></article></main>
<footer><p>© Example Local News</p></footer>
<script>
setTimeout(function () {
  var box = document.createElement('div');
  box.className = 'promo-box';
  box.id = 'late-signup';
  box.innerHTML = '<h3>Get the morning briefing</h3><p>Sign up for our daily newsletter, delivered to your inbox every morning.</p>' +
    '<form><input type="email" name="email" placeholder="Your email address"><button type="submit">Sign up</button></form>';
  document.getElementById('slot').appendChild(box);
  document.documentElement.setAttribute('data-late-inserted', String(Date.now()));
}, 2000);
</script>
</body></html>`;

/** An article with nothing to remove. */
export const PLAIN_PAGE = LATE_PAGE.replace(/<script>[\s\S]*<\/script>/, '');

/** A page that is not an article: a list of links. */
export const LIST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example Local News: front page</title></head><body>
<header><h1>Example Local News</h1></header>
<ul>${Array.from({ length: 12 }, (_, i) => `<li><a href="/news/story-${i}">Story number ${i} of the day</a></li>`).join('')}</ul>
<div class="newsletter"><p>Sign up for our newsletter</p><form><input type="email" placeholder="Email"><button>Subscribe</button></form></div>
<footer><p>© Example Local News</p></footer>
</body></html>`;

export interface Served {
  server: Server;
  port: number;
  url(host: string, path: string): string;
  close(): Promise<void>;
}

/** Serves the fixtures and the pages above; `extra` adds pages of a test's own, by `host/path`. */
export async function serve(fixtures: Fixture[], extra: Record<string, string> = {}): Promise<Served> {
  const pages = new Map<string, string>();
  for (const f of fixtures) pages.set(`${f.host}${f.path}`, f.html);
  pages.set('late.example.com/news/late-signup/', LATE_PAGE);
  pages.set('front.example.com/', LIST_PAGE);
  pages.set('plain.example.com/news/plain/', PLAIN_PAGE);
  for (const [where, html] of Object.entries(extra)) pages.set(where, html);
  const server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = (req.url ?? '/').split('?')[0];
    const html = pages.get(`${host}${path}`);
    if (html !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    } else {
      res.writeHead(path === '/favicon.ico' ? 204 : 404, { 'content-type': 'text/plain' });
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: (host, path) => `http://${host}:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const NETWORK_NOISE = /^Failed to load resource|net::ERR_|favicon/;

export interface Browser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  errors: string[];
  userDataDir: string;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  if (!existsSync(join(EXTENSION, 'manifest.json'))) throw new Error(`no built extension at ${EXTENSION}: run "wxt build" first`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const userDataDir = mkdtempSync(join(tmpdir(), 'declutter-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: chromiumArgs(EXTENSION),
  });
  const errors: string[] = [];
  const onConsole = (where: string) => (msg: ConsoleMessage) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (NETWORK_NOISE.test(text)) return;
    errors.push(`${where}: ${text}`);
  };
  const watchPage = (page: Page) => {
    page.on('console', onConsole(`page ${page.url()}`));
    page.on('pageerror', (e) => errors.push(`page ${page.url()}: ${e.message}`));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  const watchWorker = (w: Worker) => w.on('console', onConsole('service worker'));
  const existing = context.serviceWorkers();
  existing.forEach(watchWorker);
  context.on('serviceworker', watchWorker);
  const worker = existing[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    errors,
    userDataDir,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The current service worker (it may have been stopped and started again). */
export function currentWorker(b: Browser): Worker {
  return b.context.serviceWorkers().at(-1) ?? b.worker;
}

/** All tab states the background keeps in session storage, by tab id. */
export async function sessionStates(b: Browser): Promise<Map<number, TabState>> {
  const all = await currentWorker(b).evaluate(() => chrome.storage.session.get(null));
  const out = new Map<number, TabState>();
  for (const [k, v] of Object.entries(all as Record<string, TabState>)) if (k.startsWith('tab:')) out.set(Number(k.slice(4)), v);
  return out;
}

/** Waits until the background has a state for `url` that satisfies `ok`; returns the tab id and state. */
export async function waitForState(
  b: Browser,
  url: string,
  ok: (s: TabState) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<{ tabId: number; state: TabState }> {
  const until = Date.now() + timeoutMs;
  let last: TabState | undefined;
  while (Date.now() < until) {
    for (const [tabId, state] of await sessionStates(b)) {
      if (state.url !== url) continue;
      last = state;
      if (ok(state)) return { tabId, state };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no matching state for ${url} within ${timeoutMs} ms; last: ${JSON.stringify(last)?.slice(0, 500)}`);
}

export async function badgeText(b: Browser, tabId: number): Promise<string> {
  return currentWorker(b).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** Writes the extension's settings as the popup or options page would (through storage). */
export async function setSettings(b: Browser, settings: { enabled: boolean; disabledSites: string[] }): Promise<void> {
  await currentWorker(b).evaluate((s) => chrome.storage.local.set({ settings: s }), settings);
}

export async function resetStorage(b: Browser): Promise<void> {
  await currentWorker(b).evaluate(async () => {
    await chrome.storage.local.remove(['settings', 'kept']);
  });
}

export function popupUrl(b: Browser, tabId: number): string {
  return `chrome-extension://${b.extensionId}/popup.html?tabId=${tabId}`;
}

/** Opens the popup for a tab in a page of its own, sized like the real popup. */
export async function openPopup(b: Browser, tabId: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.emulateMedia({ colorScheme });
  await page.goto(popupUrl(b, tabId));
  await page.waitForSelector('main[aria-busy="false"]');
  return page;
}

/** Collapsed text, as the fixture tests compare it. */
export function collapse(s: string): string {
  return s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** What the content script records of its own work in a page (lib/perf.ts), read from its isolated world. */
export async function contentScriptRecord(b: Browser, page: Page): Promise<PerfRecord | null> {
  const cdp = await b.context.newCDPSession(page);
  try {
    const origin = `chrome-extension://${b.extensionId}`;
    const worlds: number[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
      const aux = c.auxData as { type?: string; isDefault?: boolean } | undefined;
      if (aux?.type === 'isolated' && c.origin.startsWith(origin)) worlds.push(c.id);
    });
    await cdp.send('Runtime.enable'); // reports the contexts that exist
    for (const contextId of worlds) {
      const r = await cdp.send('Runtime.evaluate', { expression: 'globalThis.declutterPerf ?? null', contextId, returnByValue: true });
      if (r.result.value) return r.result.value as PerfRecord;
    }
    return null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * The page's DOM without the content script's mark on <html> (LIVE_ATTR: on a site with built-in
 * rules it keeps the site's built-in stylesheet off, so it stays when the page is restored), and
 * whether the mark is there.
 */
export async function domOf(page: Page): Promise<[string, boolean]> {
  return page.evaluate((attr) => {
    const root = document.documentElement.cloneNode(true) as Element;
    const live = root.hasAttribute(attr);
    root.removeAttribute(attr);
    return [root.outerHTML, live] as [string, boolean];
  }, LIVE_ATTR);
}

/** On a site with built-in rules the mark stays; elsewhere there is none. */
export const marked = (host: string) => rulesForHost(host, sites).length > 0;
