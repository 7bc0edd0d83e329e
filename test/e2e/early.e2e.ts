/**
 * Known sites: the blocks a site rule names are hidden before the page's DOM is ready — by the
 * site's built-in stylesheet, a CSS file the browser puts in at document_start (lib/site-style.ts),
 * not by the engine's run at DOMContentLoaded, and with no script of ours in the page's parsing.
 *
 * The page, in Global News' markup, is served slowly: the article (paragraphs, share bar, sign-up
 * box, ad slot) arrives at once, the end of the body HOLD_MS later. The page's own inline script
 * records what is shown twice: while the parser waits for the tail, and at DOMContentLoaded from a
 * capturing listener on window, which runs before any listener on the document (the content
 * script's among them). The same page under a host without rules shows the same blocks: the check
 * would fail without the built-in stylesheet.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, waitForState, type Browser } from './harness';

/** How long the server holds the end of the body. */
const HOLD_MS = 1_500;
const PROBES = ['probe-share', 'probe-signup', 'probe-ad', 'probe-tabs'];
const PARAGRAPHS = ['para-1', 'para-2', 'para-3', 'para-4', 'para-5'];

interface Seen {
  t: number;
  readyState: string;
  /** Something of ours in the DOM: the content script's stylesheet, or its mark on <html>. */
  siteStyle: boolean;
  live: boolean;
  probes: Record<string, string>;
  paragraphs: Record<string, boolean>;
}

const para = (n: number) =>
  `<p id="para-${n}">Paragraph ${n}: the province announced on Tuesday that the new transit line will open in the spring, after years of delays and a budget that grew by a third.</p>`;

const HEAD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Transit line to open in spring, province says | Globalnews.ca</title>
<script>
window.__seen = {};
function record(when) {
  var probes = {}, paragraphs = {};
  ${JSON.stringify(PROBES)}.forEach(function (id) { probes[id] = getComputedStyle(document.getElementById(id)).display; });
  ${JSON.stringify(PARAGRAPHS)}.forEach(function (id) {
    var el = document.getElementById(id);
    paragraphs[id] = getComputedStyle(el).display !== 'none' && el.checkVisibility();
  });
  window.__seen[when] = { t: performance.now(), readyState: document.readyState, siteStyle: !!document.getElementById('declutter-site-style'), live: document.documentElement.hasAttribute('data-declutter-live'), probes: probes, paragraphs: paragraphs };
}
window.addEventListener('DOMContentLoaded', function () { record('domContentLoaded'); }, true);
</script>
</head>
<body class="single single-post">
<main class="l-main"><div class="l-article">
<h1 class="l-article__title">Transit line to open in spring, province says</h1>
<div class="c-socialShare c-socialShare--article" id="probe-share"><div class="c-socialShare__list">
<a class="c-socialShare__item c-socialShare__item--facebook" href="https://www.facebook.com/sharer.php">Share on Facebook</a>
<a class="c-socialShare__item c-socialShare__item--x" href="https://x.com/intent/tweet">Share on X</a>
<a class="c-socialShare__item c-socialShare__item--email" href="mailto:?subject=Transit">Email</a>
</div></div>
<article class="l-article__text js-story-text" aria-label="Article text">
${para(1)}
${para(2)}
<div class="c-ad c-ad--bigbox l-article__ad" id="probe-ad"><div class="c-ad__label">Advertisement</div><div class="c-ad__unit"></div></div>
${para(3)}
<div class="c-inlineSignup" id="probe-signup" data-newsletter-inline><div class="c-inlineSignup__content">
<h2 class="c-inlineSignup__title">Get breaking National news</h2>
<div class="c-inlineSignup__blurb">For news impacting Canada and around the world, sign up for breaking news alerts delivered directly to you when they happen.</div>
<form class="c-newsletterSignup__container"><input type="email" class="c-newsletterSignup__input" placeholder="Email address"><button class="c-button c-inlineSignup__button" type="submit">Get Started</button></form>
</div></div>
${para(4)}
<div class="c-tabs" id="probe-tabs"><h3 class="c-tabs__title">More on Canada</h3><ul>
<li><a href="/news/1/">Province names new transit chief</a></li>
<li><a href="/news/2/">Bus fares to rise in January</a></li>
<li><a href="/news/3/">Council approves bike lanes downtown</a></li>
</ul></div>
${para(5)}
</article>
</div></main>
<script>record('parsing');</script>
`;

const TAIL = `<aside class="l-sidebar"><div id="sidebar-moreStories"><h3>More from Global News</h3><ul>
<li><a href="/news/4/">Storm closes highway</a></li><li><a href="/news/5/">Hospital wait times fall</a></li></ul></div></aside>
<footer class="l-footer"><p>© 2026 Global News, a division of Corus Entertainment Inc.</p></footer>
</body></html>`;

const PATH = '/news/11000001/transit-line-spring/';
let b: Browser;
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] !== PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    // Well past the parser's first chunk, so the article is parsed before the tail arrives.
    res.write(`${HEAD}<!--${' '.repeat(4096)}-->\n`);
    setTimeout(() => res.end(TAIL), HOLD_MS);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  b = await launch();
});
afterAll(async () => {
  await b?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

async function visit(host: string): Promise<{ url: string; page: Page; seen: Record<'parsing' | 'domContentLoaded', Seen> }> {
  const url = `http://${host}:${port}${PATH}`;
  const page = await b.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const seen = await page.evaluate(() => (window as unknown as { __seen: Record<'parsing' | 'domContentLoaded', Seen> }).__seen);
  return { url, page, seen };
}

describe('a page of a site with rules, its tail loading slowly', () => {
  it('has the blocks its site rules name hidden while it parses and at DOMContentLoaded, the paragraphs shown', async () => {
    const { url, page, seen } = await visit('globalnews.ca');
    const { parsing, domContentLoaded } = seen;
    expect(parsing.readyState).toBe('loading');
    // The first check ran while the server still held the tail.
    expect(domContentLoaded.t - parsing.t).toBeGreaterThanOrEqual(HOLD_MS * 0.8);
    // While it parses, nothing of ours is in the DOM: the browser's stylesheet hides the blocks.
    expect(parsing.siteStyle).toBe(false);
    expect(parsing.live).toBe(false);
    for (const s of [parsing, domContentLoaded]) {
      expect(s.probes).toEqual(Object.fromEntries(PROBES.map((id) => [id, 'none'])));
      expect(s.paragraphs).toEqual(Object.fromEntries(PARAGRAPHS.map((id) => [id, true])));
    }
    // Then the engine's run reports them, and they stay hidden, now by the content script's stylesheet.
    const { state } = await waitForState(b, url, (st) => st.status === 'cleaned');
    expect(
      await page.evaluate(() => [!!document.getElementById('declutter-site-style'), document.documentElement.hasAttribute('data-declutter-live')]),
    ).toEqual([true, true]);
    expect(state.blocks.filter((x) => x.rule.startsWith('site:globalnews.ca')).length).toBeGreaterThanOrEqual(PROBES.length);
    const hidden = await page.evaluate((ids) => ids.map((id) => !document.getElementById(id)!.checkVisibility()), PROBES);
    expect(hidden).toEqual(PROBES.map(() => true));
    await page.close();
  });
});

describe('the same page under a host without rules', () => {
  it('shows the same blocks while it parses and at DOMContentLoaded (what the check above would see without the built-in stylesheet)', async () => {
    const { page, seen } = await visit('transit.example.com');
    await page.close();
    for (const s of [seen.parsing, seen.domContentLoaded]) {
      expect(s.siteStyle).toBe(false);
      expect(s.live).toBe(false);
      for (const id of PROBES) expect(s.probes[id], id).not.toBe('none');
      expect(s.paragraphs).toEqual(Object.fromEntries(PARAGRAPHS.map((id) => [id, true])));
    }
  });
});

it('logs no errors in pages, popup or service worker', () => {
  expect(b.errors).toEqual([]);
});
