/**
 * The reader view in the browser, on the golden pages: `reader.html?tabId=N` holds every article
 * paragraph and none of the hidden blocks (a repeated caption at most once), only its own styles;
 * code planted in the article never runs; "Copy as Markdown" (clipboard, or the fallback box); the
 * theme and text size are remembered; the back link leads to the page. The popup's Reader view
 * button and shortcuts, and the toggle-site command with its grey icon.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, collapse, currentWorker, launch, loadFixtures, openPopup, serve, waitForState, type Browser, type Fixture, type Served } from './harness';

const fixtures = loadFixtures();
const base = fixtures.find((f) => f.host === 'globalnews.ca')!;

/** Markup planted inside the article, after its first paragraph: none of it may run in the reader. */
const PLANT =
  '<p>Planted paragraph with an image <img src="planted.png" alt="planted image" onerror="document.documentElement.setAttribute(\'data-planted-onerror\',\'ran\');window.__planted=1">' +
  ' and a <a href="javascript:document.documentElement.setAttribute(\'data-planted-link\',\'ran\')" onclick="window.__planted=1">bad link</a>' +
  ' and a <a href="/relative-link">relative link</a> and <b style="color:red" class="x" id="y" onmouseover="window.__planted=1">bold words</b>,' +
  ' long enough to be prose: the council met for hours and argued about the budget, the roads and the library.' +
  ' It quotes &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; as text.</p>' +
  '<script>document.documentElement.setAttribute("data-planted-script", "ran");window.__plantedScript=1;</script>' +
  '<svg onload="window.__planted=1"><script>window.__planted=1</script></svg>' +
  "<iframe srcdoc=\"<script>parent.document.documentElement.setAttribute('data-planted-iframe','ran')</script>\"></iframe>";

function plant(f: Fixture): Fixture {
  const first = f.expected.paragraphs[0].slice(0, 40);
  const at = f.html.indexOf(first);
  const end = f.html.indexOf('</p>', at) + '</p>'.length;
  if (at < 0 || end < at) throw new Error('first paragraph not found');
  return { ...f, slug: 'planted', path: '/news/planted/', html: f.html.slice(0, end) + PLANT + f.html.slice(end) };
}

const planted = plant(base);
let b: Browser;
let s: Served;

beforeAll(async () => {
  [b, s] = await Promise.all([launch(), serve([...fixtures, planted])]);
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

function readerUrl(tabId: number): string {
  return `chrome-extension://${b.extensionId}/reader.html?tabId=${tabId}`;
}

/** Opens a fixture page, waits for it to be cleaned; returns the page and its tab id. */
async function openArticle(f: Fixture): Promise<{ page: Page; tabId: number; url: string }> {
  const url = s.url(f.host, f.path);
  const page = await b.context.newPage();
  await page.goto(url);
  const { tabId } = await waitForState(b, url, (st) => st.status === 'cleaned');
  return { page, tabId, url };
}

async function openReader(tabId: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const reader = await b.context.newPage();
  await reader.emulateMedia({ colorScheme });
  await reader.goto(readerUrl(tabId));
  await reader.waitForSelector('main[aria-busy="false"] #article:not([hidden])');
  return reader;
}

/**
 * Presses "Copy as Markdown" and returns what went to the clipboard: the text given to the real
 * clipboard.writeText, which must succeed (the reader then says "Copied as Markdown").
 */
async function copyMarkdown(reader: Page): Promise<string> {
  await reader.evaluate(() => {
    const clipboard = navigator.clipboard;
    const write = clipboard.writeText.bind(clipboard);
    clipboard.writeText = (text: string) => {
      (window as unknown as { __copied: string }).__copied = text;
      return write(text);
    };
  });
  await reader.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect.poll(() => reader.locator('#announce').textContent()).toBe('Copied as Markdown');
  expect(await reader.locator('#copy-fallback').isHidden()).toBe(true);
  return reader.evaluate(() => (window as unknown as { __copied: string }).__copied);
}

describe.each(fixtures)('reader view of $host/$slug', (f) => {
  let page: Page;
  let reader: Page;
  let url: string;
  let text: string;

  beforeAll(async () => {
    let tabId: number;
    ({ page, tabId, url } = await openArticle(f));
    reader = await openReader(tabId);
    text = collapse(await reader.locator('body').innerText());
  });
  afterAll(async () => {
    await reader?.close();
    await page?.close();
  });

  it('shows the title and holds every article paragraph', async () => {
    const title = collapse((await reader.locator('#title').textContent()) ?? '');
    expect(title.length).toBeGreaterThan(20);
    expect(await reader.title()).toContain(title);
    expect(f.expected.paragraphs.map(collapse).filter((p) => !text.includes(p))).toEqual([]);
    expect(await reader.locator('#content img').count()).toBeGreaterThan(0);
  });

  it('shows the byline and the published date the page gives', async () => {
    const meta = await reader.evaluate(() => ({
      byline: document.querySelector('#meta .byline')?.textContent ?? '',
      datetime: document.querySelector('#meta time')?.getAttribute('datetime') ?? '',
      date: document.querySelector('#meta time')?.textContent ?? '',
    }));
    expect(meta.byline.length).toBeGreaterThan(2);
    expect(meta.byline).not.toMatch(/\n/);
    expect(Number.isNaN(Date.parse(meta.datetime))).toBe(false);
    expect(meta.date).toMatch(/2025/);
  });

  it('holds none of the hidden blocks (a repeated caption only as often as the cleaned page shows it)', async () => {
    const { hidden, visible } = await page.evaluate(
      (list) => ({
        hidden: list.map((h) => ({ ...h, texts: Array.from(document.querySelectorAll(h.selector)).map((el) => el.textContent ?? '') })),
        visible: document.body.innerText,
      }),
      f.expected.hidden,
    );
    const onPage = collapse(visible);
    let checked = 0;
    for (const h of hidden) {
      for (const raw of h.texts) {
        const t = collapse(raw);
        if (!t) continue;
        checked++;
        const inReader = text.split(t).length - 1;
        const shown = onPage.split(t).length - 1; // 0 unless the kept first copy of a repeat
        expect(inReader, `${h.selector} (${h.kind}): ${t.slice(0, 80)}`).toBeLessThanOrEqual(shown);
        if (h.kind !== 'duplicate') expect(inReader, `${h.selector} (${h.kind}) is not in the reader`).toBe(0);
      }
    }
    expect(checked).toBeGreaterThan(0);
    for (const once of f.expected.once) expect(text.split(collapse(once)).length - 1, once).toBeLessThanOrEqual(1);
  });

  it('uses only its own styles: no page stylesheet, style, class or id in the article', async () => {
    const found = await reader.evaluate(() => ({
      sheets: Array.from(document.querySelectorAll('link[rel~="stylesheet"]')).map((l) => (l as HTMLLinkElement).href),
      styles: document.querySelectorAll('style, #content [style], #content [class], #content [id]').length,
      scripts: document.querySelectorAll('#content script, #content iframe, #content svg, #content form').length,
      handlers: Array.from(document.querySelectorAll('#content *')).filter((el) => Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
      urls: Array.from(document.querySelectorAll('#content img, #content a[href]')).map((el) => (el as HTMLImageElement).src || (el as HTMLAnchorElement).href),
      rel: Array.from(document.querySelectorAll('#content a[href]')).every((a) => a.getAttribute('rel') === 'noopener noreferrer'),
    }));
    expect(found.sheets.every((h) => h.startsWith(`chrome-extension://${b.extensionId}/`))).toBe(true);
    expect(found.styles).toBe(0);
    expect(found.scripts).toBe(0);
    expect(found.handlers).toBe(0);
    for (const u of found.urls) expect(u).toMatch(/^(https?:|mailto:)/);
    expect(found.rel).toBe(true);
  });

  it('links back to the original page', async () => {
    expect(await reader.locator('#back').getAttribute('href')).toBe(url);
    expect(await reader.locator('#source').getAttribute('href')).toBe(url);
    await reader.screenshot({ path: join(ARTIFACTS, `reader-${f.host}.png`), fullPage: true });
  });
});

describe('a script planted in the article', () => {
  let page: Page;
  let reader: Page;

  beforeAll(async () => {
    let tabId: number;
    ({ page, tabId } = await openArticle(planted));
    reader = await openReader(tabId);
    await reader.waitForTimeout(500); // time for an image error or a load handler to fire
  });
  afterAll(async () => {
    await reader?.close();
    await page?.close();
  });

  it('runs on the page itself (the plant is live)', async () => {
    await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-planted-onerror'))).toBe('ran');
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-planted-script'))).toBe('ran');
  });

  it('never runs in the reader, and its words are shown as text', async () => {
    const seen = await reader.evaluate(() => ({
      planted: document.documentElement.getAttributeNames().filter((n) => n.startsWith('data-planted')),
      globals: [(window as unknown as { __planted?: number }).__planted, (window as unknown as { __plantedScript?: number }).__plantedScript],
      text: document.getElementById('content')!.textContent ?? '',
      img: document.querySelector<HTMLImageElement>('#content img[alt="planted image"]')?.getAttribute('src') ?? null,
      imgHandler: document.querySelector('#content img[alt="planted image"]')?.getAttributeNames() ?? [],
      bad:
        Array.from(document.querySelectorAll('#content a'))
          .find((a) => a.textContent === 'bad link')
          ?.getAttributeNames() ?? [],
      relative:
        Array.from(document.querySelectorAll('#content a'))
          .find((a) => a.textContent === 'relative link')
          ?.getAttribute('href') ?? null,
      bold: document.querySelector('#content b')?.getAttributeNames() ?? null,
    }));
    expect(seen.planted).toEqual([]);
    expect(seen.globals).toEqual([undefined, undefined]);
    expect(seen.text).toContain('Planted paragraph with an image');
    expect(seen.text).toContain('</script><script>alert(1)</script>');
    expect(seen.text).toContain('bad link'); // its words stay; the link does not
    // Relative URLs resolve against the page; no handler, no javascript: link, no page style.
    expect(seen.img).toBe(s.url('globalnews.ca', '/news/planted/planted.png'));
    expect(seen.imgHandler.sort()).toEqual(['alt', 'loading', 'src']);
    expect(seen.bad).toEqual([]);
    expect(seen.relative).toBe(s.url('globalnews.ca', '/relative-link'));
    expect(seen.bold).toEqual([]);
  });

  it('stays out of the Markdown too', async () => {
    const md = await copyMarkdown(reader);
    expect(md).toContain('Planted paragraph with an image');
    expect(md).toContain('[relative link](');
    expect(md).not.toMatch(/javascript:|onerror/i);
    expect(md).toContain('\\</script\\>\\<script\\>alert(1)'); // the quoted words, escaped
    expect(md).not.toMatch(/(^|[^\\])<\/?script/i); // and no tag
  });
});

describe('reader controls', () => {
  let page: Page;
  let tabId: number;
  let url: string;

  beforeAll(async () => {
    ({ page, tabId, url } = await openArticle(base));
  });
  afterAll(async () => {
    await page?.close();
  });

  it('copies the article as Markdown to the clipboard', async () => {
    const reader = await openReader(tabId);
    const title = collapse((await reader.locator('#title').textContent()) ?? '');
    const md = await copyMarkdown(reader);
    expect(md.startsWith(`# ${title}\n`)).toBe(true);
    expect(md).toContain(`<${url}>`);
    expect(md).toContain(base.expected.paragraphs[0]);
    expect(md).toMatch(/!\[[^\]]*\]\(https?:\/\//); // an image with its address
    const caption = base.expected.once[1];
    expect(md.split(caption).length - 1).toBe(1);
    await reader.close();
  });

  it('shows the Markdown, selected, when the clipboard refuses', async () => {
    const reader = await openReader(tabId);
    await reader.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    });
    await reader.getByRole('button', { name: 'Copy as Markdown' }).click();
    const box = reader.locator('#markdown');
    await expect.poll(() => box.isVisible()).toBe(true);
    const value = await box.inputValue();
    expect(value).toContain(base.expected.paragraphs[0]);
    expect(
      await reader.evaluate(() => {
        const t = document.getElementById('markdown') as HTMLTextAreaElement;
        return document.activeElement === t && t.selectionStart === 0 && t.selectionEnd === t.value.length;
      }),
    ).toBe(true);
    await reader.close();
  });

  it('follows the browser’s light or dark preference until a theme is chosen', async () => {
    const reader = await openReader(tabId, 'dark');
    const bg = () => reader.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await reader.locator('html').getAttribute('data-theme')).toBe('auto');
    expect(await bg()).toBe('rgb(28, 27, 31)');
    await reader.emulateMedia({ colorScheme: 'light' });
    expect(await bg()).toBe('rgb(255, 255, 255)');
    await reader.close();
  });

  it('remembers the theme and the text size across reloads', async () => {
    const reader = await openReader(tabId);
    const look = () =>
      reader.evaluate(() => ({
        theme: document.documentElement.dataset.theme,
        bg: getComputedStyle(document.body).backgroundColor,
        size: getComputedStyle(document.getElementById('article')!).fontSize,
        checked: document.querySelector<HTMLInputElement>('input[name="theme"]:checked')?.value,
      }));
    const before = await look();
    await reader.getByLabel('Sepia').check();
    await reader.getByRole('button', { name: 'Larger text' }).click();
    await expect.poll(look).toEqual({ theme: 'sepia', bg: 'rgb(244, 236, 216)', size: '21px', checked: 'sepia' });
    expect(before.size).toBe('19px');
    await expect.poll(() => currentWorker(b).evaluate(() => chrome.storage.local.get('reader'))).toEqual({ reader: { theme: 'sepia', fontStep: 1 } });
    await reader.screenshot({ path: join(ARTIFACTS, 'reader-sepia.png') });
    await reader.reload();
    await reader.waitForSelector('main[aria-busy="false"] #article:not([hidden])');
    expect(await look()).toEqual({ theme: 'sepia', bg: 'rgb(244, 236, 216)', size: '21px', checked: 'sepia' });

    await reader.getByLabel('Dark').check();
    await reader.getByRole('button', { name: 'Smaller text' }).click();
    await expect.poll(look).toEqual({ theme: 'dark', bg: 'rgb(28, 27, 31)', size: '19px', checked: 'dark' });
    await reader.screenshot({ path: join(ARTIFACTS, 'reader-dark.png') });
    await reader.getByLabel('Auto').check();
    await expect.poll(look).toMatchObject({ theme: 'auto', bg: 'rgb(255, 255, 255)' });
    await reader.close();
  });

  it('goes back to the original tab, closing the reader', async () => {
    const reader = await openReader(tabId);
    expect(await reader.locator('#back').getAttribute('href')).toBe(url);
    await Promise.all([reader.waitForEvent('close'), reader.getByRole('link', { name: 'Back to the original page' }).click()]);
    expect(page.isClosed()).toBe(false);
    expect(page.url()).toBe(url);
  });

  it('says so when the tab is not there', async () => {
    const reader = await b.context.newPage();
    await reader.goto(readerUrl(999_999));
    await reader.waitForSelector('main[aria-busy="false"]');
    expect(await reader.locator('#message').textContent()).toMatch(/did not answer/);
    expect(await reader.locator('#article').isHidden()).toBe(true);
    await reader.close();
  });
});

describe('popup and shortcuts', () => {
  let page: Page;
  let tabId: number;
  let url: string;
  let site: string;

  beforeAll(async () => {
    ({ page, tabId, url } = await openArticle(base));
    site = (await waitForState(b, url)).state.site;
  });
  afterAll(async () => {
    await page?.close();
  });

  it('opens the reader view of the tab from the popup, and shows the shortcuts', async () => {
    const popup = await openPopup(b, tabId);
    const shortcuts = collapse(await popup.locator('#shortcuts').innerText());
    expect(shortcuts).toContain('Alt+Shift+D');
    expect(shortcuts).toContain('Turn Declutter News on or off for this site');
    expect(shortcuts).toContain('Alt+Shift+V');
    expect(shortcuts).toContain('Open the reader view of this page');
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-shortcuts.png') });
    const [reader] = await Promise.all([b.context.waitForEvent('page'), popup.getByRole('button', { name: 'Reader view' }).click()]);
    await reader.waitForSelector('main[aria-busy="false"] #article:not([hidden])');
    expect(reader.url()).toBe(readerUrl(tabId));
    expect(collapse(await reader.locator('#content').innerText())).toContain(collapse(base.expected.paragraphs[0]));
    await reader.close();
    if (!popup.isClosed()) await popup.close();
  });

  it('toggle-site turns the tab’s site off and on, with a grey icon while off', async () => {
    // Record the icons the background sets (the command's handler runs in the service worker).
    await currentWorker(b).evaluate(() => {
      const g = self as unknown as { __icons: { tabId?: number; grey: boolean; sample: number[] }[] };
      g.__icons = [];
      const original = chrome.action.setIcon.bind(chrome.action);
      chrome.action.setIcon = ((details: { tabId?: number; imageData?: Record<number, ImageData> }) => {
        const image = details.imageData?.[16];
        g.__icons.push({ tabId: details.tabId, grey: !!image, sample: image ? Array.from(image.data.slice(4 * 136, 4 * 136 + 4)) : [] });
        return original(details as Parameters<typeof chrome.action.setIcon>[0]);
      }) as typeof chrome.action.setIcon;
    });
    const icons = () =>
      currentWorker(b).evaluate(
        (id) => (self as unknown as { __icons: { tabId?: number; grey: boolean; sample: number[] }[] }).__icons.filter((i) => i.tabId === id),
        tabId,
      );

    // The same request the keyboard shortcut's handler runs, sent from an extension page.
    const popup = await openPopup(b, tabId);
    const run = () => popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'runCommand', command: 'toggle-site', tabId: id }), tabId);
    expect(await run()).toEqual({ ok: true });
    await waitForState(b, url, (st) => st.status === 'off' && st.offBy === 'site');
    const stored = await currentWorker(b).evaluate(() => chrome.storage.local.get('settings'));
    expect((stored.settings as { disabledSites: string[] }).disabledSites).toContain(site);
    expect(await page.evaluate(() => document.querySelectorAll('[data-declutter-hidden]').length)).toBe(0);
    await expect.poll(async () => (await icons()).at(-1)?.grey).toBe(true);
    const [r, g, bl, a] = (await icons()).at(-1)!.sample;
    expect(r === g && g === bl).toBe(true); // grey
    expect(a).toBeLessThan(255); // fainter
    expect(await popup.getByRole('switch', { name: `On for ${site}` }).isChecked()).toBe(false);

    expect(await run()).toEqual({ ok: true });
    await waitForState(b, url, (st) => st.status === 'cleaned');
    await expect.poll(async () => (await icons()).at(-1)?.grey).toBe(false);
    expect(await popup.getByRole('switch', { name: `On for ${site}` }).isChecked()).toBe(true);
    await popup.close();
  });
});

it('logs no errors in pages, reader, popup or service worker', () => {
  expect(b.errors).toEqual([]);
});

declare const chrome: (typeof import('wxt/browser'))['browser'];
