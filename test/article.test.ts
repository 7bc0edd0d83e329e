/** Readability's copy of the page: chrome and scripts left out, every kept element traced back to the live page. */
import { Readability } from '@mozilla/readability';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readArticle } from '../lib/engine/article/article';
import { indexPage } from '../lib/engine/page/index';
import { analyze } from '../lib/engine/analyze';
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
  afterEach(() => vi.restoreAllMocks());

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

  it('on a retry, reads a fresh copy of the page whose elements still lead back to the live page', () => {
    // The story's wrapper is named like a sidebar ("extra"), so Readability's first, strictest
    // attempt drops it, finds too little text, and starts over from its note of the page.
    const ps = Array.from({ length: 5 }, (_, i) => para(i + 1)).join('\n');
    const doc = docFrom(`<!doctype html><html><head><title>Council votes</title></head><body>
<div class="extra-story"><h1>Council votes on budget</h1>${ps}<noscript><p>Enable scripts to see the video.</p></noscript><p>A last paragraph with <font color="red">an old font tag</font> in it, long enough to be read as the prose of the story.</p></div>
<p>A short line.</p></body></html>`);
    const retries = vi.spyOn(Readability.prototype as unknown as { _removeFlag: (f: number) => void }, '_removeFlag');
    const parses = vi.spyOn(Readability.prototype, 'parse');
    const article = readArticle(doc);
    expect(retries).toHaveBeenCalled(); // the page does make Readability retry
    expect(parses).toHaveBeenCalledTimes(1); // and identity held: no second run with index attributes
    const text = article.content?.textContent ?? '';
    expect(text).toContain('Paragraph 1 about the council');
    expect(text).toContain('Paragraph 5 about the council');
    // The fresh copy was prepared as the first one was: no noscript, <font> made a <span>.
    expect(text).not.toContain('Enable scripts');
    expect(text).toContain('an old font tag');
    expect(article.content!.getElementsByTagName('font')).toHaveLength(0);
    const live = Array.from(doc.querySelectorAll('.extra-story > p'));
    for (const p of Array.from(article.content!.getElementsByTagName('p'))) {
      if (p.textContent?.startsWith('Paragraph')) expect(live).toContain(article.liveOf(p));
    }
    expect(article.prose.size).toBe(6);
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

describe('pages too big or too deep for Readability', () => {
  const story = Array.from({ length: 6 }, (_, i) => para(i + 1)).join('');
  it('skips Readability on a page of more elements than MAX_READABILITY_ELEMENTS, and says so', () => {
    const filler = `<div hidden>${'<span></span>'.repeat(40_001)}</div>`;
    const { report } = analyze(docFrom(`<article><h1>Council votes</h1>${story}</article>${filler}`));
    expect((report.notes ?? []).some((n) => n.includes('MAX_READABILITY_ELEMENTS'))).toBe(true);
    expect(report.isArticle).toBe(false);
  });

  it('skips Readability on a page nested deeper than MAX_READABILITY_DEPTH, and says so', () => {
    const deep = `${'<div>'.repeat(520)}<article><h1>Council votes</h1>${story}</article>${'</div>'.repeat(520)}`;
    const { report } = analyze(docFrom(deep));
    expect((report.notes ?? []).some((n) => n.includes('MAX_READABILITY_DEPTH'))).toBe(true);
  });
});
