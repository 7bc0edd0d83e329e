/**
 * Blocks that arrive after load: a newsletter sign-up box a page inserts 2 s after it loaded is
 * caught and hidden, and the badge, the report and the popup follow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeText, collapse, launch, loadFixtures, openPopup, serve, waitForState, type Browser, type Served } from './harness';

let b: Browser;
let s: Served;

beforeAll(async () => {
  [b, s] = await Promise.all([launch(), serve(loadFixtures().filter((f) => f.host === 'globalnews.ca'))]);
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

describe('a newsletter prompt inserted 2 s after load', () => {
  let url: string;
  let tabId: number;

  it('is hidden soon after it appears, and counted', async () => {
    url = s.url('late.example.com', '/news/late-signup/');
    const page = await b.context.newPage();
    await page.goto(url);
    const first = await waitForState(b, url, (st) => st.status === 'cleaned');
    tabId = first.tabId;
    expect(first.state.isArticle).toBe(true);
    expect(first.state.blocks.filter((x) => x.kind === 'newsletter')).toEqual([]);

    await page.waitForSelector('#late-signup', { state: 'attached', timeout: 5_000 });
    const insertedAt = Number(await page.evaluate(() => document.documentElement.getAttribute('data-late-inserted')));
    // The block is the prompt's outermost short wrapper: the box, or the slot holding only it.
    await page.waitForFunction(() => document.getElementById('late-signup')!.closest('[data-declutter-hidden]') !== null, null, {
      timeout: 3_000,
      polling: 20,
    });
    const hiddenAt = await page.evaluate(() => Date.now());
    expect(hiddenAt - insertedAt).toBeLessThan(2_000);
    expect(await page.evaluate(() => document.getElementById('late-signup')!.checkVisibility())).toBe(false);

    const { state } = await waitForState(b, url, (st) => st.blocks.some((x) => x.kind === 'newsletter'));
    expect(state.hidden).toBe(first.state.hidden + 1);
    expect(await badgeText(b, tabId)).toBe(String(state.hidden));
    const text = collapse(await page.evaluate(() => document.body.innerText));
    for (let n = 1; n <= 8; n++) expect(text).toContain(`Paragraph ${n} of the report`);
    expect(text).not.toContain('Get the morning briefing');

    const popup = await openPopup(b, tabId);
    expect(await popup.locator('section.group', { hasText: 'Newsletter prompts' }).locator('li.block').count()).toBe(1);
    await popup.close();
  });
});

describe('a block a site rule names, inserted late', () => {
  it('never paints, then is reported and counted', async () => {
    const f = loadFixtures().find((x) => x.host === 'globalnews.ca')!;
    const url = s.url(f.host, f.path);
    const page = await b.context.newPage();
    await page.goto(url);
    const first = await waitForState(b, url, (st) => st.status === 'cleaned');
    const displayOnInsert = await page.evaluate(() => {
      const box = document.createElement('div');
      box.className = 'c-inlineSignup';
      box.id = 'late-inline-signup';
      box.innerHTML = '<h3>Get breaking news alerts</h3><p>Sign up to get the day’s top stories in your inbox.</p><input type="email"><button>Sign up</button>';
      document.querySelector('article.l-article__text')!.append(box);
      return getComputedStyle(box).display; // styled synchronously, before any paint
    });
    expect(displayOnInsert).toBe('none');
    const { state } = await waitForState(b, url, (st) => st.hidden === first.state.hidden + 1);
    expect(state.blocks.some((x) => x.kind === 'newsletter' && x.text.includes('Get breaking news alerts'))).toBe(true);
    expect(await badgeText(b, first.tabId)).toBe(String(state.hidden));
    await page.close();
  });
});

it('logs no errors in pages, popup or service worker', () => {
  expect(b.errors).toEqual([]);
});
