/**
 * Rules that would hurt the page, in Chromium with the built extension: stored as an older version
 * stored them (straight into storage, past the checks at entry), and pasted as a filter list into
 * the options page.
 *
 *   - whole-page selectors (`:root`, `head + body`, `body:nth-child(2)`): the page's html or body must
 *     never be `display: none`, not even until the background answers;
 *   - an expensive `:has()` (`div:has(~ div div div):has(~ div div div div)`) on a page of 3,000
 *     rows: no long freeze;
 *   - a `:has-text(/^(a+)+$/)` rule on 30 boxes of forty a's and a "!": the page is cleaned at once.
 *
 * Each test prints its figures (HOSTILE {...}) for the README.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { currentWorker, launch, serve, waitForState, type Browser, type Served } from './harness';

/** The extension API, as seen by code evaluated in the service worker. */
declare const chrome: (typeof import('wxt/browser'))['browser'];

const PATH = '/news/story/';
const COSTLY = 'div:has(~ div div div):has(~ div div div div)';
const WHOLE_PAGE = [':root', 'head + body', 'body:nth-child(2)'];

const para = (n: number) =>
  `<p>Paragraph ${n} of the report: the council met on Tuesday evening and argued for hours about the budget, the roads and the new library before it voted late at night.</p>`;

/**
 * A page that watches itself from its first script: on every frame until it is told to stop, whether
 * html or body is not displayed, and the longest task the page saw (longtask entries).
 */
function page(extra: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council passes budget</title>
<script>
(function () {
  var w = (window.__watch = { frames: 0, hidden: 0, longest: 0 });
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) { w.longest = Math.max(w.longest, e.duration); });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  function look() {
    w.frames++;
    var html = document.documentElement, body = document.body;
    if (getComputedStyle(html).display === 'none' || (body && getComputedStyle(body).display === 'none')) w.hidden++;
    if (!w.stop) requestAnimationFrame(look);
  }
  requestAnimationFrame(look);
})();
</script></head><body>
<main><article><h1>Council passes budget after a long night</h1><div class="story-body">
${[1, 2, 3, 4, 5, 6, 7, 8].map(para).join('\n')}
<div class="house-promo" id="promo"><p>Try our puzzles and games, new every day of the week</p></div>
</div></article></main>
${extra}
<footer><p>© Example Local News</p></footer>
</body></html>`;
}

const ROWS = `<div class="rows">${Array.from({ length: 3000 }, (_, i) => `<div class="row"><div><div><div><span>Row ${i}</span></div></div></div></div>`).join('')}</div>`;
const AAA = Array.from({ length: 30 }, (_, i) => `<div class="box" id="a${i}">${'a'.repeat(40)}!</div>`).join('');

const PAGES = {
  'whole.example.com': { html: page(''), rules: WHOLE_PAGE },
  'rows.example.com': { html: page(ROWS), rules: [COSTLY] },
  'regex.example.com': { html: page(AAA), rules: [], hasText: '/^(a+)+$/' },
};

let b: Browser;
let served: Served;

beforeAll(async () => {
  served = await serve([], Object.fromEntries(Object.entries(PAGES).map(([host, p]) => [`${host}${PATH}`, p.html])));
  b = await launch();
  // As an older version stored them: straight into storage, past the checks at entry.
  const userRules = Object.fromEntries(
    Object.entries(PAGES).map(([host, p]) => [
      host,
      [
        ...p.rules.map((selector) => ({ selector, kind: 'ad', at: 1, from: 'options' })),
        ...('hasText' in p ? [{ selector: 'div.box', hasText: p.hasText, kind: 'ad', at: 1, from: 'options' }] : []),
        { selector: '.house-promo', kind: 'ad', at: 1, from: 'options' },
      ],
    ]),
  );
  await currentWorker(b).evaluate((r) => chrome.storage.local.set({ userRules: r }), userRules);
});

afterAll(async () => {
  await b?.close();
  await served?.close();
});

/** Opens the page, waits until it is cleaned; returns what it saw meanwhile and how long it took. */
async function visit(host: string): Promise<{ tab: Page; ms: number; frames: number; hidden: number; longest: number; rules: string[] }> {
  const url = served.url(host, PATH);
  const tab = await b.context.newPage();
  const t0 = Date.now();
  await tab.goto(url);
  const { state } = await waitForState(b, url, (s) => s.status === 'cleaned', 30_000);
  const ms = Date.now() - t0;
  await tab.waitForTimeout(300); // a few frames after the answer
  const watch = await tab.evaluate(() => {
    const w = (window as unknown as { __watch: { frames: number; hidden: number; longest: number; stop?: boolean } }).__watch;
    w.stop = true;
    return w;
  });
  return { tab, ms, frames: watch.frames, hidden: watch.hidden, longest: Math.round(watch.longest), rules: state.blocks.map((x) => x.rule) };
}

describe('hostile rules in Chromium', () => {
  it('whole-page selectors never hide the page, not even until the background answers', async () => {
    const r = await visit('whole.example.com');
    console.log(`HOSTILE ${JSON.stringify({ case: 'whole-page selectors', ms: r.ms, frames: r.frames, framesHidden: r.hidden })}`);
    expect(r.frames).toBeGreaterThan(0);
    expect(r.hidden).toBe(0);
    expect(r.rules).toEqual(['user:whole.example.com .house-promo']);
    expect(await r.tab.evaluate(() => document.querySelector('.story-body p')!.checkVisibility())).toBe(true);
    await r.tab.close();
  });

  it('an expensive :has() rule on 3,000 rows: no long freeze, the other rules still clean the page', async () => {
    const r = await visit('rows.example.com');
    console.log(`HOSTILE ${JSON.stringify({ case: 'expensive :has()', ms: r.ms, longestTaskMs: r.longest })}`);
    expect(r.rules).toEqual(['user:rows.example.com .house-promo']);
    expect(r.longest).toBeLessThan(1500);
    expect(await r.tab.evaluate(() => document.querySelector('.row')!.checkVisibility())).toBe(true);
    await r.tab.close();
  });

  it('a :has-text() pattern that backtracks for ever: the page is cleaned at once', async () => {
    const r = await visit('regex.example.com');
    console.log(`HOSTILE ${JSON.stringify({ case: ':has-text(/^(a+)+$/)', ms: r.ms, longestTaskMs: r.longest })}`);
    expect(r.rules).toEqual(['user:regex.example.com .house-promo']);
    expect(r.ms).toBeLessThan(5000);
    await r.tab.close();
  });

  it('the options page refuses them in a filter list, with the reason', async () => {
    const options = await b.context.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/options.html`);
    await options.waitForSelector('#kept');
    const list = [...WHOLE_PAGE, COSTLY]
      .map((sel) => `new.example.com##${sel}`)
      .concat('new.example.com##div.box:has-text(/(a)\\1/)')
      .join('\n');
    await options.getByRole('textbox', { name: 'Filter list' }).fill(list);
    await options.getByRole('button', { name: 'Add the rules' }).click();
    await expect
      .poll(() => options.locator('#import-result ul.problems .reason').allTextContents())
      .toEqual([
        'line 1: it would hide the whole page',
        'line 2: it would hide the whole page',
        'line 3: it would hide the whole page',
        'line 4: a :has() with a sibling combinator (~ or +) inside is too costly: it searches every later sibling of every element it is tried on',
        'line 5: the :has-text() pattern has a backreference (\\1, \\k<name>), which cannot be matched in a bounded time',
      ]);
    await options.close();
  });
});
