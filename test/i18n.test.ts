/**
 * The i18n catalog (public/_locales/en/messages.json) and its use: every key the pages and the
 * manifest name exists, every message is well formed for the browsers, and substitutions work as
 * the browser's do.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { formatMessage, localize, t, tNodes } from '../lib/extension/i18n';
import { catalog } from './helpers/i18n';

const ROOT = join(import.meta.dirname, '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => ext.test(f))
    .map((f) => join(dir, f));
}

describe('the English catalog', () => {
  it('has well-formed entries: names, messages, placeholders used and defined', () => {
    for (const [key, entry] of Object.entries(catalog)) {
      expect(key, key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(typeof entry.message, key).toBe('string');
      expect(entry.message.trim(), key).not.toBe('');
      expect(entry.description, `${key} has a description for translators`).toBeTruthy();
      const used = new Set([...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1].toLowerCase()));
      const defined = new Set(Object.keys(entry.placeholders ?? {}).map((k) => k.toLowerCase()));
      expect([...used].sort(), key).toEqual([...defined].sort());
      for (const p of Object.values(entry.placeholders ?? {})) expect(p.content, key).toMatch(/^\$[1-9]$/);
    }
  });

  it('holds every key named in the pages’ HTML and in the manifest', () => {
    const html = filesUnder('entrypoints', /\.html$/)
      .map(read)
      .join('\n');
    const keys = [
      ...[...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]),
      ...[...html.matchAll(/data-i18n-attr="([^"]+)"/g)].flatMap((m) => m[1].split(/\s+/).map((pair) => pair.split(':')[1])),
      ...[...(html + read('wxt.config.ts')).matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1]),
    ];
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter((k) => !Object.hasOwn(catalog, k))).toEqual([]);
  });

  it('has no key that nothing uses', () => {
    const sources = [...filesUnder('entrypoints', /\.(ts|html)$/), ...filesUnder('lib', /\.ts$/), 'wxt.config.ts'].map(read).join('\n');
    const unused = Object.keys(catalog).filter(
      (k) =>
        !sources.includes(`'${k}'`) &&
        !sources.includes(`"${k}"`) &&
        !sources.includes(`__MSG_${k}__`) &&
        !new RegExp(`data-i18n(-attr)?="[^"]*\\b${k}\\b`).test(sources),
    );
    expect(unused).toEqual([]);
  });
});

describe('formatMessage and t', () => {
  it('substitutes placeholders as the browser does', () => {
    expect(formatMessage({ message: 'Off for $SITE$', placeholders: { site: { content: '$1' } } }, ['cnbc.com'])).toBe('Off for cnbc.com');
    expect(formatMessage({ message: '$A$ and $b$ cost $$5', placeholders: { a: { content: '$2' }, B: { content: '$1' } } }, ['x', 'y'])).toBe(
      'y and x cost $5',
    );
    expect(formatMessage({ message: 'Missing $NOPE$' })).toBe('Missing $NOPE$');
  });

  it('reads the catalog, with substitutions', () => {
    expect(t('extName')).toBe('Declutter News');
    expect(t('emptyOffSiteTitle', 'globalnews.ca')).toBe('Off for globalnews.ca');
    expect(t('whyWithReason', 'Spotted on this page', 'ad slot')).toBe('Spotted on this page: ad slot');
  });

  it('puts nodes where the message has them', () => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const b = document.createElement('b');
    b.textContent = 'cnbc.com';
    const parts = tNodes('onForSite', b as unknown as Node);
    expect(parts.length).toBe(2);
    expect(parts[0]).toBe('On for ');
    expect(parts[1]).toBe(b);
  });

  it('fills a page’s marked text and attributes', () => {
    const { document } = parseHTML(
      '<!doctype html><html><body><h1 data-i18n="readerCopyMarkdown">x</h1><button data-i18n-attr="aria-label:readerLarger title:readerLarger">A</button><p data-i18n="noSuchKey">Kept</p></body></html>',
    );
    localize(document as unknown as Document);
    expect(document.querySelector('h1')!.textContent).toBe('Copy as Markdown');
    expect(document.querySelector('button')!.getAttribute('aria-label')).toBe('Larger text');
    expect(document.querySelector('button')!.getAttribute('title')).toBe('Larger text');
    expect(document.querySelector('p')!.textContent).toBe('Kept');
  });
});
