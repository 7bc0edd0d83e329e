/**
 * The article's lead (standfirst, deck, intro): the paragraph a news page prints between the headline
 * and the body, in a header of its own. Readability's article starts at the body container, so the
 * lead is often left out; the publisher wrote it as part of the article, and the cleaned article
 * text and the reader view carry it first.
 *
 * A lead is told by where it sits and what the page says of it: it comes before the first block of
 * Readability's article (above its container, or in a header inside it that Readability dropped)
 * with little text in between (a byline, a date; links and photo captions do not count),
 * possibly in the article's own <header>, reads as a sentence
 * (not links, not a headline), and either its markup names it (`lead`, `standfirst`, `subtitle`…)
 * or it is the summary the page declares in its `<meta name="description">`.
 */
import { collapse, nameWords } from '../page/dom';
import type { PageIndex } from '../page/index';
import { LEAD_CLASS, LEAD_PAIRS, NOT_LEAD_CLASS, UNCOUNTED_NAME } from '../vocab/article';

/** A lead is a sentence or three: shorter is a kicker or a label, longer is body text. */
export const MIN_LEAD_CHARS = 60;
export const MAX_LEAD_CHARS = 800;
/** Between the lead and the article's container only a byline, a date and a caption fit. */
export const MAX_LEAD_GAP_CHARS = 400;
/** A lead is written words: more of its text in links and it is a link line. */
export const MAX_LEAD_LINK_DENSITY = 0.3;
/** How far up a lead's name may sit: the lead paragraph in a box or two named for it. */
export const MAX_NAMED_LEVELS = 2;
/** A page's summary matches its lead on this many leading characters (descriptions get cut off). */
export const DESCRIPTION_PROBE_CHARS = 60;

/** Text between the lead and the body that does not count: links, and a photo's caption and credit. */
const UNCOUNTED_TAGS = new Set(['A', 'FIGURE', 'FIGCAPTION']);
/** The blocks of Readability's article the walk back to the lead starts from. */
const KEPT_BLOCKS = new Set(['P', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'TABLE', 'FIGURE']);
const LEAD_TAGS = new Set(['P', 'H2', 'H3', 'DIV', 'SPAN', 'SECTION', 'UL', 'STRONG']);
const NOT_LEAD_INSIDE = new Set(['FIGURE', 'FIGCAPTION', 'BLOCKQUOTE', 'A', 'LI', 'TABLE', 'ASIDE', 'FORM', 'LABEL']);

function description(doc: Document): string {
  for (const sel of ['meta[property="og:description"]', 'meta[name="description"]', 'meta[name="twitter:description"]']) {
    const c = collapse(doc.head?.querySelector(sel)?.getAttribute('content') ?? '');
    if (c.length >= MIN_LEAD_CHARS) return c;
  }
  return '';
}

function matchesDescription(text: string, summary: string): boolean {
  if (!summary) return false;
  const probe = (s: string) =>
    s
      .replace(/[.…\s]+$/, '')
      .slice(0, DESCRIPTION_PROBE_CHARS)
      .toLowerCase();
  const a = probe(text);
  const b = probe(summary);
  return a.length >= Math.min(DESCRIPTION_PROBE_CHARS, MIN_LEAD_CHARS) && (a === b || a.startsWith(b) || b.startsWith(a));
}

function namedLead(el: Element): boolean {
  const words = nameWords(el);
  return words.some((w) => LEAD_CLASS.words.has(w)) || LEAD_PAIRS.re.test(words.join(' '));
}

/**
 * The live lead of the article whose container is `main`, or null. `articleText` gives the article's
 * text (read only when a lead is found, to leave out one the article has). `inArticle` says whether a live
 * element is in Readability's article already (then it is not a lead to add).
 */
export function findLead(doc: Document, index: PageIndex, main: Element, articleText: () => string, inArticle: (el: Element) => boolean): Element | null {
  const { all, stats } = index;
  // The walk starts at the first block Readability kept: a lead inside its container (in a header
  // that Readability dropped) is above that block too.
  let at = all.indexOf(main);
  if (at < 0) return null;
  for (let i = at + 1; i < all.length && main.contains(all[i]); i++) {
    if (KEPT_BLOCKS.has(all[i].tagName) && inArticle(all[i]) && (stats.get(all[i])?.len ?? 0) > 0) {
      at = i;
      break;
    }
  }
  if (at <= 0) return null;
  const start = all[at];
  const never = new Set(index.neverArticle.map((i) => all[i]));
  const summary = description(doc);
  // Walk back from the container in reverse document order (an element's descendants come before
  // it): `gap` sums the text passed so far, own text node by own text node, and `inner` what of it
  // lies inside each element. Links (a share bar, a "more on this" list) and a photo's caption and
  // credit do not count.
  const around = new Set<Element>();
  for (let a = start.parentElement; a; a = a.parentElement) around.add(a);
  let gap = 0;
  const inner = new Map<Element, number>();
  // Inside a link, a figure or a caption: read once per element, from its parent's answer.
  const skip = new Map<Element, boolean>();
  // An element is uncounted by its own tag or name, or by its parent's answer (up to the
  // container's ancestors): read up the ancestors in a loop (a page may nest deeper than the call
  // stack goes), then every element passed on the way gets the answer.
  const uncounted = (el: Element): boolean => {
    const passed: Element[] = [];
    let v: boolean | undefined;
    for (let e: Element | null = el; v === undefined;) {
      v = skip.get(e);
      if (v !== undefined) break;
      passed.push(e);
      const name = stats.get(e)?.name ?? '';
      if (UNCOUNTED_TAGS.has(e.tagName) || UNCOUNTED_NAME.re.test(name)) v = true;
      else if (!e.parentElement || around.has(e.parentElement)) v = false;
      else e = e.parentElement;
    }
    for (const e of passed) skip.set(e, v);
    return v;
  };
  for (let i = at - 1; i >= 0; i--) {
    const el = all[i];
    if (around.has(el)) continue; // an ancestor: its own text is around the container, not between
    const after = gap - (inner.get(el) ?? 0); // the text between this element's end and the container
    if (after > MAX_LEAD_GAP_CHARS) return null;
    const stat = stats.get(el);
    const len = stat?.len ?? collapse(el.textContent ?? '').length;
    if (
      len >= MIN_LEAD_CHARS &&
      len <= MAX_LEAD_CHARS &&
      LEAD_TAGS.has(el.tagName) &&
      !inArticle(el) &&
      isLead(el, len, stat?.linkLen ?? 0, summary, never, around)
    ) {
      const text = collapse(el.textContent ?? '');
      return articleText().includes(text.slice(0, DESCRIPTION_PROBE_CHARS)) ? null : el; // null: the article has it
    }
    const own = uncounted(el) ? 0 : ownTextLength(el);
    if (own === 0) continue;
    gap += own;
    for (let p = el.parentElement; p && !around.has(p); p = p.parentElement) inner.set(p, (inner.get(p) ?? 0) + own);
  }
  return null;
}

function ownTextLength(el: Element): number {
  let n = 0;
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 3) n += collapse(c.nodeValue ?? '').length;
  return n;
}

function isLead(el: Element, len: number, linkLen: number, summary: string, never: Set<Element>, around: Set<Element>): boolean {
  if (linkLen / len > MAX_LEAD_LINK_DENSITY) return false;
  if (el.querySelector('h1, img, picture, video, form, input, button')) return false;
  for (let a: Element | null = el; a; a = a.parentElement) {
    if (NOT_LEAD_INSIDE.has(a.tagName)) return false;
    // Chrome is never the lead; an article's own <header>, the headline in it, is where leads are.
    if (never.has(a) && !(a.tagName === 'HEADER' && a.querySelector('h1'))) return false;
    if (a.tagName === 'BODY') break;
  }
  // Named itself, or its box is (`<div class="article-teaser-intro"><div><p>…`), short of the
  // article's; a caption's or a byline's box is not a lead's.
  let named = false;
  for (let a: Element | null = el, i = 0; a && i <= MAX_NAMED_LEVELS && !around.has(a); a = a.parentElement, i++) {
    if (nameWords(a).some((w) => NOT_LEAD_CLASS.words.has(w))) return false;
    named ||= namedLead(a);
  }
  return named || matchesDescription(collapse(el.textContent ?? ''), summary);
}
