/**
 * Firefox: a user's plain-CSS rule hides its block while the page parses (the early style, put in
 * by the document_start script from the key the background wrote), the content script takes the
 * style over (the two scripts share the add-on's sandbox in the page), and turning the site off
 * restores the page exactly. The same page under a host without the rule shows the block. The
 * page is test/e2e/slow-page.ts: its tail comes HOLD_MS after the rest.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAD, PARAGRAPHS, SLOW_PATH, SPACER, TAIL, serveSlow, type Seen, type When } from '../e2e/slow-page';
import { ADDON_ID, installAddon, launchFirefox, openExtensionPage, until, waitForState, type Firefox } from './harness';

/** The extension API, as seen by code evaluated in one of the add-on's pages. */
declare const browser: (typeof import('wxt/browser'))['browser'];

const HOST = 'early.example.com';
const OTHER = 'other.example.net';
const KEY = `early:${HOST}`;
const allShown = Object.fromEntries(PARAGRAPHS.map((id) => [id, true]));

let ff: Firefox;
let server: { port: number; close(): Promise<void> };
/** A tab showing one of the add-on's pages: it saves changes and reads storage and the tab states. */
let ext: Page;
let visits = 0;

beforeAll(async () => {
  [ff, server] = await Promise.all([launchFirefox([HOST, OTHER]), serveSlow()]);
  expect(await installAddon(ff)).toBe(ADDON_ID);
  ext = await ff.browser.newPage();
  await openExtensionPage(ext, ff.extensionUrl('popup.html'));
});
afterAll(async () => {
  await ff?.close();
  await server?.close();
});

/** A change saved as the add-on's pages save it: a message to the background, its only writer. */
async function save(change: unknown): Promise<void> {
  expect(await ext.evaluate((c) => browser.runtime.sendMessage({ type: 'save', change: c }), change)).toMatchObject({ ok: true });
}

const stored = (key: string) => ext.evaluate(async (k) => JSON.stringify((await browser.storage.local.get(k))[k] ?? null), key);

async function visit(host: string): Promise<{ url: string; page: Page; seen: Record<When, Seen> }> {
  const url = `http://${host}:${server.port}${SLOW_PATH}?visit=${++visits}`;
  const page = await ff.browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const seen = await page.evaluate(() => (window as unknown as { __seen: Record<When, Seen> }).__seen);
  return { url, page, seen };
}

describe('a plain-CSS rule of the user’s, the page’s tail loading slowly', () => {
  it('hides its block while the page parses; the content script takes over; off restores the page exactly', async () => {
    await save({ op: 'importRules', rules: [{ site: HOST, rule: { selector: '.house-promo', kind: 'ad', from: 'options' } }] });
    await until('the early style to be written', async () => ((await stored(KEY)) === '[".house-promo"]' ? true : undefined));

    const { url, page, seen } = await visit(HOST);
    expect(seen.loading.readyState).toBe('loading');
    for (const s of [seen.loading, seen.domContentLoaded]) {
      expect(s.promo).toBe('none');
      expect(s.other).not.toBe('none');
      expect(s.paragraphs).toEqual(allShown);
      expect(s.early).toBe(true);
    }
    await waitForState(ext, url, (st) => st.status === 'cleaned');
    expect(await page.evaluate(() => [!!document.getElementById('declutter-early-style'), document.getElementById('promo')!.checkVisibility()])).toEqual([
      false,
      false,
    ]);

    await save({ op: 'siteOn', site: HOST, on: false });
    await waitForState(ext, url, (st) => st.status === 'off');
    const blank = await ff.browser.newPage();
    await blank.setContent(`${HEAD}${SPACER}${TAIL}`, { waitUntil: 'domcontentloaded' });
    const original = await blank.evaluate(() => document.documentElement.outerHTML);
    await blank.close();
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(original);
    await until('the early style to be removed', async () => ((await stored(KEY)) === 'null' ? true : undefined));
    await page.close();
  });

  it('the same page under a host without the rule shows the block while it parses', async () => {
    const { page, seen } = await visit(OTHER);
    await page.close();
    for (const s of [seen.loading, seen.domContentLoaded]) {
      expect(s.promo).not.toBe('none');
      expect(s.early).toBe(false);
    }
  });
});

it('logs no errors in the pages', () => {
  expect(ff.errors).toEqual([]);
});
