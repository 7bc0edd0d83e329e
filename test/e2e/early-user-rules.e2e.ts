/**
 * A user's plain-CSS rule hides its block before the page paints: while the page still parses,
 * not at DOM ready. The rule is added through the options page (a filter-list line); the
 * background writes the site's early style (lib/extension/background/early-style.ts), and the
 * document_start script (entrypoints/early.content.ts) puts it in as the page starts to parse.
 * The document_end content script takes over and removes it; turning the site off restores the
 * page exactly; with the site off or the rule removed, the block shows while the page parses.
 *
 * The page is served slowly (./slow-page.ts), as in early.e2e.ts: the article at once, the end of
 * the body HOLD_MS later; the page's own inline script records what it shows while the parser
 * waits for the tail, and at DOMContentLoaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { currentWorker, domOf, launch, waitForState, type Browser } from './harness';
import { HEAD, HOLD_MS, PARAGRAPHS, SLOW_PATH, SPACER, TAIL, serveSlow, type Seen, type When } from './slow-page';

/** The extension API, as seen by code evaluated in the service worker and the extension's pages. */
declare const chrome: (typeof import('wxt/browser'))['browser'];

const HOST = 'early.example.com';
/** The same page under a host the user has no rule for. */
const OTHER = 'other.example.net';
const KEY = `early:${HOST}`;

let b: Browser;
let server: { port: number; close(): Promise<void> };
let port = 0;
let options: Page;
let visits = 0;

beforeAll(async () => {
  server = await serveSlow();
  port = server.port;
  b = await launch();
  options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await options.waitForSelector('#kept .none');
});
afterAll(async () => {
  await b?.close();
  await server?.close();
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
  const url = `http://${host}:${port}${SLOW_PATH}?visit=${++visits}`;
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
