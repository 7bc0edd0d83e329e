/**
 * Turning it off restores the page exactly: the DOM after turning a site off (from the popup) is
 * the DOM the page had before the extension ran, and so is the DOM of a page loaded while its site
 * is off — but for one mark on <html> on a site with built-in rules (LIVE_ATTR, which keeps the
 * site's built-in stylesheet off; on every other site not even that). "Before the extension ran"
 * is the served source parsed in a blank page, where no content script runs. The options page lists the site that was turned off and turns it on again.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { rulesForHost } from '../../lib/engine/find/site-rules';
import { siteSelectors } from '../../lib/engine/apply/site-style';
import { sites } from '../../lib/rules/sites/index';
import { ARTIFACTS, domOf, marked, badgeText, launch, loadFixtures, openPopup, serve, waitForState, type Browser, type Served } from './harness';

const fixtures = loadFixtures();
let b: Browser;
let s: Served;

beforeAll(async () => {
  [b, s] = await Promise.all([launch(), serve(fixtures)]);
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

/** The served source parsed in a blank page, where no content script runs: its DOM, and which elements the host's built-in rules name show. */
async function originalDom(html: string, host: string): Promise<[string, boolean[]]> {
  const blank = await b.context.newPage();
  await blank.setContent(html);
  const dom = await blank.evaluate(() => document.documentElement.outerHTML);
  const shown = await showing(blank, host);
  await blank.close();
  return [dom, shown];
}

/** Which of the elements the host's built-in rules name show. */
function showing(page: Page, host: string): Promise<boolean[]> {
  const selectors = rulesForHost(host, sites).flatMap((site) => siteSelectors(site.host, [site]));
  return page.evaluate((list) => list.flatMap((sel) => Array.from(document.querySelectorAll(sel), (el) => el.checkVisibility())), selectors);
}

describe.each(fixtures)('$host/$slug', (f) => {
  it('turning the site off from the popup restores the DOM exactly; loading it off leaves it untouched', async () => {
    const url = s.url(f.host, f.path);
    const [original, shown] = await originalDom(f.html, f.host);
    const page = await b.context.newPage();
    await page.goto(url);
    const { tabId, state } = await waitForState(b, url, (st) => st.status === 'cleaned');
    if (marked(f.host)) expect(shown.filter(Boolean).length).toBeGreaterThan(0);
    expect(state.hidden).toBeGreaterThan(0);
    const dom = () => domOf(page);
    expect((await dom())[0]).not.toBe(original);

    const popup = await openPopup(b, tabId);
    const siteSwitch = popup.getByRole('switch', { name: `On for ${state.site}` });
    expect(await siteSwitch.isChecked()).toBe(true);
    await siteSwitch.click();
    await waitForState(b, url, (st) => st.status === 'off' && st.offBy === 'site');
    expect(await dom()).toEqual([original, marked(f.host)]);
    // What the site's rules name shows as it does without the extension: its built-in stylesheet is off.
    expect(await showing(page, f.host)).toEqual(shown);
    expect(await badgeText(b, tabId)).toBe('');
    await expect.poll(() => popup.locator('main h2').first().textContent()).toBe(`Off for ${state.site}`);
    await popup.screenshot({ path: join(ARTIFACTS, `popup-off-${f.host}.png`) });

    await page.reload();
    await waitForState(b, url, (st) => st.status === 'off');
    await page.waitForTimeout(200);
    expect(await dom()).toEqual([original, marked(f.host)]);
    expect(await showing(page, f.host)).toEqual(shown);

    await popup.reload();
    await popup.waitForSelector('main[aria-busy="false"]');
    await popup.getByRole('switch', { name: `On for ${state.site}` }).click();
    const on = await waitForState(b, url, (st) => st.status === 'cleaned');
    expect(on.state.hidden).toBe(state.hidden);
    expect(await badgeText(b, tabId)).toBe(String(state.hidden));
    await popup.close();
    await page.close();
  });
});

describe('everywhere', () => {
  it('turning the extension off for all sites restores the page; turning it on cleans it again', async () => {
    const f = fixtures[0];
    const url = s.url(f.host, f.path);
    const [original] = await originalDom(f.html, f.host);
    const page = await b.context.newPage();
    await page.goto(url);
    const { tabId } = await waitForState(b, url, (st) => st.status === 'cleaned');
    const popup = await openPopup(b, tabId);
    await popup.getByRole('switch', { name: 'On for all sites' }).click();
    await waitForState(b, url, (st) => st.status === 'off' && st.offBy === 'global');
    expect(await domOf(page)).toEqual([original, marked(f.host)]);
    await popup.getByRole('switch', { name: 'On for all sites' }).click();
    await waitForState(b, url, (st) => st.status === 'cleaned');
    await popup.close();
    await page.close();
  });
});

describe('options page', () => {
  it('lists a site turned off, turns it on again, and resets to defaults', async () => {
    const f = fixtures[0];
    const url = s.url(f.host, f.path);
    const page = await b.context.newPage();
    await page.goto(url);
    const { tabId, state } = await waitForState(b, url, (st) => st.status === 'cleaned');
    const popup = await openPopup(b, tabId);
    await popup.getByRole('switch', { name: `On for ${state.site}` }).click();
    await waitForState(b, url, (st) => st.status === 'off');

    const options = await b.context.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/options.html`);
    const entry = options.locator(`li[data-site="${state.site}"]`);
    await expect.poll(() => entry.count()).toBe(1);
    await options.screenshot({ path: join(ARTIFACTS, 'options.png'), fullPage: true });
    await options.getByRole('button', { name: `Turn ${state.site} on again` }).click();
    await waitForState(b, url, (st) => st.status === 'cleaned');
    await expect.poll(() => entry.count()).toBe(0);
    expect(await options.locator('#sites').textContent()).toContain('No site is turned off.');

    await options.getByRole('switch', { name: 'On for all sites' }).click();
    await waitForState(b, url, (st) => st.status === 'off');
    await options.getByRole('button', { name: 'Reset to defaults…' }).click();
    await options.getByRole('button', { name: 'Reset', exact: true }).click();
    await waitForState(b, url, (st) => st.status === 'cleaned');
    expect(await options.getByRole('switch', { name: 'On for all sites' }).isChecked()).toBe(true);
    await options.close();
    await popup.close();
    await page.close();
  });
});

it('logs no errors in pages, popup or service worker', () => {
  expect(b.errors).toEqual([]);
});
