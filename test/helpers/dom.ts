/** Test helpers: documents from HTML strings and files, and questions about what is visible. */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { HIDDEN_ATTR } from '../../lib/engine/page/dom';

export function docFrom(html: string): Document {
  const full = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head><title>Test page</title></head><body>${html}</body></html>`;
  return parseHTML(full).document as unknown as Document;
}

export function docFromFile(path: string): Document {
  return docFrom(readFileSync(path, 'utf8'));
}

/** Hidden by the engine: the element or one of its ancestors carries the hidden attribute. */
export function isHidden(el: Element): boolean {
  return el.closest(`[${HIDDEN_ATTR}]`) !== null;
}

/** An article paragraph of a few sentences, long enough to count as prose. */
export function para(n: number, topic = 'the council'): string {
  return `<p>Paragraph ${n} about ${topic}: the members met on Tuesday evening and argued for hours about the budget, the roads and the new library before voting late at night.</p>`;
}

/**
 * A plain article page: a headline, `count` paragraphs, and `extra` inserted after paragraph `at`;
 * `top` goes between the headline and the first paragraph, `after` after the article.
 */
export function articlePage(extra: string, { count = 8, at = 3, after = '', top = '' } = {}): string {
  const ps: string[] = [];
  for (let i = 1; i <= count; i++) {
    ps.push(para(i));
    if (i === at) ps.push(extra);
  }
  return `<!doctype html><html><head><title>Council votes on budget</title><link rel="canonical" href="https://news.example.com/2025/council-budget"></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>Council votes on budget after a long night</h1>${top}<div class="story-body">${ps.join('\n')}</div></article>${after}</main>
<footer><p>© News Example</p></footer></body></html>`;
}
