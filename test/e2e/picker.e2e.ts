/**
 * "Hide blocks like this" in Chromium: from the popup (opened as `popup.html?tabId=N`), pick a box
 * on the page with the mouse, see the proposed selector and how many blocks it matches, press Hide:
 * every such box is hidden at once, listed in the page's state and still hidden after a reload.
 * Esc instead leaves the page exactly as it was, and the page's own click handlers never see the pick.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, currentWorker, launch, openPopup, serve, waitForState, type Browser, type Served } from './harness';

declare const chrome: (typeof import('wxt/browser'))['browser'];
declare global {
  interface Window {
    /** Clicks the page's own handlers saw (the page's script counts them). */
    pageClicks: number;
  }
}

const para = (n: number) =>
  `<p>Paragraph ${n} of the story: the harbour board met on Monday and spent the whole evening on the ferry timetable, the fares and the new pier before it agreed.</p>`;
const card = (n: number) => `<div class="tip-card"><span><b>Tip ${n}</b></span> Bring a jacket: the wind on the upper deck is cold in every season.</div>`;

/** An article with a box repeated three times that no detector hides, and a script that counts clicks. */
const PICK_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour board agrees new ferry timetable</title>
<style>article{max-width:640px;margin:0 auto}.tip-card{border:1px solid #999;padding:8px;margin:12px 0}</style></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Harbour board agrees new ferry timetable</h1><div class="story-body">
${para(1)}${para(2)}${card(1)}${para(3)}${para(4)}${card(2)}${para(5)}${para(6)}${card(3)}${para(7)}${para(8)}
</div></article></main>
<footer><p>© Example Harbour News</p></footer>
<script>
window.pageClicks = 0;
document.addEventListener('click', function () { window.pageClicks++; });
document.addEventListener('mousedown', function () { window.pageClicks++; });
</script>
</body></html>`;

const PATH = '/news/ferry-timetable/';
let b: Browser;
let s: Served;

beforeAll(async () => {
  [b, s] = await Promise.all([launch(), serve([], { [`picker.example.com${PATH}`]: PICK_PAGE, [`esc.example.com${PATH}`]: PICK_PAGE })]);
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

async function visible(page: Page, selector: string): Promise<boolean[]> {
  return page.evaluate((sel) => Array.from(document.querySelectorAll(sel)).map((el) => el.checkVisibility()), selector);
}

/** Opens the article, then the popup for its tab, and starts picking from the popup's button. */
async function startPicking(host: string): Promise<{ article: Page; url: string; tabId: number; popup: Page; before: string }> {
  const article = await b.context.newPage();
  const url = s.url(host, PATH);
  await article.goto(url);
  const { tabId, state } = await waitForState(b, url, (st) => st.status === 'cleaned');
  expect(state.blocks).toEqual([]); // nothing hides the boxes on its own
  const before = await article.evaluate(() => document.documentElement.outerHTML);
  const popup = await openPopup(b, tabId);
  await popup.getByRole('button', { name: 'Hide blocks like this' }).click();
  // Opened in a tab of its own, the popup stays and says what to do.
  await expect.poll(() => popup.locator('#announce').textContent()).toBe('Click a block on the page to hide it and blocks like it.');
  await article.bringToFront();
  await article.locator('declutter-picker .panel').waitFor();
  return { article, url, tabId, popup, before };
}

type Rect = { x: number; y: number; width: number; height: number };

/** The same box on screen, to the pixel (outlines are laid out in CSS pixels, boxes may sit between). */
function expectSameBox(a: Rect | null, b: Rect | null): void {
  expect(a).not.toBeNull();
  expect(b).not.toBeNull();
  for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(a![k] - b![k]), k).toBeLessThan(1);
}

/** Hovers the second box's label, checks the outline follows, and clicks it. */
async function pickSecondCard(article: Page): Promise<void> {
  const label = article.locator('.tip-card b').nth(1);
  await label.hover();
  const hover = article.locator('declutter-picker .hover');
  await expect.poll(() => hover.isVisible()).toBe(true);
  const [box, target] = await Promise.all([hover.boundingBox(), label.boundingBox()]);
  expectSameBox(box, target);
  await label.click();
}

describe('Hide blocks like this', () => {
  let article: Page;
  let url: string;
  let tabId: number;
  let popup: Page;

  it('proposes a selector for the picked box and counts its matches; the page never sees the click', async () => {
    ({ article, url, tabId, popup } = await startPicking('picker.example.com'));
    await pickSecondCard(article);
    const panel = article.locator('declutter-picker .panel');
    await expect.poll(() => panel.locator('.matches').textContent()).toBe('Matches 3 blocks on this page');
    expect(await panel.locator('select.selector option:checked').textContent()).toBe('.tip-card');
    expect(await panel.locator('select.kind').inputValue()).toBe('ad');
    // Every match outlined, on its box.
    const outlines = article.locator('declutter-picker .match');
    expect(await outlines.count()).toBe(3);
    const cards = article.locator('.tip-card');
    for (let i = 0; i < 3; i++) expectSameBox(await outlines.nth(i).boundingBox(), await cards.nth(i).boundingBox());
    // The pick walked up from the bold label; Narrower goes back down to it, Wider is the article: refused.
    expect(await panel.getByRole('button', { name: 'Wider' }).isDisabled()).toBe(true);
    await panel.getByRole('button', { name: 'Narrower' }).click();
    expect(await panel.locator('select.selector option:checked').textContent()).toBe('.tip-card b');
    await panel.getByRole('button', { name: 'Wider' }).click();
    expect(await panel.locator('select.selector option:checked').textContent()).toBe('.tip-card');
    await article.screenshot({ path: join(ARTIFACTS, 'picker-panel.png') });
    expect(await article.evaluate(() => window.pageClicks)).toBe(0);
  });

  it('hides every match at once on Hide, lists them, and saves the rule for the site', async () => {
    await article.locator('declutter-picker').getByRole('button', { name: 'Hide', exact: true }).click();
    await expect.poll(() => visible(article, '.tip-card')).toEqual([false, false, false]);
    expect(await article.locator('declutter-picker').count()).toBe(0);
    expect(await article.evaluate(() => window.pageClicks)).toBe(0);

    const { state } = await waitForState(b, url, (st) => st.blocks.length === 3);
    expect(state.blocks.map((x) => x.kind)).toEqual(['ad', 'ad', 'ad']);
    for (const block of state.blocks) expect(block.rule).toContain('.tip-card');
    // What the content script answers the popup.
    const answer = await popup.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'getState' }, { frameId: 0 }), tabId);
    expect((answer as typeof state).blocks.length).toBe(3);
    await expect.poll(() => popup.locator('li.block').count()).toBe(3);

    const stored = await currentWorker(b).evaluate(() => chrome.storage.local.get('userRules'));
    expect(stored.userRules).toEqual({ 'picker.example.com': [expect.objectContaining({ selector: '.tip-card', kind: 'ad', from: 'picker' })] });
    await popup.close();
  });

  it('keeps them hidden on the next visit', async () => {
    await article.reload();
    const { state } = await waitForState(b, url, (st) => st.status === 'cleaned' && st.blocks.length === 3);
    expect(state.hidden).toBe(3);
    expect(await visible(article, '.tip-card')).toEqual([false, false, false]);
    expect(await visible(article, '.story-body p')).toEqual(Array(8).fill(true));
    await article.close();
  });
});

describe('Esc', () => {
  it('cancels: the page is exactly as it was, its handlers never saw the pick, and its clicks work again', async () => {
    const { article, url, popup, before } = await startPicking('esc.example.com');
    await popup.close();
    await pickSecondCard(article);
    await expect.poll(() => article.locator('declutter-picker .matches').textContent()).toBe('Matches 3 blocks on this page');
    await article.keyboard.press('Escape');
    await expect.poll(() => article.locator('declutter-picker').count()).toBe(0);
    expect(await article.evaluate(() => document.documentElement.outerHTML)).toBe(before);
    expect(await article.evaluate(() => window.pageClicks)).toBe(0);
    expect(await visible(article, '.tip-card')).toEqual([true, true, true]);
    expect((await waitForState(b, url)).state.blocks).toEqual([]);
    const stored = await currentWorker(b).evaluate(() => chrome.storage.local.get('userRules'));
    expect((stored.userRules as Record<string, unknown> | undefined)?.['esc.example.com']).toBeUndefined();

    // Every listener is gone: the page's own handlers see clicks again (mousedown and click).
    await article.locator('.tip-card').nth(1).click();
    expect(await article.evaluate(() => window.pageClicks)).toBe(2);
    await article.close();
  });
});

it('logs no errors in pages, popup or service worker', () => {
  expect(b.errors).toEqual([]);
});
