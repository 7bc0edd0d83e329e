/**
 * The content script's life (lib/extension/content/lifetime.ts) in Chromium: a copy whose extension
 * was really reloaded puts its page back, at the "newer copy started" event or at its next change;
 * the same event made up by a page script while the extension lives changes nothing
 * (test/e2e/hostile.e2e.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PLAIN_PAGE, launch, serve, waitForState, type Browser, type Served } from './harness';

declare const chrome: (typeof import('wxt/browser'))['browser'];

const PATH = '/news/plain/';
let b: Browser;
let s: Served;

beforeAll(async () => {
  [b, s] = await Promise.all([launch(), serve([], { [`started.example.com${PATH}`]: PLAIN_PAGE, [`changed.example.com${PATH}`]: PLAIN_PAGE })]);
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

/** What the extension added to the page: marks on elements and its stylesheets. */
const OURS = '[data-declutter-hidden], [data-declutter-show], style#declutter-style, style#declutter-site-style';
const ours = (page: Page) => page.evaluate((sel) => document.querySelectorAll(sel).length, OURS);

/** The page inserts a newsletter sign-up box. */
function insertBox(page: Page, id: string): Promise<void> {
  return page.evaluate((boxId) => {
    const box = document.createElement('div');
    box.className = 'promo-box';
    box.id = boxId;
    box.innerHTML = `<h3>Get the morning briefing</h3><p>Sign up for our daily newsletter, delivered to your inbox every morning.</p>
<form><input type="email" name="email" placeholder="Your email address"><button type="submit">Sign up</button></form>`;
    document.getElementById('story')!.appendChild(box);
  }, id);
}

/** A cleaned page whose late box is hidden: the watcher runs. */
async function cleaned(host: string): Promise<Page> {
  const page = await b.context.newPage();
  const target = s.url(host, PATH);
  await page.goto(target);
  await waitForState(b, target, (st) => st.status === 'cleaned');
  await insertBox(page, 'late-signup');
  await waitForState(b, target, (st) => st.hidden === 1);
  expect(await ours(page)).toBeGreaterThan(0);
  return page;
}

/** Reloads the extension (as an update does): the copies in open pages lose their runtime. */
async function reloadExtension(): Promise<void> {
  const before = b.context.serviceWorkers()[0];
  await before.evaluate(() => chrome.runtime.reload()).catch(() => {});
  // The old worker goes; a new one starts only when an event needs it.
  await expect.poll(() => b.context.serviceWorkers().includes(before), { timeout: 15_000 }).toBe(false);
}

describe('a copy of the content script whose extension was reloaded', () => {
  it('puts the page back when a newer copy starts, and at its next change', async () => {
    const started = await cleaned('started.example.com');
    const changed = await cleaned('changed.example.com');

    await reloadExtension();

    // The event a newer copy sends as it starts.
    await started.evaluate((id) => {
      document.dispatchEvent(new CustomEvent(`${id}:content:wxt:content-script-started`, { detail: { contentScriptName: 'content', messageId: 'new' } }));
    }, b.extensionId);
    await expect.poll(() => ours(started)).toBe(0);
    expect(await started.evaluate(() => document.getElementById('late-signup')!.checkVisibility())).toBe(true);

    // No event: the next change of the page (another late box) finds the runtime gone.
    expect(await ours(changed)).toBeGreaterThan(0);
    await insertBox(changed, 'later-signup');
    await expect.poll(() => ours(changed), { timeout: 5000 }).toBe(0);
    expect(await changed.evaluate(() => document.getElementById('late-signup')!.checkVisibility())).toBe(true);
    await Promise.all([started.close(), changed.close()]);
  });
});
