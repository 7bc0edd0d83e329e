/**
 * The golden fixture pages in a real browser with the extension: boilerplate hidden, every article
 * paragraph visible, the badge counting the hidden blocks, the popup listing them.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TabState } from '../../lib/extension/messages';
import {
  ARTIFACTS,
  ROOT,
  badgeText,
  collapse,
  contentScriptRecord,
  launch,
  loadFixtures,
  openPopup,
  serve,
  waitForState,
  type Browser,
  type Served,
} from './harness';

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

describe.each(fixtures)('$host/$slug', (f) => {
  let tabId: number;
  let state: TabState;
  const page = () => b.context.pages().find((p) => p.url() === s.url(f.host, f.path))!;

  beforeAll(async () => {
    const p = await b.context.newPage();
    await p.goto(s.url(f.host, f.path));
    ({ tabId, state } = await waitForState(b, s.url(f.host, f.path), (st) => st.status === 'cleaned'));
  });

  it('treats the page as an article and reports no errors', () => {
    expect(state.isArticle).toBe(true);
    expect(state.errors).toEqual([]);
    expect(state.blocks.length).toBeGreaterThan(0);
  });

  it("ran the engine in the background: the page's own thread serialized the page and hid what the answer named", async () => {
    const record = await contentScriptRecord(b, page());
    expect(record?.runs).toMatchObject({ sent: 1, remote: 1, local: 0, mismatched: 0 });
    expect(record?.spans.filter((x) => x.name === 'answer')).toHaveLength(1);
  });

  it('hides every boilerplate block of expected.json, as its kind', async () => {
    const results = await page().evaluate((hidden) => {
      return hidden.map((h) => {
        const els = Array.from(document.querySelectorAll(h.selector));
        return {
          selector: h.selector,
          found: els.length,
          visible: els.filter((el) => el.checkVisibility()).length,
          ids: els.map((el) => el.closest('[data-declutter-hidden]')?.getAttribute('data-declutter-hidden') ?? null),
        };
      });
    }, f.expected.hidden);
    for (const [i, r] of results.entries()) {
      const h = f.expected.hidden[i];
      expect(r.found, `${h.selector} is on the page`).toBeGreaterThan(0);
      expect(r.visible, `${h.selector} is hidden`).toBe(0);
      for (const id of r.ids) expect(state.blocks.find((x) => x.id === id)?.kind, `${h.selector} hidden as ${h.kind}`).toBe(h.kind);
    }
  });

  it("keeps the article's furniture visible: byline, date line, lead image, captions", async () => {
    const { byline, date, lead, captions } = f.expected.furniture;
    const selectors = [byline, date, lead, ...captions];
    const results = await page().evaluate(
      (sels) =>
        sels.map((sel) => {
          const els = Array.from(document.querySelectorAll(sel));
          // Seen: not hidden by the extension, and shown by the page at this width (a copy for phones may not be).
          return {
            found: els.length,
            hiddenByUs: els.filter((el) => el.closest('[data-declutter-hidden]')).length,
            shown: els.some((el) => el.checkVisibility()),
          };
        }),
      selectors,
    );
    for (const [i, r] of results.entries()) {
      expect(r.found, `${selectors[i]} is on the page`).toBeGreaterThan(0);
      expect(r.hiddenByUs, `${selectors[i]} is not hidden`).toBe(0);
      expect(r.shown, `${selectors[i]} is seen`).toBe(true);
    }
  });

  it('keeps every article paragraph, the traps and each caption visible', async () => {
    const { text, kept } = await page().evaluate((keptSelectors) => {
      return {
        text: document.body.innerText,
        kept: keptSelectors.map((sel) => Array.from(document.querySelectorAll(sel)).map((el) => el.checkVisibility())),
      };
    }, f.expected.kept);
    const visible = collapse(text);
    expect(f.expected.paragraphs.map(collapse).filter((p) => !visible.includes(p))).toEqual([]);
    for (const [i, list] of kept.entries()) {
      expect(list.length, f.expected.kept[i]).toBeGreaterThan(0);
      expect(list.every(Boolean), `${f.expected.kept[i]} stays visible`).toBe(true);
    }
    for (const once of f.expected.once) expect(visible.split(collapse(once)).length - 1, once).toBe(1);
  });

  it('shows the number of hidden blocks on the badge', async () => {
    const onPage = await page().evaluate(() => document.querySelectorAll('[data-declutter-hidden]').length);
    expect(state.hidden).toBe(onPage);
    expect(await badgeText(b, tabId)).toBe(String(onPage));
  });

  it('lists the hidden blocks in the popup, grouped by kind, as text', async () => {
    const popup = await openPopup(b, tabId);
    const listed = await popup.evaluate(() => ({
      ids: Array.from(document.querySelectorAll('li.block')).map((li) => li.getAttribute('data-id')),
      texts: Array.from(document.querySelectorAll('li.block .text')).map((p) => p.textContent),
      why: Array.from(document.querySelectorAll('li.block .why')).map((p) => p.textContent ?? ''),
      groups: Array.from(document.querySelectorAll('section.group')).map((g) => ({
        title: g.querySelector('h2')?.firstChild?.textContent ?? '',
        count: Number(g.querySelector('.count')?.textContent),
        items: g.querySelectorAll('li.block').length,
      })),
      summary: document.querySelector('.summary')?.textContent ?? '',
      markup: document.querySelectorAll('main li.block .text *').length,
    }));
    expect(new Set(listed.ids)).toEqual(new Set(state.blocks.map((x) => x.id)));
    expect(listed.summary).toContain(`Hid ${state.hidden} block`);
    for (const g of listed.groups) expect(g.count).toBe(g.items);
    expect(listed.groups.reduce((n, g) => n + g.count, 0)).toBe(state.blocks.length);
    expect(listed.markup).toBe(0); // block text is text, never markup
    for (const w of listed.why) expect(w).toMatch(/^(Known on \S+|Spotted on this page): ./);
    await popup.screenshot({ path: join(ARTIFACTS, `popup-${f.host}.png`) });
    if (f.host === 'globalnews.ca') {
      // The README's screenshot is refreshed on request only, so a test run leaves the tree clean.
      if (process.env.UPDATE_DOCS) {
        mkdirSync(join(ROOT, 'docs'), { recursive: true });
        copyFileSync(join(ARTIFACTS, `popup-${f.host}.png`), join(ROOT, 'docs', 'popup.png'));
      }
      await popup.emulateMedia({ colorScheme: 'dark' });
      await popup.screenshot({ path: join(ARTIFACTS, `popup-${f.host}-dark.png`) });
    }
    await popup.close();
  });
});

it('logs no errors in pages, popup or service worker', () => {
  expect(b.errors).toEqual([]);
});
