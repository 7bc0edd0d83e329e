/**
 * The popup's actions on a real page: Show (reveal, outline, scroll into view), Keep (restored now
 * and on the next visit), Hide again, Restore all, and "Clean this page anyway" on a page that is
 * not an article. Keyboard only where a person would use the keyboard.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, badgeText, currentWorker, domOf, launch, marked, loadFixtures, openPopup, serve, waitForState, type Browser, type Served } from './harness';

const fixture = loadFixtures().find((f) => f.host === 'globalnews.ca')!;
let b: Browser;
let s: Served;
let url: string;
let article: Page;
let tabId: number;

/** The block id an element is hidden (or kept) under. */
async function blockIdOf(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const holder = el.closest('[data-declutter-hidden], [data-declutter-keep]')!;
    return holder.getAttribute('data-declutter-hidden') ?? holder.getAttribute('data-declutter-keep')!;
  }, selector);
}

async function visible(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => document.querySelector(sel)!.checkVisibility(), selector);
}

beforeAll(async () => {
  [b, s] = await Promise.all([launch(), serve([fixture])]);
  url = s.url(fixture.host, fixture.path);
  article = await b.context.newPage();
  await article.goto(url);
  ({ tabId } = await waitForState(b, url, (st) => st.status === 'cleaned'));
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

describe('Show', () => {
  it('reveals a block for a moment, outlined and scrolled into view, and hides it again', async () => {
    const selector = 'article.l-article__text .c-inlineSignup';
    const id = await blockIdOf(article, selector);
    expect(await visible(article, selector)).toBe(false);
    const popup = await openPopup(b, tabId);
    const show = popup.locator(`li.block[data-id="${id}"] button`, { hasText: 'Show' });
    await show.click();
    await expect.poll(() => show.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => visible(article, selector)).toBe(true);
    const look = await article.evaluate((sel) => {
      const el = document.querySelector(sel)!.closest('[data-declutter-show]')!;
      const style = getComputedStyle(el);
      return { outline: style.outlineStyle, hasShow: el.hasAttribute('data-declutter-show') };
    }, selector);
    expect(look).toEqual({ outline: 'dashed', hasShow: true });
    await expect
      .poll(
        () =>
          article.evaluate((sel) => {
            const r = document.querySelector(sel)!.getBoundingClientRect();
            return r.bottom > 0 && r.top < window.innerHeight;
          }, selector),
        { timeout: 5000 }, // a smooth scroll in a background tab can be slow on a loaded machine
      )
      .toBe(true);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-show.png') });
    await show.click();
    await expect.poll(() => visible(article, selector)).toBe(false);
    expect(await badgeText(b, tabId)).toBe(String((await waitForState(b, url)).state.hidden));
    await popup.close();
  });
});

describe('Keep', () => {
  const selector = '#sidebar-trendingPosts'; // named by a site rule: hidden by the early stylesheet too
  let id: string;
  let hiddenBefore: number;

  it('restores the block now, remembers it for the site, and lowers the badge', async () => {
    id = await blockIdOf(article, selector);
    hiddenBefore = (await waitForState(b, url)).state.hidden;
    const popup = await openPopup(b, tabId);
    // Keyboard: focus the block's Keep button and press Enter; focus stays on the entry.
    await popup.locator(`li.block[data-id="${id}"] button`, { hasText: 'Keep' }).focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => visible(article, selector)).toBe(true);
    await expect.poll(() => popup.locator(`li.block[data-id="${id}"] .tag`).textContent()).toBe('Kept');
    expect(await popup.evaluate(() => (document.activeElement as HTMLElement).dataset.key)).toBe(`${id}:unkeep`);
    const { state } = await waitForState(b, url, (st) => st.hidden === hiddenBefore - 1);
    expect(state.blocks.find((x) => x.id === id)?.kept).toBe(true);
    expect(await badgeText(b, tabId)).toBe(String(hiddenBefore - 1));
    const stored = await currentWorker(b).evaluate(() => chrome.storage.local.get('kept'));
    expect((stored.kept as Record<string, { id: string }[]>)['globalnews.ca'].map((k) => k.id)).toContain(id);
    await popup.close();
  });

  it('keeps it on the next visit', async () => {
    await article.reload();
    const { state } = await waitForState(b, url, (st) => st.status === 'cleaned');
    expect(await visible(article, selector)).toBe(true);
    expect(state.blocks.find((x) => x.id === id)?.kept).toBe(true);
    expect(state.hidden).toBe(hiddenBefore - 1);
    expect(await badgeText(b, tabId)).toBe(String(hiddenBefore - 1));
  });

  it('hides it again on "Hide again" and forgets it', async () => {
    const popup = await openPopup(b, tabId);
    await popup.locator(`li.block[data-id="${id}"] button`, { hasText: 'Hide again' }).click();
    await expect.poll(() => visible(article, selector)).toBe(false);
    await waitForState(b, url, (st) => st.hidden === hiddenBefore);
    const stored = await currentWorker(b).evaluate(() => chrome.storage.local.get('kept'));
    expect((stored.kept as Record<string, unknown>)['globalnews.ca']).toBeUndefined();
    await popup.close();
  });
});

describe('Restore all', () => {
  it('brings every block back, exactly as the page was, and can hide them again', async () => {
    const blank = await b.context.newPage();
    await blank.setContent(fixture.html);
    const original = await blank.evaluate(() => document.documentElement.outerHTML);
    await blank.close();

    const popup = await openPopup(b, tabId);
    await popup.getByRole('button', { name: 'Restore all' }).click();
    await waitForState(b, url, (st) => st.status === 'restored');
    expect(await domOf(article)).toEqual([original, marked(fixture.host)]);
    expect(await badgeText(b, tabId)).toBe('');
    await expect.poll(() => popup.locator('main h2').first().textContent()).toBe('Everything is back');

    await popup.getByRole('button', { name: 'Hide them again' }).click();
    const { state } = await waitForState(b, url, (st) => st.status === 'cleaned');
    expect(await badgeText(b, tabId)).toBe(String(state.hidden));
    expect(await visible(article, '.c-inlineSignup')).toBe(false);
    await popup.close();
  });
});

describe('a page that is not an article', () => {
  it('is left alone until the user asks, then cleaned', async () => {
    const front = await b.context.newPage();
    const frontUrl = s.url('front.example.com', '/');
    await front.goto(frontUrl);
    const { tabId: frontTab, state } = await waitForState(b, frontUrl, (st) => st.status === 'not-article');
    expect(state.isArticle).toBe(false);
    expect(await front.evaluate(() => document.querySelectorAll('[data-declutter-hidden], style[id^="declutter"]').length)).toBe(0);
    expect(await badgeText(b, frontTab)).toBe('');

    const popup = await openPopup(b, frontTab);
    expect(await popup.locator('main h2').first().textContent()).toBe('Not an article page');
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-not-article.png') });
    await popup.getByRole('button', { name: 'Clean this page anyway' }).click();
    const cleaned = await waitForState(b, frontUrl, (st) => st.status === 'cleaned');
    expect(cleaned.state.forced).toBe(true);
    expect(await visible(front, '.newsletter')).toBe(false);
    expect(await badgeText(b, frontTab)).toBe(String(cleaned.state.hidden));
    await popup.close();
    await front.close();
  });
});

describe('empty states and navigation', () => {
  it('says so when an article had nothing to remove', async () => {
    const plain = await b.context.newPage();
    const plainUrl = s.url('plain.example.com', '/news/plain/');
    await plain.goto(plainUrl);
    const { tabId: plainTab, state } = await waitForState(b, plainUrl, (st) => st.status === 'cleaned');
    expect(state.blocks).toEqual([]);
    expect(await badgeText(b, plainTab)).toBe('');
    const popup = await openPopup(b, plainTab);
    expect(await popup.locator('main h2').first().textContent()).toBe('Nothing removed');
    expect(await popup.getByRole('button', { name: 'Restore all' }).isVisible()).toBe(false);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-nothing-removed.png') });
    await popup.close();
    await plain.close();
  });

  it('clears the badge and the report when the tab navigates away', async () => {
    const tab = await b.context.newPage();
    const own = `${url}?tab=2`; // the same article, told apart from the one open in another tab
    await tab.goto(own);
    const { tabId: id, state } = await waitForState(b, own, (st) => st.status === 'cleaned');
    expect(await badgeText(b, id)).toBe(String(state.hidden));
    const frontUrl = s.url('front.example.com', '/');
    await tab.goto(frontUrl);
    await waitForState(b, frontUrl, (st) => st.status === 'not-article');
    expect(await badgeText(b, id)).toBe('');
    await tab.close();
  });
});

it('logs no errors in pages, popup or service worker', () => {
  expect(b.errors).toEqual([]);
});

declare const chrome: (typeof import('wxt/browser'))['browser'];
