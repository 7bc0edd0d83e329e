/**
 * The rules learned on a site, in the built extension: the popup of a page of the site sums them
 * up and lists them; a rule switched off there is stored off (by the user) and the popup says so;
 * the options page lists the site, turns learning off (the popup says so), and "Forget this site"
 * forgets it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS, currentWorker, launch, openPopup, serve, waitForState, type Browser, type Served } from './harness';

/** The extension API, as seen by code evaluated in the service worker. */
declare const chrome: (typeof import('wxt/browser'))['browser'];

/** A page the harness serves (an article with nothing to remove); its site has the rules below. */
const SITE = 'plain.example.com';
const PATH = '/news/plain/';

const rule = (selector: string, kind: string, reason: string, extra: Record<string, unknown> = {}) => ({
  kind,
  selector,
  reason,
  samples: [`http://${SITE}/a`, `http://${SITE}/b`],
  confidence: 0.9,
  foundBy: 'class',
  at: 1,
  ...extra,
});

const LEARNED = {
  [SITE]: {
    pages: 3,
    at: 1,
    rules: [
      rule('.share-tools', 'share', 'share bar of this site'),
      rule('.house-ad', 'promo', 'house promotion'),
      rule('.kicker', 'related', 'more stories box', { off: 'article', offWhy: '“Paragraph 1 of the report…”' }),
    ],
  },
};

type Stored = Record<string, { pages: number; rules: { selector: string; off?: string }[] }>;

let b: Browser;
let s: Served;
let popup: Page;
let options: Page;

const stored = async (): Promise<Stored> => ((await currentWorker(b).evaluate(() => chrome.storage.local.get('learnedRules'))).learnedRules ?? {}) as Stored;

beforeAll(async () => {
  [b, s] = await Promise.all([launch(), serve([])]);
  await currentWorker(b).evaluate((learned) => chrome.storage.local.set({ learnedRules: learned }), LEARNED);
  const url = s.url(SITE, PATH);
  const page = await b.context.newPage();
  await page.goto(url);
  const { tabId } = await waitForState(b, url, (st) => st.status !== 'pending');
  popup = await openPopup(b, tabId);
});

afterAll(async () => {
  await b?.close();
  await s?.close();
});

describe('the popup', () => {
  it('sums up the rules learned on the site, lists them, and switches one off', async () => {
    const summary = popup.locator('#learned summary');
    await expect.poll(() => summary.textContent()).toBe('Learned on this site: 2 rules from 3 pages');
    await summary.click();
    const list = popup.getByRole('list', { name: `Rules learned on ${SITE}` });
    expect(await list.locator('li .tag').allTextContents()).toEqual(['Share bar', 'Site promotion', 'Related links']);
    expect(await list.locator('li .why').first().textContent()).toBe('share bar of this site · seen on 2 pages');
    expect(await list.locator('li .state').allTextContents()).toEqual(['on', 'on', 'off: it would hide article text (“Paragraph 1 of the report…”)']);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-learned.png'), fullPage: true });

    const share = popup.getByRole('switch', { name: 'Learned rule: Share bar (.share-tools)' });
    expect(await share.isChecked()).toBe(true);
    await share.click();
    await expect.poll(async () => (await stored())[SITE]?.rules[0].off).toBe('user');
    expect((await stored())[SITE].rules.map((r) => r.off)).toEqual(['user', undefined, 'article']);
    // Drawn again from storage: still open, the switch off and focused, the summary counting one rule fewer.
    await expect.poll(() => list.locator('li .state').first().textContent()).toBe('switched off');
    expect(await summary.textContent()).toBe('Learned on this site: 1 rule from 3 pages');
    expect(await share.isChecked()).toBe(false);
    expect(await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label'))).toBe(
      'Learned rule: Share bar (.share-tools)',
    );

    // And back on.
    await share.click();
    await expect.poll(async () => (await stored())[SITE]?.rules[0].off).toBeUndefined();
  });
});

describe('the options page', () => {
  it('lists the site’s rules, turns learning off, and forgets the site', async () => {
    options = await b.context.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/options.html`);
    const list = options.getByRole('list', { name: `Rules learned on ${SITE}` });
    await expect.poll(() => list.locator('li code').allTextContents()).toEqual(['.share-tools', '.house-ad', '.kicker']);
    expect(await options.locator(`#learned h3[data-site="${SITE}"]`).textContent()).toBe(`${SITE} 2 rules from 3 pages`);
    expect(await options.locator('#learn-hint').textContent()).toMatch(/stays on this device.* last 6 pages .* up to 50 sites/);

    const learn = options.getByRole('switch', { name: 'Learn each site’s clutter from the pages I read' });
    expect(await learn.isChecked()).toBe(true);
    await learn.click();
    await expect
      .poll(async () => ((await currentWorker(b).evaluate(() => chrome.storage.local.get('settings'))).settings as { learn?: boolean } | undefined)?.learn)
      .toBe(false);
    await expect.poll(() => popup.locator('#learned .learning-off').textContent()).toMatch(/^Learning is off/);
    await options.screenshot({ path: join(ARTIFACTS, 'options-learned.png'), fullPage: true });

    await options.getByRole('button', { name: `Forget what was learned on ${SITE}` }).click();
    await expect.poll(async () => Object.keys(await stored())).toEqual([]);
    await expect.poll(() => options.locator('#learned .none').textContent()).toBe('Nothing learned yet.');
    expect(await options.locator('#status').textContent()).toBe(`Forgot what was learned on ${SITE}.`);
    // The popup keeps only its line on learning being off.
    await expect.poll(() => popup.locator('#learned summary').count()).toBe(0);
  });

  it('left no errors in the console', () => {
    expect(b.errors).toEqual([]);
  });
});
