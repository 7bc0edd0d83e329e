/**
 * Learning while browsing, in the browser: three pages of a made-up site (test/helpers/local-site.ts:
 * a membership box without an email field and a tagline paragraph, which no detector hides) are
 * read; the background learns the site's template from them. A fourth page, whose tail the server
 * holds back, then has its membership box hidden while it still loads (the site's early style,
 * put in at document_start), its paragraphs shown; the tagline, a text rule that CSS cannot say,
 * goes once the content script runs. A fresh profile shows both blocks on the same page.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { currentWorker, domOf, launch, waitForState, type Browser } from './harness';
import { LOCAL_HOST, TEST_ATTR, localSite } from '../helpers/local-site';

/** The extension API, as seen by code evaluated in the service worker. */
declare const chrome: (typeof import('wxt/browser'))['browser'];

const HOST = `www.${LOCAL_HOST}`;
/** How long the test looks at the fourth page while the server holds its tail (which it sends when the test says). */
const LOOK_MS = 1_000;
/** The longest the server holds a tail nobody asked for. */
const MAX_HOLD_MS = 15_000;
const pages = localSite(4);
/** Well past the parser's first chunk, so the article is parsed before the tail arrives. */
const SPACER = `<!--${' '.repeat(4096)}-->\n`;

let server: ReturnType<typeof createServer>;
/** Sends the held tails. */
let release: (() => void)[] = [];
let port = 0;
const pathOf = (url: string) => new URL(url).pathname;
const urlOf = (i: number, visit = '') => `http://${HOST}:${port}${pathOf(pages[i].url)}${visit}`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const i = pages.findIndex((p) => pathOf(p.url) === path);
    if (i < 0) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    if (i < 3) {
      res.end(pages[i].html);
      return;
    }
    // The fourth page: the article at once, the footer and the end of the body later.
    const html = pages[i].html;
    const cut = html.indexOf('<footer');
    res.write(`${html.slice(0, cut)}${SPACER}`);
    const end = () => res.writableEnded || res.end(html.slice(cut));
    release.push(end);
    setTimeout(end, MAX_HOLD_MS);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

/** What the page shows now: whether it is still loading, the template blocks' display, the paragraphs'. */
function shown(page: Page) {
  return page.evaluate((attr) => {
    const display = (el: Element | null) => (el ? getComputedStyle(el).display : 'missing');
    return {
      readyState: document.readyState,
      membership: display(document.querySelector(`[${attr}="membership"]`)),
      tagline: display(document.querySelector(`[${attr}="tagline"]`)),
      paragraphs: Array.from(document.querySelectorAll(`.story-body > p:not([${attr}])`)).map((p) => display(p)),
    };
  }, TEST_ATTR);
}

/** Opens the fourth page and looks at it while the server still holds its tail, then once it has loaded. */
async function readSlowly(b: Browser, visit: string) {
  const page = await b.context.newPage();
  const url = urlOf(3, visit);
  const loaded = page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction((attr) => !!document.querySelector(`[${attr}="tagline"]`), TEST_ATTR, { timeout: 10_000 });
  await page.waitForTimeout(LOOK_MS);
  const loading = await shown(page);
  for (const end of release) end();
  release = [];
  await loaded;
  return { page, url, loading };
}

describe('a site learned from the pages read', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
  });

  const stored = (key: string) => currentWorker(b).evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);

  it('learns nothing from one page, and the template from three', async () => {
    for (let i = 0; i < 3; i++) {
      const page = await b.context.newPage();
      await page.goto(urlOf(i), { waitUntil: 'load' });
      await waitForState(b, urlOf(i), (s) => s.status === 'cleaned' || s.status === 'not-article');
      if (i === 0) {
        await expect.poll(() => stored('learnPages').then((x) => Object.keys((x ?? {}) as object))).toEqual([LOCAL_HOST]);
        expect(Object.keys(((await stored('learnedRules')) ?? {}) as object)).toEqual([]);
      }
      await page.close();
    }
    await expect
      .poll(async () => ((await stored('learnedRules')) as Record<string, { pages: number }> | undefined)?.[LOCAL_HOST]?.pages, { timeout: 20_000 })
      .toBe(3);
    const site = ((await stored('learnedRules')) as Record<string, { rules: { kind: string; selector: string; hasText?: string }[] }>)[LOCAL_HOST];
    expect(site.rules.some((r) => r.selector.includes('inline-member') && !r.hasText)).toBe(true);
    expect(site.rules.some((r) => r.hasText !== undefined)).toBe(true);
    // The site's early style holds the CSS rule, not the text rule.
    await expect.poll(() => stored(`early:${LOCAL_HOST}`)).toEqual(expect.arrayContaining([expect.stringContaining('inline-member')]));
  });

  it('hides the membership box of a fourth page while it still loads, its paragraphs shown; the tagline goes at DOM ready', async () => {
    const { page, url, loading } = await readSlowly(b, '?learned');
    expect(loading.readyState).toBe('loading');
    expect(loading.membership).toBe('none');
    expect(loading.paragraphs).toHaveLength(3);
    for (const d of loading.paragraphs) expect(d).not.toBe('none');
    const { state } = await waitForState(b, url, (s) => s.status === 'cleaned');
    const after = await shown(page);
    expect(after.membership).toBe('none');
    expect(after.tagline).toBe('none');
    for (const d of after.paragraphs) expect(d).not.toBe('none');
    const { tabId } = await waitForState(b, url, (s) => s.status === 'cleaned');
    const learned = state.blocks.filter((x) => x.rule.startsWith(`learned:${LOCAL_HOST} `));
    expect(learned.map((x) => x.kind)).toEqual(['promo', 'promo']);

    // Keep on the membership box, as the popup asks: it shows, and its rule goes off for the site.
    const box = learned.find((x) => !x.rule.includes(':has-text('))!;
    const kept = await currentWorker(b).evaluate(([tab, id]) => chrome.tabs.sendMessage(tab, { type: 'keep', id }), [tabId, box.id] as const);
    expect(kept).toMatchObject({ ok: true });
    expect((await shown(page)).membership).not.toBe('none');
    const rules = () =>
      stored('learnedRules').then((x) => (x as Record<string, { rules: { selector: string; hasText?: string; off?: string }[] }>)[LOCAL_HOST].rules);
    await expect.poll(async () => (await rules()).find((r) => box.rule === `learned:${LOCAL_HOST} ${r.selector}`)?.off).toBe('kept');
    // The early style no longer holds it.
    await expect
      .poll(async () => ((await stored(`early:${LOCAL_HOST}`)) ?? []) as string[])
      .not.toEqual(expect.arrayContaining([expect.stringContaining('inline-member')]));
    await page.close();
  });

  it('puts a page back exactly when the site is turned off, learned rules and early style and all', async () => {
    const page = await b.context.newPage();
    const url = urlOf(1, '?off');
    await page.goto(url, { waitUntil: 'load' });
    const { state } = await waitForState(b, url, (s) => s.status === 'cleaned');
    expect(state.blocks.some((x) => x.rule.startsWith(`learned:${LOCAL_HOST} `))).toBe(true);
    expect((await shown(page)).tagline).toBe('none');
    const options = await b.context.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/options.html`);
    const saved = await options.evaluate((site) => chrome.runtime.sendMessage({ type: 'save', change: { op: 'siteOn', site, on: false } }), LOCAL_HOST);
    expect(saved).toMatchObject({ ok: true });
    await waitForState(b, url, (s) => s.status === 'off');
    const blank = await b.context.newPage();
    await blank.setContent(pages[1].html);
    const original = await blank.evaluate(() => document.documentElement.outerHTML);
    expect((await domOf(page))[0]).toBe(original);
    await options.evaluate((site) => chrome.runtime.sendMessage({ type: 'save', change: { op: 'siteOn', site, on: true } }), LOCAL_HOST);
    for (const p of [page, options, blank]) await p.close();
  });

  it('logs no errors in pages or the service worker', () => {
    expect(b.errors).toEqual([]);
  });
});

describe('a fresh profile', () => {
  it('shows the same page’s template blocks while it loads and after', async () => {
    const b = await launch();
    try {
      const { page, url, loading } = await readSlowly(b, '?fresh');
      expect(loading.readyState).toBe('loading');
      expect(loading.membership).not.toBe('none');
      expect(loading.tagline).not.toBe('none');
      await waitForState(b, url, (s) => s.status === 'cleaned' || s.status === 'not-article');
      const after = await shown(page);
      expect(after.membership).not.toBe('none');
      expect(after.tagline).not.toBe('none');
      expect(b.errors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
