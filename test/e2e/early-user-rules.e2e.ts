/**
 * A user's plain-CSS rule hides its block before the page paints: while the page still parses,
 * not at DOM ready. The rule is added through the options page (a filter-list line); the
 * background writes the site's early style (lib/extension/background/early-style.ts), and the
 * document_start script (entrypoints/early.content.ts) puts it in as the page starts to parse.
 * The document_end content script takes over and removes it; turning the site off restores the
 * page exactly; with the site off or the rule removed, the block shows while the page parses.
 *
 * The page is served slowly, as in early.e2e.ts: the article at once, the end of the body HOLD_MS
 * later. The page's own inline script records what is shown while the parser waits for the tail,
 * and at DOMContentLoaded from a capturing listener on window (before any content script's).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { currentWorker, domOf, launch, waitForState, type Browser } from './harness';

/** The extension API, as seen by code evaluated in the service worker and the extension's pages. */
declare const chrome: (typeof import('wxt/browser'))['browser'];

/** How long the server holds the end of the body. */
const HOLD_MS = 2_000;
const HOST = 'early.example.com';
/** The same page under a host the user has no rule for. */
const OTHER = 'other.example.net';
const KEY = `early:${HOST}`;
const PARAGRAPHS = ['para-1', 'para-2', 'para-3', 'para-4'];

/**
 * When the page records what it shows: as the first chunk is parsed, half-way through the hold
 * (the parser waiting for the tail), and at DOMContentLoaded.
 */
type When = 'parsing' | 'loading' | 'domContentLoaded';

interface Seen {
  t: number;
  readyState: string;
  /** The document_start script's style, and the content script's stylesheet. */
  early: boolean;
  siteStyle: boolean;
  promo: string;
  other: string;
  paragraphs: Record<string, boolean>;
}

const para = (n: number) =>
  `<p id="para-${n}">Paragraph ${n}: the council met on Tuesday evening and argued for hours about the budget, the roads and the new library before it voted late at night.</p>`;

const HEAD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council passes budget after a long night</title>
<script>
window.__seen = {};
function record(when) {
  var paragraphs = {};
  ${JSON.stringify(PARAGRAPHS)}.forEach(function (id) {
    var el = document.getElementById(id);
    paragraphs[id] = getComputedStyle(el).display !== 'none' && el.checkVisibility();
  });
  window.__seen[when] = { t: performance.now(), readyState: document.readyState,
    early: !!document.getElementById('declutter-early-style'), siteStyle: !!document.getElementById('declutter-site-style'),
    promo: getComputedStyle(document.getElementById('promo')).display, other: getComputedStyle(document.getElementById('other')).display,
    paragraphs: paragraphs };
}
window.addEventListener('DOMContentLoaded', function () { record('domContentLoaded'); }, true);
// When the early style came in, and when the page first painted.
window.__earlyAt = document.getElementById('declutter-early-style') ? performance.now() : null;
new MutationObserver(function (_, o) {
  if (document.getElementById('declutter-early-style')) { window.__earlyAt = performance.now(); o.disconnect(); }
}).observe(document, { childList: true, subtree: true });
setTimeout(function () { record('loading'); }, ${HOLD_MS / 2});
</script>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Council passes budget after a long night</h1><div class="story-body">
${para(1)}
${para(2)}
<div class="house-promo" id="promo"><p>Try our puzzles and games, new every day of the week</p></div>
${para(3)}
<div class="house-note" id="other"><p>Corrections: write to the editor at the address below</p></div>
${para(4)}
</div></article></main>
<script>record('parsing');</script>
`;
/** Well past the parser's first chunk, so the article is parsed before the tail arrives. */
const SPACER = `<!--${' '.repeat(4096)}-->\n`;
const TAIL = `<footer><p>© Example Local News</p></footer>
</body></html>`;

let b: Browser;
let server: Server;
let port = 0;
let options: Page;
let visits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] !== '/news/budget/') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.write(`${HEAD}${SPACER}`);
    setTimeout(() => res.end(TAIL), HOLD_MS);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  b = await launch();
  options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await options.waitForSelector('#kept .none');
});
afterAll(async () => {
  await b?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

/** What storage holds under a key, read in the service worker. */
function stored(key: string): Promise<unknown> {
  return currentWorker(b).evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);
}

/** A change saved as the extension's pages save it: a message to the background, its only writer. */
async function save(change: unknown): Promise<void> {
  const result = await options.evaluate((c) => chrome.runtime.sendMessage({ type: 'save', change: c }), change);
  expect(result).toMatchObject({ ok: true });
}

async function visit(host: string): Promise<{ url: string; page: Page; seen: Record<When, Seen> }> {
  const url = `http://${host}:${port}/news/budget/?visit=${++visits}`;
  const page = await b.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const seen = await page.evaluate(() => (window as unknown as { __seen: Record<When, Seen> }).__seen);
  return { url, page, seen };
}

/** The page's DOM as the served markup makes it, where no content script runs. */
async function originalDom(): Promise<string> {
  const blank = await b.context.newPage();
  await blank.setContent(`${HEAD}${SPACER}${TAIL}`);
  const dom = await blank.evaluate(() => document.documentElement.outerHTML);
  await blank.close();
  return dom;
}

const allShown = Object.fromEntries(PARAGRAPHS.map((id) => [id, true]));

describe('a plain-CSS rule of the user’s, the page’s tail loading slowly', () => {
  it('is written as the site’s early style once the options page saved it', async () => {
    await options.getByRole('textbox', { name: 'Filter list' }).fill(`${HOST}##.house-promo\n`);
    await options.getByRole('button', { name: 'Add the rules' }).click();
    await expect.poll(() => options.locator('#import-result .summary').textContent()).toBe('Added 1 rule. Already saved: 0.');
    await expect.poll(() => stored(KEY)).toEqual(['.house-promo']);
  });

  it('hides its block while the page parses and at DOMContentLoaded, the paragraphs and the other block shown; the content script then takes over', async () => {
    const { url, page, seen } = await visit(HOST);
    const { parsing, loading, domContentLoaded } = seen;
    expect(loading.readyState).toBe('loading');
    // Checked while the server still held the tail.
    expect(domContentLoaded.t - parsing.t).toBeGreaterThanOrEqual(HOLD_MS * 0.8);
    expect(domContentLoaded.t - loading.t).toBeGreaterThanOrEqual(HOLD_MS * 0.3);
    for (const s of [loading, domContentLoaded]) {
      expect(s.promo).toBe('none');
      expect(s.other).not.toBe('none');
      expect(s.paragraphs).toEqual(allShown);
      expect(s.early).toBe(true);
    }
    // No content script in the page's parsing: only the style it left.
    expect(loading.siteStyle).toBe(false);

    const { state } = await waitForState(b, url, (st) => st.status === 'cleaned');
    expect(state.blocks.map((x) => x.rule)).toContain(`user:${HOST} .house-promo`);
    const now = await page.evaluate(() => ({
      early: !!document.getElementById('declutter-early-style'),
      css: document.getElementById('declutter-site-style')?.textContent ?? '',
      promo: document.getElementById('promo')!.checkVisibility(),
    }));
    expect(now).toMatchObject({ early: false, promo: false });
    expect(now.css).toContain(':is(.house-promo)');

    // Turned off: the page exactly as it was served, and the site's early style gone from storage.
    await save({ op: 'siteOn', site: HOST, on: false });
    await waitForState(b, url, (st) => st.status === 'off');
    expect((await domOf(page))[0]).toBe(await originalDom());
    expect(await page.evaluate(() => document.getElementById('promo')!.checkVisibility())).toBe(true);
    await expect.poll(() => stored(KEY)).toBeUndefined();
    await page.close();
  });

  it('shows the block while the page parses when the site is off', async () => {
    const { page, seen } = await visit(HOST);
    await page.close();
    for (const s of [seen.parsing, seen.loading, seen.domContentLoaded]) {
      expect(s.early).toBe(false);
      expect(s.promo).not.toBe('none');
      expect(s.paragraphs).toEqual(allShown);
    }
  });

  it('hides nothing once the content script knows the site is off, even with the key still stored', async () => {
    // As if the background had not yet removed it.
    await currentWorker(b).evaluate((k) => chrome.storage.local.set({ [k]: ['.house-promo'] }), KEY);
    const { url, page, seen } = await visit(HOST);
    expect(seen.loading.promo).toBe('none'); // the stored key is read
    await waitForState(b, url, (st) => st.status === 'off');
    expect(await page.evaluate(() => [!!document.getElementById('declutter-early-style'), document.getElementById('promo')!.checkVisibility()])).toEqual([
      false,
      true,
    ]);
    expect((await domOf(page))[0]).toBe(await originalDom());
    await page.close();
  });

  it('is written again when the site is turned on, and removed with the rule: the block then shows while the page parses', async () => {
    await save({ op: 'siteOn', site: HOST, on: true });
    await expect.poll(() => stored(KEY)).toEqual(['.house-promo']);
    await save({ op: 'deleteRule', site: HOST, selector: '.house-promo' });
    await expect.poll(() => stored(KEY)).toBeUndefined();
    const { page, seen } = await visit(HOST);
    await page.close();
    for (const s of [seen.parsing, seen.loading, seen.domContentLoaded]) {
      expect(s.early).toBe(false);
      expect(s.promo).not.toBe('none');
      expect(s.paragraphs).toEqual(allShown);
    }
  });
});

describe('the same page under a host the user has no rule for', () => {
  it('shows the block while it parses (what the checks above would see without the early style)', async () => {
    await save({ op: 'importRules', rules: [{ site: HOST, rule: { selector: '.house-promo', kind: 'ad', from: 'options' } }] });
    await expect.poll(() => stored(KEY)).toEqual(['.house-promo']);
    const { page, seen } = await visit(OTHER);
    await page.close();
    expect(seen.loading.readyState).toBe('loading');
    for (const s of [seen.parsing, seen.loading, seen.domContentLoaded]) {
      expect(s.early).toBe(false);
      expect(s.promo).not.toBe('none');
      expect(s.paragraphs).toEqual(allShown);
    }
  });
});

it('logs no errors in pages, popup or service worker', () => {
  expect(b.errors).toEqual([]);
});
