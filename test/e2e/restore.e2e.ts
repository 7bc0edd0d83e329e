/**
 * Turning it off restores the page exactly: the DOM after turning a site off (from the popup) is
 * the DOM the page had before the extension ran, and so is the DOM of a page loaded while its site
 * is off. "Before the extension ran" is the served source parsed in a blank page, where no content
 * script runs. The options page lists the site that was turned off and turns it on again.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, badgeText, launch, loadFixtures, openPopup, serve, waitForState, type Browser, type Served } from './harness';

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

async function originalDom(html: string): Promise<string> {
  const blank = await b.context.newPage();
  await blank.setContent(html);
  const dom = await blank.evaluate(() => document.documentElement.outerHTML);
  await blank.close();
  return dom;
}

describe.each(fixtures)('$host/$slug', (f) => {
  it('turning the site off from the popup restores the DOM exactly; loading it off leaves it untouched', async () => {
    const url = s.url(f.host, f.path);
    const original = await originalDom(f.html);
    const page = await b.context.newPage();
    await page.goto(url);
    const { tabId, state } = await waitForState(b, url, (st) => st.status === 'cleaned');
    expect(state.hidden).toBeGreaterThan(0);
    const dom = () => page.evaluate(() => document.documentElement.outerHTML);
    expect(await dom()).not.toBe(original);

    const popup = await openPopup(b, tabId);
    const siteSwitch = popup.getByRole('switch', { name: `On for ${state.site}` });
    expect(await siteSwitch.isChecked()).toBe(true);
    await siteSwitch.click();
    await waitForState(b, url, (st) => st.status === 'off' && st.offBy === 'site');
    expect(await dom()).toBe(original);
    expect(await badgeText(b, tabId)).toBe('');
    await expect.poll(() => popup.locator('main h2').first().textContent()).toBe(`Off for ${state.site}`);
    await popup.screenshot({ path: join(ARTIFACTS, `popup-off-${f.host}.png`) });

    await page.reload();
    await waitForState(b, url, (st) => st.status === 'off');
    await page.waitForTimeout(200);
    expect(await dom()).toBe(original);

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
    const original = await originalDom(f.html);
    const page = await b.context.newPage();
    await page.goto(url);
    const { tabId } = await waitForState(b, url, (st) => st.status === 'cleaned');
    const popup = await openPopup(b, tabId);
    await popup.getByRole('switch', { name: 'On for all sites' }).click();
    await waitForState(b, url, (st) => st.status === 'off' && st.offBy === 'global');
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(original);
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
