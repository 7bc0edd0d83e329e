/**
 * Firefox smoke test: the built MV2 add-on, installed in firefox-esr, cleans each golden fixture
 * page (two of them of sites with built-in rules), the popup lists what it hid, and turning the
 * site off with the popup's switch restores the page exactly.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collapse, loadFixtures, serve, type Fixture, type Served } from '../e2e/harness';
import { ADDON_ID, badgeText, installAddon, launchFirefox, openExtensionPage, pageUrlInTab, waitForState, type Firefox, type TabStateView } from './harness';

/** Every golden fixture: globalnews.ca and www.cnbc.com have built-in rules (lib/sites/), the third has none. */
const fixtures = loadFixtures();
let ff: Firefox;
let s: Served;
/** A tab showing one of the add-on's pages: it reads the background's tab states and the badge. */
let ext: Page;

beforeAll(async () => {
  [ff, s] = await Promise.all([launchFirefox(fixtures.map((f) => f.host)), serve(fixtures)]);
  expect(await installAddon(ff)).toBe(ADDON_ID);
  ext = await ff.browser.newPage();
  await openExtensionPage(ext, ff.extensionUrl('popup.html'));
});
afterAll(async () => {
  await ff?.close();
  await s?.close();
});

/** For each selector: how many elements match, how many of them show, and the hidden mark they are under. */
function look(page: Page, selectors: string[]) {
  return page.evaluate(
    (list) =>
      list.map((sel) => {
        const els = Array.from(document.querySelectorAll(sel));
        return {
          selector: sel,
          found: els.length,
          visible: els.filter((el) => el.checkVisibility()).length,
          marks: els.map((el) => el.closest('[data-declutter-hidden]')?.getAttribute('data-declutter-hidden') ?? null),
        };
      }),
    selectors,
  );
}

/** The served source parsed in a blank page, where no content script runs: its DOM, and what shows of `selectors`. */
async function original(f: Fixture, selectors: string[]): Promise<{ dom: string; visible: number[] }> {
  const blank = await ff.browser.newPage();
  try {
    await blank.setContent(f.html, { waitUntil: 'domcontentloaded' });
    const dom = await blank.evaluate(() => document.documentElement.outerHTML);
    return { dom, visible: (await look(blank, selectors)).map((r) => r.visible) };
  } finally {
    await blank.close();
  }
}

/** The page's DOM without the content script's mark on <html> (LIVE_ATTR in lib/site-style.ts). */
function domOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const root = document.documentElement.cloneNode(true) as Element;
    root.removeAttribute('data-declutter-live');
    return root.outerHTML;
  });
}

describe.each(fixtures)('$host/$slug', (f) => {
  let page: Page;
  let url: string;
  let tabId: number;
  let state: TabStateView;
  const hiddenSelectors = f.expected.hidden.map((h) => h.selector);

  beforeAll(async () => {
    url = s.url(f.host, f.path);
    page = await ff.browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    ({ tabId, state } = await waitForState(ext, url, (st) => st.status === 'cleaned'));
  });

  it('cleans the page: the blocks expected.json names are hidden, the article paragraphs show', async () => {
    expect(state.isArticle).toBe(true);
    expect(state.errors).toEqual([]);
    expect(state.hidden).toBeGreaterThan(0);
    expect(await pageUrlInTab(ext, tabId)).toBe(url);
    for (const [i, r] of (await look(page, hiddenSelectors)).entries()) {
      const h = f.expected.hidden[i];
      expect(r.found, `${r.selector} is on the page`).toBeGreaterThan(0);
      expect(r.visible, `${r.selector} is hidden`).toBe(0);
      for (const id of r.marks) expect(state.blocks.find((b) => b.id === id)?.kind, `${r.selector} hidden as ${h.kind}`).toBe(h.kind);
    }
    const text = collapse(await page.evaluate(() => document.body.innerText));
    expect(f.expected.paragraphs.map(collapse).filter((p) => !text.includes(p))).toEqual([]);
    const marked = await page.evaluate(() => document.querySelectorAll('[data-declutter-hidden]').length);
    expect(marked).toBe(state.hidden);
    expect(await badgeText(ext, tabId)).toBe(String(state.hidden));
  });

  it("lists the hidden blocks in the popup, and the popup's site switch restores the page", async () => {
    const popup = ext;
    await openExtensionPage(popup, ff.extensionUrl(`popup.html?tabId=${tabId}`));
    await popup.waitForSelector('main[aria-busy="false"]', { timeout: 10_000 });
    const listed = await popup.evaluate(() => ({
      ids: Array.from(document.querySelectorAll('li.block'), (li) => li.getAttribute('data-id')),
      summary: document.querySelector('.summary')?.textContent ?? '',
      site: document.getElementById('site-name')?.textContent ?? '',
      on: (document.getElementById('site-on') as HTMLInputElement).checked,
    }));
    expect(new Set(listed.ids)).toEqual(new Set(state.blocks.map((b) => b.id)));
    expect(listed.summary).toContain(`Hid ${state.hidden} block`);
    expect(listed).toMatchObject({ site: state.site, on: true });

    const before = await original(f, hiddenSelectors);
    expect(before.visible.every((n) => n > 0)).toBe(true);
    expect(await domOf(page)).not.toBe(before.dom);
    await popup.click('#site-on');
    await waitForState(ext, url, (st) => st.status === 'off' && st.offBy === 'site');
    await popup.waitForFunction((site) => document.querySelector('main h2')?.textContent === `Off for ${site}`, { timeout: 5_000 }, state.site);
    expect(
      await popup.evaluate(() => ({
        on: (document.getElementById('site-on') as HTMLInputElement).checked,
        failure: document.querySelector('.failure')?.textContent ?? null,
      })),
    ).toEqual({ on: false, failure: null });
    expect(
      (await look(page, hiddenSelectors)).map((r) => r.visible),
      'the hidden blocks show again',
    ).toEqual(before.visible);
    expect(await page.evaluate(() => document.querySelectorAll('[data-declutter-hidden], [data-declutter-keep], [data-declutter-show]').length)).toBe(0);
    expect(await domOf(page)).toBe(before.dom);
    expect(await badgeText(ext, tabId)).toBe('');
    await page.close();
  });
});

/** Web pages only: the remote agent reports no console of the add-on's own pages (see harness.ts). */
it('logs no errors in the pages', () => {
  expect(ff.errors).toEqual([]);
});
