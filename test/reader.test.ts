/**
 * The reader view's pieces without a browser: what the content script sends (reader-source on the
 * golden pages), page metadata, the reader page's small decisions, and the off icon's pixels.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { OFF_ALPHA, greyPixels } from '../lib/extension/background/icon';
import { cleanByline, pageMeta } from '../lib/engine/page/meta';
import { readerArticle } from '../lib/extension/content/reader-source';
import { BASE_FONT_PX, dropRepeatedTitle, fontSizePx, formatDate, hostLabel } from '../lib/ui/reader/reader-view';
import { sanitizeHtml } from '../lib/engine/article/sanitize';
import { MAX_FONT_STEP, MIN_FONT_STEP } from '../lib/extension/storage/settings';
import { sites } from '../lib/rules/sites/index';
import { docFrom } from './helpers/dom';

const parse = (html: string) => parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document as unknown as Document;
const collapse = (s: string) => s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();

const root = join(import.meta.dirname, 'fixtures');
const fixtures = readdirSync(root).flatMap((host) =>
  readdirSync(join(root, host))
    .filter((slug) => existsSync(join(root, host, slug, 'source.html')))
    .map((slug) => ({
      host,
      slug,
      html: readFileSync(join(root, host, slug, 'source.html'), 'utf8'),
      expected: JSON.parse(readFileSync(join(root, host, slug, 'expected.json'), 'utf8')) as { url: string; paragraphs: string[] },
    })),
);

describe.each(fixtures)('reader article of $host/$slug', (f) => {
  const doc = docFrom(f.html);
  const article = readerArticle(doc, { url: f.expected.url, sites })!;
  const target = parse('');
  const holder = target.createElement('div');
  holder.appendChild(sanitizeHtml(article.html, { baseUrl: article.baseUrl, into: target, parse }));
  const text = collapse(holder.textContent ?? '');

  it('has the title, a one-line byline and the page’s address', () => {
    expect(article.title.length).toBeGreaterThan(20);
    expect(article.url).toBe(f.expected.url);
    if (article.byline) expect(article.byline).not.toMatch(/\n/);
  });

  it('holds every article paragraph once sanitized', () => {
    expect(f.expected.paragraphs.map(collapse).filter((p) => !text.includes(p))).toEqual([]);
  });

  it('leaves out the hidden photo credit Readability rebuilt (CNBC)', () => {
    if (f.host === 'www.cnbc.com') {
      expect(text).not.toContain('Andrew Harnik | Getty Images News | Getty Images');
      expect(text).toContain('(Photo by Andrew Harnik/Getty Images)');
    }
  });

  it('sends sanitized markup: no script, handler, style, class or id', () => {
    expect(article.html).not.toMatch(/<(script|style|iframe|form|svg)\b|\son\w+=|\s(style|class|id)=/i);
  });

  it('keeps images and links, all absolute http(s)', () => {
    const urls = [
      ...Array.from(holder.querySelectorAll('img')).map((i) => i.getAttribute('src') ?? ''),
      ...Array.from(holder.querySelectorAll('a[href]')).map((a) => a.getAttribute('href') ?? ''),
    ];
    expect(holder.querySelectorAll('img').length).toBeGreaterThan(0);
    for (const u of urls) expect(u).toMatch(/^(https?:|mailto:)/);
  });
});

describe('the reader byline', () => {
  const guardian = (ld: string) =>
    docFrom(`<!doctype html><html><head><title>Death toll rises</title><script type="application/ld+json">${ld}</script></head><body>
<main><article><div data-gu-name="headline"><h1>Death toll rises as last missing person found</h1></div>
<aside data-gu-name="meta"><address aria-label="Contributor info" data-component="meta-byline" data-link-name="byline"><div class="dcr-ygtsjm"><span>Associated Press in Valencia</span></div></address><div class="dcr-1d52k2r">Sat 24 Feb 2024 12.42 CET</div></aside>
<div class="article-body-commercial-selector">${'<p>The death toll from a fire that left two residential buildings charred ruins in the city rose to 10 on Saturday, officials said.</p>'.repeat(8)}</div></article></main></body></html>`);

  it('is the byline the page shows, not the one its JSON-LD gives', () => {
    const doc = guardian('{"@type":"NewsArticle","headline":"Death toll rises","author":{"@type":"Person","name":"Guardian staff reporter"}}');
    expect(readerArticle(doc, { url: 'https://www.theguardian.com/world/2024/feb/24/x', sites })?.byline).toBe('Associated Press in Valencia');
  });
});

describe('the reader article', () => {
  it('holds the paragraphs a page hides from assistive tech only (TechRadar: <p class="paywall" aria-hidden="true">)', () => {
    const ps = Array.from(
      { length: 6 },
      (_, i) =>
        `<p id="elk-${i}">Paragraph ${i} of the review: the new search box expands to hold long queries and decides on the fly which answers to show first.</p>`,
    );
    ps.splice(
      2,
      0,
      `<p id="elk-2b" class="paywall" aria-hidden="true">That's heady, terrifying, and maybe a bit of hyperbole about a search box that carries intelligence of its own.</p>`,
    );
    const doc = docFrom(
      `<!doctype html><html><head><title>Search makeover</title></head><body><main><article><h1>Search makeover</h1><div id="article-body" class="text-copy bodyCopy auto">${ps.join('')}</div></article></main></body></html>`,
    );
    expect(readerArticle(doc, { url: 'https://www.techradar.com/ai/search', sites })?.html).toContain('heady, terrifying');
  });
});

describe('what the reader sees besides the paragraphs', () => {
  const story = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => `<p>Paragraph ${i + 1}: the leaders met for three hours in Alaska and left without a deal, and both sides called the talks productive.</p>`,
    ).join('');

  it("shows CNBC's Key Points box, which Readability's article leaves out", () => {
    const doc = docFrom(`<!doctype html><html><head><title>Summit ends without a deal</title></head><body>
<div class="PageBuilder-col-9"><header class="ArticleHeader-articleHeader"><h1 class="ArticleHeader-headline">Summit ends without a deal</h1></header>
<div class="RenderKeyPoints-keyPoints" id="RegularArticle-KeyPoints-4"><div class="RenderKeyPoints-wrapper"><div class="RenderKeyPoints-header">Key Points</div>
<div class="RenderKeyPoints-list"><div><div class="group"><ul><li>The leaders met for three hours in Alaska and left without a deal.</li><li>Both sides called the talks productive.</li></ul></div></div></div></div></div>
<div class="ArticleBody-articleBody" id="RegularArticle-ArticleBody-5"><div class="group">${story(8)}</div></div></div></body></html>`);
    const html = readerArticle(doc, { url: 'https://www.cnbc.com/2025/08/15/summit.html', sites })!.html;
    expect(html).toContain('Both sides called the talks productive.');
    expect(html.indexOf('Key Points')).toBeLessThan(html.indexOf('Paragraph 1'));
  });

  it("shows TechRadar's lead photo with its caption, set above the article's body", () => {
    const doc = docFrom(`<!doctype html><html><head><title>Search makeover</title></head><body><main><article>
<header><h1>Search makeover</h1></header>
<div class="box less-space hero-image-wrapper"><figure class="mb-0"><picture data-new-v2-image="true"><source type="image/webp" srcset="https://cdn.mos.cms.futurecdn.net/hero-1200-80.jpg.webp 1200w">
<img src="https://cdn.mos.cms.futurecdn.net/hero.jpg" alt="Google search" width="1920" height="1080" class="block-image-ads hero-image"></picture>
<figcaption><span class="credit" itemprop="copyrightHolder">(Image credit: Google)</span></figcaption></figure></div>
<section class="content-wrapper"><div id="article-body" class="text-copy bodyCopy auto">${story(8)}</div></section></article></main></body></html>`);
    const html = readerArticle(doc, { url: 'https://www.techradar.com/ai/search', sites })!.html;
    expect(html).toContain('https://cdn.mos.cms.futurecdn.net/hero.jpg');
    expect(html).toContain('(Image credit: Google)');
    expect(html.indexOf('hero.jpg')).toBeLessThan(html.indexOf('Paragraph 1'));
    expect(html.match(/hero\.jpg"/g)?.length).toBe(1);
  });
});

describe('pageMeta', () => {
  it('reads the published time, site name and author from meta tags', () => {
    const doc = docFrom(
      '<!doctype html><html lang="en-CA"><head><meta property="article:published_time" content="2025-08-15T20:30:00Z"><meta property="og:site_name" content="Global News"><meta name="author" content="Jane Roe"></head><body><p>x</p></body></html>',
    );
    expect(pageMeta(doc)).toEqual({ published: '2025-08-15T20:30:00Z', siteName: 'Global News', author: 'Jane Roe', lang: 'en-CA', dir: null });
  });

  it('falls back to JSON-LD (through @graph) and ignores what does not parse', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'x' },
        { '@type': ['NewsArticle'], datePublished: '2025-08-16T01:02:03Z', author: [{ name: 'A One' }, { name: 'B Two' }], publisher: { name: 'CNBC' } },
      ],
    };
    const doc = docFrom(
      `<!doctype html><html dir="rtl"><head><meta name="date" content="not a date"><script type="application/ld+json">{broken</script><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><p>x</p></body></html>`,
    );
    expect(pageMeta(doc)).toEqual({ published: '2025-08-16T01:02:03Z', siteName: 'CNBC', author: 'A One, B Two', lang: null, dir: 'rtl' });
  });

  it('finds nothing on a bare page', () => {
    expect(pageMeta(docFrom('<p>Just text</p>'))).toMatchObject({ published: null, siteName: null, author: null });
  });

  it('cleans a byline to its first line', () => {
    expect(cleanByline('CNBC.com staff\n\n\n   \nWATCH LIVE')).toBe('CNBC.com staff');
    expect(cleanByline('  By   Jane\tRoe ')).toBe('By Jane Roe');
    expect(cleanByline('\n \n')).toBeNull();
    expect(cleanByline(null)).toBeNull();
  });
});

describe('reader view helpers', () => {
  it('sizes text by steps, clamped', () => {
    expect(fontSizePx(0)).toBe(BASE_FONT_PX);
    expect(fontSizePx(1)).toBeGreaterThan(BASE_FONT_PX);
    expect(fontSizePx(-1)).toBeLessThan(BASE_FONT_PX);
    expect(fontSizePx(100)).toBe(fontSizePx(MAX_FONT_STEP));
    expect(fontSizePx(-100)).toBe(fontSizePx(MIN_FONT_STEP));
    expect(fontSizePx(MIN_FONT_STEP)).toBeGreaterThanOrEqual(13);
  });

  it('formats a date in the reader’s language, or gives nothing', () => {
    expect(formatDate('2025-08-15T12:00:00Z', 'en-US')).toBe('August 15, 2025');
    expect(formatDate('nonsense')).toBeNull();
    expect(formatDate(null)).toBeNull();
    expect(formatDate('2025-08-15T12:00:00Z', 'not a language!')).toBe('August 15, 2025');
  });

  it('drops the article’s own copy of the headline, once', () => {
    const doc = parse('<div><h2>Trump hails  meeting</h2><p>Body</p><h2>Trump hails meeting</h2></div>');
    expect(dropRepeatedTitle(doc.body, 'Trump hails meeting')).toBe(true);
    expect(doc.querySelectorAll('h2').length).toBe(1);
    expect(doc.body.textContent).toBe('BodyTrump hails meeting');
    const other = parse('<h2>Another heading</h2><p>Body</p>');
    expect(dropRepeatedTitle(other.body, 'Trump hails meeting')).toBe(false);
    expect(dropRepeatedTitle(other.body, '')).toBe(false);
  });

  it('labels a host', () => {
    expect(hostLabel('https://www.cnbc.com/2025/x.html')).toBe('cnbc.com');
    expect(hostLabel('nope')).toBe('');
  });
});

describe('the off icon', () => {
  it('is grey and fainter', () => {
    const px = greyPixels(new Uint8ClampedArray([0x5c, 0x3b, 0x8a, 255, 255, 255, 255, 255, 0, 0, 0, 0]));
    expect(px[0]).toBe(px[1]);
    expect(px[1]).toBe(px[2]);
    expect(px[3]).toBe(Math.round(255 * OFF_ALPHA));
    expect(px[4]).toBeGreaterThan(px[0]); // white lines stay lighter than the background
    expect(px[11]).toBe(0);
  });
});
