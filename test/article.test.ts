/** Readability's copy of the page: chrome and scripts left out, every kept element traced back to the live page. */
import { describe, expect, it } from 'vitest';
import { readArticle } from '../lib/article';
import { indexPage } from '../lib/detector';
import { docFrom, para } from './helpers/dom';

function page(extra = ''): string {
  const ps = Array.from({ length: 6 }, (_, i) => para(i + 1)).join('\n');
  return `<!doctype html><html><head><title>Council votes on budget</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Council votes on budget","author":{"@type":"Person","name":"Ann Smith"}}</script>
</head><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<script>window.tracker = "Paragraph 9 about the council never shows";</script>
<main><article><h1>Council votes on budget</h1>
<div class="story">${ps.replace('</p>\n', '</p>\n<script>var slot = 1;</script><form class="poll"><label>Vote <input name="v"></label><p>Poll text that is never the article, long enough to read as a paragraph of prose.</p></form>\n')}${extra}</div>
</article></main>
<footer><p>© News Example. All rights reserved by the council of examples.</p></footer></body></html>`;
}

describe('readArticle', () => {
  it('leaves chrome, forms and scripts out of the article and traces every paragraph it kept to the live page', () => {
    const doc = docFrom(page());
    const before = doc.body.innerHTML;
    const article = readArticle(doc);
    const text = article.content?.textContent ?? '';
    expect(text).toContain('Paragraph 1 about the council');
    expect(text).toContain('Paragraph 6 about the council');
    expect(text).not.toContain('Poll text');
    expect(text).not.toContain('never shows');
    expect(text).not.toContain('All rights reserved');
    // Each paragraph of the article leads back to the live paragraph with the same text.
    const ps = Array.from(article.content!.getElementsByTagName('p'));
    expect(ps.length).toBeGreaterThanOrEqual(6);
    for (const p of ps) {
      const live = article.liveOf(p);
      expect(live?.ownerDocument === doc || live?.isConnected).toBe(true);
      expect(live?.textContent).toBe(p.textContent);
    }
    expect(article.prose.size).toBe(6);
    expect(doc.body.innerHTML).toBe(before); // the live page is untouched
  });

  it('still reads the JSON-LD metadata it needs (the byline) though other scripts are left out', () => {
    expect(readArticle(docFrom(page())).byline).toBe('Ann Smith');
  });

  it('maps elements after a left-out subtree to the right live elements (positions skip the whole subtree)', () => {
    const deep = `<div class="share"><button><svg><path d="M0"/><g><path d="M1"/></g></svg>Share</button></div><p class="after">${'A closing paragraph about the council and its budget, written out at length. '.repeat(2)}</p>`;
    const doc = docFrom(page(deep));
    const article = readArticle(doc);
    const after = Array.from(article.content!.querySelectorAll('p')).find((p) => p.textContent?.startsWith('A closing paragraph'));
    expect(after).toBeDefined();
    expect(article.liveOf(after!)).toBe(doc.querySelector('p.after'));
  });

  it('gives each element of the index its subtree: ends[i] is past its last descendant', () => {
    const doc = docFrom('<html><body><div><p><b>x</b></p><p>y</p></div><span>z</span></body></html>');
    const index = indexPage(doc.body);
    expect(index.all.map((e) => e.tagName)).toEqual(['DIV', 'P', 'B', 'P', 'SPAN']);
    expect(index.ends).toEqual([4, 3, 3, 4, 5]);
  });
});
