/**
 * What the user saves, in the built extension: an import too large for the browser's storage
 * refused whole, with a message, nothing of it stored.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentWorker, launch, loadFixtures, serve, type Browser, type Served } from './harness';

/** The extension API, as seen by code evaluated in the service worker and the extension's pages. */
declare const chrome: (typeof import('wxt/browser'))['browser'];

const fixture = loadFixtures().find((f) => f.host === 'globalnews.ca')!;
let b: Browser;
let s: Served;
let options: Page;

beforeAll(async () => {
  [b, s] = await Promise.all([launch(), serve([fixture])]);
  options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

describe('an import larger than the browser keeps for an extension', () => {
  // Reading and parsing 14 MB in the options page takes a while on a loaded machine.
  it('stores nothing of it, and says so', { timeout: 120_000 }, async () => {
    const block = (site: number, i: number) => ({ id: `related-${site}x${i}`, kind: 'related', text: `Story ${i} on site ${site}: ${'a long headline, '.repeat(16)}`.slice(0, 300), at: 1 });
    const kept: Record<string, unknown[]> = {};
    for (let site = 0; site < 90; site++) kept[`site${site}.example.com`] = Array.from({ length: 500 }, (_, i) => block(site, i));
    const file = {
      format: 'declutter-settings',
      version: 1,
      userRules: { 'rules.example.com': [{ selector: '.promo', kind: 'ad', at: 1, from: 'import' }] },
      kept,
      disabledSites: ['off.example.com'],
    };
    const text = JSON.stringify(file);
    expect(text.length).toBeGreaterThan(14_000_000);
    const read = () => currentWorker(b).evaluate(() => chrome.storage.local.get(['userRules', 'kept', 'settings']));
    const before = await read();
    await options.getByLabel('Import a file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect
      .poll(() => options.locator('#import-result .summary').textContent(), { timeout: 90_000 })
      .toMatch(/^Nothing was imported: with it, what you saved would take about 1\d(\.\d)? MB, more than the browser keeps for an extension \(10 MB\)\. /);
    expect(await options.locator('#status').textContent()).toBe(await options.locator('#import-result .summary').textContent());
    expect(await read()).toEqual(before);
  });

  it('left no errors in the console', () => {
    expect(b.errors).toEqual([]);
  });
});
