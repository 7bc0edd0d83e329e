/**
 * The article's text: Readability's article (its detached copy, never the page) without the hidden
 * blocks, one paragraph a line, as its publisher wrote it. What the not-text filters tell (captions,
 * the byline, a comment section's notice …) stays in the markup and on the page, but not in the
 * text; each such element is listed with the filter that left it out.
 */
import type { ArticleInfo } from '../article/article';
import type { DetectorContext } from '../find/detector';
import { blockText, collapse } from '../page/dom';
import type { LeftOut } from '../types';
import type { NotTextFilter, TextEnv } from './filter';
import { ORPHAN_HEADING, orphanHeadings } from './orphan-heading';

/** Each left-out element's text in the report is cut to this many characters: enough to find it. */
export const MAX_LEFT_OUT_TEXT = 200;

export interface ArticleText {
  text: string;
  leftOut: LeftOut[];
}

/** Removes the hidden blocks from the article's copy and reads its text through the filters. */
export function articleText(article: ArticleInfo, hidden: Set<Element>, ctx: DetectorContext, filters: readonly NotTextFilter[]): ArticleText {
  const content = article.content;
  if (!content) return { text: '', leftOut: [] };
  const isHidden = new Map<Element, boolean>();
  // Hidden itself or inside a hidden block: read up the ancestors in a loop (a page may nest deeper
  // than the call stack goes), then every element passed on the way gets the answer.
  const check = (el: Element | null): boolean => {
    const passed: Element[] = [];
    let v = false;
    for (let e = el; e; e = e.parentElement) {
      const known = isHidden.get(e);
      if (known !== undefined) {
        v = known;
        break;
      }
      passed.push(e);
      if (hidden.has(e)) {
        v = true;
        break;
      }
    }
    for (const e of passed) isHidden.set(e, v);
    return v;
  };
  if (hidden.size > 0) {
    for (const el of Array.from(content.querySelectorAll('*'))) {
      const live = article.liveOf(el);
      if (live && check(live)) el.remove();
    }
  }
  let texts: { whole: string; quotes: string } | null = null;
  const env: TextEnv = {
    ctx,
    texts: () =>
      (texts ??= {
        whole: collapse(content.textContent ?? ''),
        quotes: Array.from(content.getElementsByTagName('blockquote'), (q) => collapse(q.textContent ?? '')).join('\n'),
      }),
  };
  // The filter that leaves each element out ('' for none), asked once per element.
  const verdicts = new Map<Element, string>();
  const verdict = (el: Element): string => {
    let v = verdicts.get(el);
    if (v === undefined) {
      v = '';
      const live = article.liveOf(el);
      for (const f of filters) {
        if (f.test(el, live, env)) {
          v = f.id;
          break;
        }
      }
      verdicts.set(el, v);
    }
    return v;
  };
  const orphans = orphanHeadings(content, (el) => verdict(el) !== '');
  const leftOut: LeftOut[] = [];
  const text = blockText(content, {
    skip: (el) => {
      const filter = verdict(el) || (orphans.has(el) ? ORPHAN_HEADING : '');
      if (!filter) return false;
      const words = collapse(el.textContent ?? '');
      if (words) leftOut.push({ filter, text: words.length > MAX_LEFT_OUT_TEXT ? `${words.slice(0, MAX_LEFT_OUT_TEXT - 1)}…` : words });
      return true;
    },
  });
  return { text, leftOut };
}
