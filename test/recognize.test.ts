/** Is the page an article? The engine's one decision (lib/engine/article/recognize.ts), on pages in real markup (test/recognition/). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../lib/engine/index';
import { isDatedPost, isHomePage } from '../lib/engine/article/recognize';
import { parseDocument } from '../scripts/page';

const page = (name: string) => parseDocument(readFileSync(join(import.meta.dirname, 'recognition', name), 'utf8'));
const recognized = (name: string, url: string) => analyze(page(name), { url }).report;

describe('recognize', () => {
  it('takes a body with an ad slot between every paragraph for an article (no declaration to lean on)', () => {
    const r = recognized('ad-slot-paragraphs.html', 'https://news.example.com/news/economy/jobs-report');
    expect(r.isArticle).toBe(true);
    expect(r.recognized).toMatch(/chars of prose in a run$/);
    expect(r.text).toContain('first significant gain since November');
  });

  it('takes an explainer of many short paragraphs for an article', () => {
    const r = recognized('short-paragraphs.html', 'https://news.example.com/news/health-12345');
    expect(r.isArticle).toBe(true);
    expect(r.recognized).toMatch(/of the page/);
  });

  it('takes a declared NewsArticle with a short body for an article, and says so', () => {
    const r = recognized('declared-short.html', 'https://news.example.com/2026/06/road-closure');
    expect(r.isArticle).toBe(true);
    expect(r.recognized).toMatch(/^declared NewsArticle and \d+ chars of text$/);
  });

  it('leaves a video page alone that declares a NewsArticle over a player and a line of text', () => {
    const r = recognized('declared-video.html', 'https://news.example.com/video/flood-town-square');
    expect(r.isArticle).toBe(false);
    expect(r.recognized).toMatch(/^only \d+ chars of text/);
  });

  it('leaves a page that is mostly a list of linked documents alone (most of the page, but links)', () => {
    const r = recognized('link-list.html', 'https://county.example.gov/resources');
    expect(r.isArticle).toBe(false);
  });

  it('leaves an events listing alone: its blurbs are prose, but each links its categories and place (MAX_LINKS_PER_1000)', () => {
    const r = recognized('events-listing.html', 'https://parks.example.gov/events/all');
    expect(r.isArticle).toBe(false);
    expect(r.recognized).toMatch(/^only [\d,]+ chars of text/);
  });

  it("leaves a shop's product page alone: its description is one long paragraph of prose, not a text", () => {
    const r = recognized('product-page.html', 'https://www.shop.example/Vegetables-in-Season/dp/1849700001');
    expect(r.text).toMatch(/^Vegetables are no longer the side dish/); // Readability's article is the description …
    expect(r.isArticle).toBe(false); // … one paragraph of over 1,000 characters, with few links
  });

  it('leaves a section front of teasers alone', () => {
    const r = recognized('section-front.html', 'https://news.example.com/news/local');
    expect(r.isArticle).toBe(false);
    expect(r.recognized).toMatch(/listing/);
  });

  it('a site rule for the host makes any page an article', () => {
    const r = analyze(page('section-front.html'), { url: 'https://news.example.com/news/local', sites: [{ host: 'news.example.com', rules: [] }] }).report;
    expect(r.isArticle).toBe(true);
    expect(r.recognized).toBe('a site rule for the host');
  });

  it('a home page is not an article, whatever its text', () => {
    expect(recognized('ad-slot-paragraphs.html', 'https://news.example.com/').isArticle).toBe(false);
    expect(isHomePage('https://news.example.com/index.html')).toBe(true);
    expect(isHomePage('https://news.example.com/?p=123')).toBe(false);
    expect(isHomePage('https://news.example.com/news/a')).toBe(false);
    expect(isHomePage('')).toBe(false);
  });

  it('a page that only names the root as its address (a blog showing its latest post there) is judged on its text', () => {
    const html = readFileSync(join(import.meta.dirname, 'recognition', 'ad-slot-paragraphs.html'), 'utf8').replace(
      '</head>',
      '<link rel="canonical" href="https://news.example.com/"></head>',
    );
    const r = analyze(parseDocument(html)).report;
    expect(r.url).toBe('https://news.example.com/');
    expect(r.isArticle).toBe(true);
  });

  it('takes a short blog post with no declaration for an article by its dated address, and not without it', () => {
    const post = recognized('dated-blog-post.html', 'https://www.example-lyrics.blogspot.com/2011/07/only-thinking-of-you-lin-ming.html');
    expect(post.isArticle).toBe(true);
    expect(post.recognized).toMatch(/dated post/);
    expect(recognized('dated-blog-post.html', 'https://www.example-lyrics.blogspot.com/p/only-thinking-of-you-lin-ming.html').isArticle).toBe(false);
    expect(isDatedPost('https://news.example.com/2024/08/08/summit-ends/')).toBe(true);
    expect(isDatedPost('https://blog.example.com/2011/07/')).toBe(false); // a month's archive
    expect(isDatedPost('https://blog.example.com/2011/07/12/')).toBe(false);
    expect(isDatedPost('https://news.example.com/world/')).toBe(false);
  });
});
