/**
 * The article's furniture: what a reader sees of the article besides its paragraphs, and what is
 * never hidden. The headline (its first copy), the byline and author box, the date line, the lead
 * image or video, the first copy of every caption, and a Key Points (summary, takeaways) box.
 *
 * Furniture is looked for where the article is: in its header (from the headline down to the
 * article's first paragraph) and inside the article's container. Elsewhere on the page (a
 * sidebar's story cards, a footer) the same markup is not the article's.
 */
import { collapse, normalize } from '../page/dom';
import type { ArticleInfo } from './article';

/** Class and id words of a byline or an author box (`ArticleHeader-author`, `c-byline`). */
const BYLINE_WORDS = new Set(['byline', 'bylines', 'author', 'authors', 'contributor', 'contributors', 'writer', 'reporter']);
/** Class and id words of a date line. */
const DATE_WORDS = new Set(['date', 'dateline', 'timestamp', 'datetime', 'published', 'pubdate', 'time']);
/** Class and id words of a Key Points box. */
const KEY_POINTS_NAME = /\b(?:key ?points?|keypoints|key takeaways?|takeaways?|highlights|tldr|summary box|article summary|in brief|at a glance)\b/;
/** A Key Points box's heading, as printed. */
const KEY_POINTS_HEADING =
  /^(?:key points|key takeaways|takeaways|highlights|summary|in brief|at a glance|the big picture|what you need to know|tl;?dr)\s*:?$/i;
/** Class and id words of a caption. */
const CAPTION_NAME = /\bcaptions?\b/;
/** A byline or a date line is a line; more text is a box holding them. */
export const MAX_LINE_CHARS = 200;
/** An author box (portrait, name, a line of bio) is short. */
export const MAX_AUTHOR_BOX_CHARS = 600;
/** A Key Points box is a few sentences. */
export const MAX_KEY_POINTS_CHARS = 1500;
/** A caption is a few sentences. */
export const MAX_CAPTION_CHARS = 700;
/** An image smaller than this on each side (by its attributes) is an icon or a portrait, not the lead. */
export const MIN_LEAD_MEDIA_SIDE = 150;
/** The lead photo may come before the headline (in the article's box): this many elements before it at most. */
export const MAX_ABOVE_HEADLINE = 150;
/** An author box after the article comes within this many elements of its last paragraph. */
export const MAX_AFTER_ARTICLE = 150;
/** How many elements past the headline the article's header may run when the article has no paragraph to end it. */
export const MAX_HEADER_ELEMENTS = 400;
/** A date as printed on a date line ("Published Fri, Aug 15 2025", "Sat 24 Feb 2024 12.42 CET", "2024-02-24"). */
const PRINTED_DATE =
  /\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})\b/i;

const MEDIA_TAGS = new Set(['IMG', 'PICTURE', 'VIDEO', 'IFRAME']);
/** A frame is the lead video only when it plays one (an ad's frame is not). */
const VIDEO_FRAME = /\b(?:youtube(?:-nocookie)?\.com\/embed|player\.vimeo\.com|dailymotion\.com\/embed|players?\.|\/video|\/embed\/video)/i;

export interface FurnitureInput {
  body: Element;
  article: ArticleInfo;
  /** Every element of the body, in document order. */
  all: readonly Element[];
  /** Visible text length of an element. */
  len(el: Element): number;
  /** Visible text of an element. */
  text(el: Element): string;
  /** Class and id words (see `nameWords`). */
  words(el: Element): readonly string[];
}

export interface Furniture {
  /** Elements never hidden, nor any block holding one. */
  elements: Set<Element>;
  /** The byline boxes the page shows with the article (innermost), in page order. */
  bylines: Element[];
  /** Key Points boxes, in page order (the reader view shows them when the article misses them). */
  keyPoints: Element[];
  /** The lead image or video, if any. */
  lead: Element | null;
}

/** The article's furniture on this page. */
export function findFurniture(input: FurnitureInput): Furniture {
  const { body, article, all, len, text } = input;
  const out = new Set<Element>();
  const position = new Map<Element, number>();
  all.forEach((el, i) => position.set(el, i));

  // The headline: the <h1> that carries the article's title, else the first <h1>.
  const h1s = all.filter((el) => el.tagName === 'H1');
  const title = normalize(article.title ?? '');
  const headline =
    h1s.find((h) => title && normalize(text(h)) === title) ?? h1s.find((h) => title && title.includes(normalize(text(h))) && len(h) > 0) ?? h1s[0] ?? null;
  if (headline) out.add(headline);

  // Where furniture is looked for: the header (headline to first paragraph) and the article's container.
  const paragraphs = [...article.paragraphs, ...article.prose].map((p) => position.get(p) ?? Infinity);
  const firstParagraph = paragraphs.length ? Math.min(...paragraphs) : Infinity;
  const containers = [article.main, article.root, article.lead].filter((c): c is Element => !!c);
  // Bylines and dates only in the header and among the paragraphs: a container may hold story cards, each with its own.
  const prose = [article.root, article.lead].filter((c): c is Element => !!c);
  let top = headline ? position.get(headline)! : containers.length ? Math.min(...containers.map((c) => position.get(c) ?? Infinity)) : Infinity;
  if (top === Infinity) return { elements: out, bylines: [], keyPoints: [], lead: null };
  const leadFrom = top; // the lead image or video comes after the headline; above it, only a captioned photo
  const headerEnd = firstParagraph > top && firstParagraph !== Infinity ? firstParagraph : Math.min(all.length, top + MAX_HEADER_ELEMENTS);
  // The article's box (holding the headline and the first paragraph) may open with the lead photo above the headline.
  if (headline && firstParagraph !== Infinity) {
    let box: Element | null = headline.parentElement;
    const first = all[firstParagraph];
    while (box && box !== body && !box.contains(first)) box = box.parentElement;
    const start = box && box !== body ? position.get(box) : undefined;
    if (start !== undefined && top - start <= MAX_ABOVE_HEADLINE) top = start;
  }
  const lastParagraph = paragraphs.length ? Math.max(...paragraphs.filter((p) => p !== Infinity)) : -1;
  const inHeader = (i: number) => i >= top && i < headerEnd;

  const byline = article.byline ? normalize(article.byline) : '';
  const captions = new Set<string>();
  let leadMedia: Element | null = null;
  const bylines: Element[] = [];
  const keyPoints: Element[] = [];
  const afterBoxes: Element[] = [];
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    const header = inHeader(i);
    const after = lastParagraph >= 0 && i > lastParagraph && i <= lastParagraph + MAX_AFTER_ARTICLE;
    if (!header && !after && !containers.some((c) => c.contains(el))) continue;
    const lines = header || prose.some((c) => c.contains(el));
    const tag = el.tagName;
    const words = input.words(el);
    const n = len(el);
    if (after && !lines && !containers.some((c) => c.contains(el))) {
      // After the article, only an author box naming an author of its byline.
      if (n > 0 && n <= MAX_AUTHOR_BOX_CHARS && words.some((w) => BYLINE_WORDS.has(w))) afterBoxes.push(el);
      continue;
    }
    // Captions: the first copy of each text.
    if (tag === 'FIGCAPTION' || el.getAttribute('itemprop') === 'caption' || (words.length && CAPTION_NAME.test(words.join(' ')) && n > 0)) {
      if (n > 0 && n <= MAX_CAPTION_CHARS) {
        const key = normalize(text(el));
        if (!captions.has(key)) {
          captions.add(key);
          out.add(el);
        }
      }
      continue;
    }
    // The byline and the author box.
    if (
      lines &&
      n > 0 &&
      n <= MAX_AUTHOR_BOX_CHARS &&
      (tag === 'ADDRESS' ||
        el.getAttribute('rel') === 'author' ||
        el.getAttribute('itemprop') === 'author' ||
        words.some((w) => BYLINE_WORDS.has(w)) ||
        (byline && n <= MAX_LINE_CHARS && el.children.length === 0 && normalize(text(el)).includes(byline)))
    ) {
      bylines.push(el);
      continue;
    }
    // The date line.
    if (
      lines &&
      (tag === 'TIME' ||
        el.getAttribute('itemprop') === 'datePublished' ||
        (n > 0 && n <= MAX_LINE_CHARS && words.some((w) => DATE_WORDS.has(w)) && PRINTED_DATE.test(text(el))))
    ) {
      if (n > 0 || el.hasAttribute('datetime')) out.add(el);
      continue;
    }
    // A Key Points box: named so, or headed so.
    if (n > 0 && n <= MAX_KEY_POINTS_CHARS && (KEY_POINTS_NAME.test(words.join(' ')) || keyPointsHeaded(el, text)) && el.querySelector('li, p')) {
      out.add(el);
      if (!keyPoints.some((k) => k.contains(el))) keyPoints.push(el);
      continue;
    }
    // The lead image or video (the first one of a size past the headline: an author's portrait is
    // small), and every photo with a caption: the photo a caption or a credit belongs to.
    if (
      (MEDIA_TAGS.has(tag) && tag !== 'IMG' && (tag !== 'IFRAME' || VIDEO_FRAME.test(el.getAttribute('src') ?? ''))) ||
      (tag === 'IMG' && el.parentElement?.tagName !== 'PICTURE')
    ) {
      if ((!leadMedia && i >= leadFrom) || captioned(el)) {
        if (!el.closest('a') && bigEnough(el)) {
          if (!leadMedia && i >= leadFrom) leadMedia = el;
          out.add(el);
        }
      }
    }
  }
  // The innermost byline box: an outer box named for its author may hold the share buttons too.
  const innermost = (list: Element[]) => list.filter((b) => !list.some((o) => o !== b && b.contains(o)));
  const names = new Set<string>();
  const shown = innermost(bylines);
  for (const b of shown) {
    out.add(b);
    const name = normalize(text(b));
    if (name.length >= 3 && name.length <= MAX_LINE_CHARS) names.add(name);
  }
  if (byline) names.add(byline);
  const named = afterBoxes.filter((b) => {
    const t = normalize(text(b));
    return [...names].some((name) => t.includes(name));
  });
  for (const b of innermost(named)) out.add(b);
  out.delete(body);
  return { elements: out, bylines: shown, keyPoints, lead: leadMedia };
}

/**
 * The byline as the page shows it: Readability's byline when the page's byline boxes name the same
 * people (it may come from the page's JSON-LD, which can name someone else: "Guardian staff
 * reporter" where the page prints "Associated Press in Valencia"), else the boxes' own text.
 */
export function shownByline(bylines: readonly Element[], readability: string | null, text: (el: Element) => string): string | null {
  const lines: string[] = [];
  for (const b of bylines) {
    const t = collapse(text(b)).replace(/^by\s+/i, '');
    if (t && t.length <= MAX_LINE_CHARS && !t.startsWith('@') && !PRINTED_DATE.test(t) && !lines.some((l) => l.includes(t))) lines.push(t);
  }
  if (!lines.length) return readability;
  const page = normalize(lines.join(' '));
  const names = (readability ?? '')
    .split(/\s*(?:,|\band\b|&|\|)\s*/i)
    .map(normalize)
    .filter(Boolean);
  if (names.length && names.every((n) => page.includes(n))) return readability;
  return lines.join(', ');
}

/** A photo in a figure that has a caption. */
function captioned(el: Element): boolean {
  const fig = el.closest('figure');
  return !!fig && !!fig.querySelector('figcaption, [itemprop="caption"], [class*="caption"]');
}

/** A box whose first child is a "Key Points" heading. */
function keyPointsHeaded(el: Element, text: (el: Element) => string): boolean {
  const first = el.firstElementChild;
  if (!first || first.children.length > 1) return false;
  const t = collapse(text(first));
  return t.length > 0 && t.length < 40 && KEY_POINTS_HEADING.test(t);
}

/** An image or video not known to be small: its width and height attributes (or the URL's `w=`/`h=`) say so. */
function bigEnough(el: Element): boolean {
  const img = el.tagName === 'PICTURE' ? el.querySelector('img') : el;
  if (!img) return false;
  if (el.tagName === 'IMG' && !(img.getAttribute('src') || img.getAttribute('srcset') || img.getAttribute('data-src'))) return false;
  const side = (attr: string, param: string): number | null => {
    const v = parseFloat(img.getAttribute(attr) ?? '');
    if (Number.isFinite(v)) return v;
    const m = new RegExp(`[?&]${param}=(\\d+)`).exec(img.getAttribute('src') ?? '');
    return m ? Number(m[1]) : null;
  };
  const w = side('width', 'w');
  const h = side('height', 'h');
  return (w === null || w >= MIN_LEAD_MEDIA_SIDE) && (h === null || h >= MIN_LEAD_MEDIA_SIDE);
}
