/**
 * The user's rules in the built extension: a filter list pasted into the options page becomes
 * rules (its other lines listed with their line numbers and reasons), the rules hide blocks on a
 * page served from 127.0.0.1 (plain CSS from the early stylesheet, `:has-text()` at DOM ready),
 * editing and deleting a rule in the options page changes the open page at once, and an export
 * imported into emptied storage gives back the same rules and kept blocks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, currentWorker, launch, waitForState, type Browser } from './harness';

/** The extension API, as seen by code evaluated in the service worker. */
declare const chrome: (typeof import('wxt/browser'))['browser'];

const HOST = 'rules.example.com';
const PATH = '/news/story/';

function para(n: number): string {
  return `<p>Paragraph ${n} of the report: the council met on Tuesday evening and argued for hours about the budget, the roads and the new library before it voted late at night.</p>`;
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council passes budget</title></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Council passes budget after a long night</h1><div class="story-body">
${[1, 2, 3].map(para).join('\n')}
<div class="house-promo" id="promo"><p>Try our puzzles and games, new every day of the week</p></div>
${[4, 5].map(para).join('\n')}
<div class="partner-box" id="deals"><p>Sponsored: the best phone deals of the week, picked for you</p></div>
<div class="partner-box" id="team"><p>Meet the newsroom team who reported this story for you</p></div>
${[6, 7, 8].map(para).join('\n')}
</div></article></main>
<footer><p>© Example Local News</p></footer>
</body></html>`;

const LIST = [
  '! Title: my cleanup list',
  `${HOST}##.house-promo`,
  `${HOST}##.partner-box:has-text(Sponsored)`,
  '||ads.example.net^$third-party',
  `${HOST}##div:upward(2)`,
  `${HOST}##.broken:::x`,
  '',
].join('\n');

let b: Browser;
let server: Server;
let url: string;
let article: Page;
let options: Page;

async function visible(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => document.querySelector(sel)!.checkVisibility(), selector);
}

async function stored(): Promise<{ userRules?: Record<string, { selector: string; kind: string; hasText?: string }[]>; kept?: unknown }> {
  return currentWorker(b).evaluate(() => chrome.storage.local.get(['userRules', 'kept']));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (host === HOST && (req.url ?? '').split('?')[0] === PATH) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(PAGE);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://${HOST}:${(server.address() as AddressInfo).port}${PATH}`;
  b = await launch();
  options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await options.waitForSelector('#kept .none');
});

afterAll(async () => {
  await b?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe('importing a filter list', () => {
  it('adds the supported lines as rules and lists every other line with its number and reason', async () => {
    await options.getByRole('textbox', { name: 'Filter list' }).fill(LIST);
    await options.getByRole('button', { name: 'Add the rules' }).click();
    await expect.poll(() => options.locator('#import-result .summary').textContent()).toBe('Added 2 rules. Already saved: 0.');
    expect(await options.locator('#status').textContent()).toBe('Added 2 rules. Already saved: 0.');
    expect(await options.locator('#import-result .problems-head').textContent()).toBe('Not imported (3):');
    expect(await options.locator('#import-result ul.problems .reason').allTextContents()).toEqual([
      'line 4: a network filter (it blocks requests); only element hiding rules (##) are imported',
      'line 5: :upward() is not supported (only one :has-text() at the end)',
      'line 6: not a valid CSS selector',
    ]);
    expect(await options.locator('#import-result ul.problems .line').allTextContents()).toEqual([
      '||ads.example.net^$third-party',
      `${HOST}##div:upward(2)`,
      `${HOST}##.broken:::x`,
    ]);
    const { userRules } = await stored();
    expect(userRules?.[HOST]?.map((r) => [r.selector, r.hasText, r.kind])).toEqual([
      ['.house-promo', undefined, 'ad'],
      ['.partner-box', 'Sponsored', 'ad'],
    ]);
    // Listed for the site.
    const list = options.getByRole('list', { name: `Your rules for ${HOST}` });
    await expect.poll(() => list.locator('li code.what').allTextContents()).toEqual(['.house-promo', '.partner-box']);
    expect(await list.locator('li .has-text').allTextContents()).toEqual(['only with the text “Sponsored”']);
    await options.screenshot({ path: join(ARTIFACTS, 'options-rules.png'), fullPage: true });

    // Importing the same list again adds nothing and loses nothing.
    await options.getByRole('button', { name: 'Add the rules' }).click();
    await expect.poll(() => options.locator('#import-result .summary').textContent()).toBe('Added 0 rules. Already saved: 2.');
    expect((await stored()).userRules?.[HOST]?.length).toBe(2);
  });

  it('hides the blocks on the site: plain CSS from the early stylesheet, :has-text() by text', async () => {
    article = await b.context.newPage();
    await article.goto(url);
    const { state } = await waitForState(b, url, (st) => st.status === 'cleaned');
    expect(await visible(article, '#promo')).toBe(false);
    expect(await visible(article, '#deals')).toBe(false);
    expect(await visible(article, '#team')).toBe(true);
    expect(await visible(article, '.story-body p')).toBe(true);
    const css = await article.evaluate(() => document.getElementById('declutter-site-style')?.textContent ?? '');
    expect(css).toContain(':is(.house-promo)');
    expect(css).not.toContain('partner-box');
    const rules = state.blocks.map((x) => x.rule);
    expect(rules).toContain(`user:${HOST} .house-promo`);
    expect(rules).toContain(`user:${HOST} .partner-box:has-text(Sponsored)`);
  });
});

describe('editing and deleting in the options page', () => {
  it('refuses an invalid selector with the reason, and saves a valid edit that the open page follows', async () => {
    const list = options.getByRole('list', { name: `Your rules for ${HOST}` });
    await list.getByRole('button', { name: `Edit the rule .house-promo for ${HOST}` }).click();
    const selector = options.getByRole('textbox', { name: 'Selector' });
    await expect.poll(() => options.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('selector');
    await selector.fill('#promo:::x');
    await options.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => options.getByRole('alert').textContent()).toBe('not a valid CSS selector');
    await options.screenshot({ path: join(ARTIFACTS, 'options-rule-edit.png'), fullPage: true });
    expect((await stored()).userRules?.[HOST]?.[0].selector).toBe('.house-promo');

    await selector.fill('#promo');
    await options.getByRole('combobox', { name: 'Kind' }).selectOption('related');
    await options.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => options.locator('#status').textContent()).toBe('Rule saved.');
    expect((await stored()).userRules?.[HOST]?.[0]).toMatchObject({ selector: '#promo', kind: 'related' });
    expect(await list.locator('li code.what').allTextContents()).toEqual(['#promo', '.partner-box']);
    const { state } = await waitForState(b, url, (st) => st.blocks.some((x) => x.rule === `user:${HOST} #promo`));
    expect(state.blocks.find((x) => x.rule === `user:${HOST} #promo`)?.kind).toBe('related');
    expect(state.blocks.some((x) => x.rule === `user:${HOST} .house-promo`)).toBe(false);
    expect(await visible(article, '#promo')).toBe(false);
  });

  it('deletes a rule, and the open page shows its block again', async () => {
    const list = options.getByRole('list', { name: `Your rules for ${HOST}` });
    await list.getByRole('button', { name: `Remove the rule .partner-box:has-text(Sponsored) for ${HOST}` }).click();
    await expect.poll(() => options.locator('#status').textContent()).toBe('Rule deleted.');
    expect((await stored()).userRules?.[HOST]?.map((r) => r.selector)).toEqual(['#promo']);
    await expect.poll(() => visible(article, '#deals')).toBe(true);
    const { state } = await waitForState(b, url, (st) => !st.blocks.some((x) => x.rule.includes('partner-box')));
    expect(
      await article.evaluate(() =>
        document
          .getElementById('deals')!
          .getAttributeNames()
          .filter((n) => n.startsWith('data-declutter')),
      ),
    ).toEqual([]);
    expect(state.blocks.some((x) => x.rule === `user:${HOST} #promo`)).toBe(true);
  });
});

describe('export and import', () => {
  it('round-trips the rules and kept blocks through a file, and an import never drops what is saved', async () => {
    const keptBlock = { id: 'newsletter-abc123', kind: 'newsletter', text: 'Get the morning briefing', at: Date.UTC(2025, 0, 15) };
    await currentWorker(b).evaluate((k) => chrome.storage.local.set({ kept: { [k.site]: [k.block] } }), { site: HOST, block: keptBlock });
    const keptList = options.getByRole('list', { name: `Kept blocks on ${HOST}` });
    await expect.poll(() => keptList.locator('li .what').allTextContents()).toEqual(['Get the morning briefing']);
    const before = await stored();

    const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export to a file' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^declutter-settings-\d{4}-\d{2}-\d{2}\.json$/);
    const text = readFileSync(await download.path(), 'utf8');
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'declutter-settings', version: 1, userRules: before.userRules, kept: before.kept, disabledSites: [] });

    // Everything forgotten, then the file imported: the same rules and kept blocks.
    await currentWorker(b).evaluate(() => chrome.storage.local.remove(['userRules', 'kept']));
    await expect.poll(() => options.locator('#kept .none').count()).toBe(1);
    await options.getByLabel('Import a file').setInputFiles({ name: 'declutter-settings.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect
      .poll(() => options.locator('#import-result .summary').textContent())
      .toBe('Added 1 rule, 1 kept block and 0 sites turned off. Already saved: 0.');
    expect(await stored()).toEqual(before);

    // A file with a bad entry: it is reported, the good one added, nothing saved is lost.
    const more = {
      format: 'declutter-settings',
      version: 1,
      userRules: {
        [HOST]: [
          { selector: '.extra', kind: 'share', at: 1, from: 'import' },
          { selector: 'div:::x', kind: 'ad' },
        ],
      },
    };
    await options.getByLabel('Import a file').setInputFiles({ name: 'more.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(more)) });
    await expect
      .poll(() => options.locator('#import-result .summary').textContent())
      .toBe('Added 1 rule, 0 kept blocks and 0 sites turned off. Already saved: 0.');
    expect(await options.locator('#import-result ul.problems .reason').allTextContents()).toEqual([`rule 2 for ${HOST}: not a valid CSS selector`]);
    const after = await stored();
    expect(after.kept).toEqual(before.kept);
    expect(after.userRules?.[HOST]?.map((r) => r.selector)).toEqual(['#promo', '.extra']);

    // Not an export at all: a clear message, nothing changes.
    await options.getByLabel('Import a file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"not": "ours"}') });
    await expect.poll(() => options.locator('#import-result .summary').textContent()).toBe('The file is not an export of Declutter News settings.');
    expect(await stored()).toEqual(after);
  });

  it('left no errors in the console', () => {
    expect(b.errors).toEqual([]);
  });
});
