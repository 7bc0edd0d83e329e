/**
 * What a detector is. Detectors only *find*: they return candidate elements with a reason. The
 * engine decides (against the article Readability found) and applies; a detector never mutates
 * the page.
 *
 * The context walks the body once and keeps what every detector asks about an element (its text
 * length, link density, class words, whether it sits in navigation), so each question is O(1).
 */
import type { ArticleInfo } from './article';
import type { Kind } from './types';
import { collapse, nameWords } from './dom';

export interface Candidate {
  el: Element;
  /** Why this block is boilerplate, in a reader's words ("sign-up box with an email field"). */
  reason: string;
}

export interface DetectorContext {
  doc: Document;
  body: HTMLElement;
  /** Lower-case host of the page URL ('' when unknown). */
  host: string;
  article: ArticleInfo;
  /** Every element of the body, in document order. */
  all: readonly Element[];
  /** Collapsed text of an element (cached). Use `len` for size checks: it is free. */
  text(el: Element): string;
  /** Length of the element's visible text (scripts and styles left out), white space collapsed. */
  len(el: Element): number;
  /** Share of the element's text that sits inside links. */
  linkDensity(el: Element): number;
  /** Class and id words (see `nameWords`), cached. */
  words(el: Element): readonly string[];
  /** Inside site navigation, a banner or the page footer. */
  inChrome(el: Element): boolean;
  /** True if the element is article prose, holds some, or sits inside some. */
  touchesProse(el: Element): boolean;
}

export interface Detector {
  /** Equal to the file name under lib/detectors/. */
  id: string;
  kind: Kind;
  /** One line for the README and the popup. */
  description: string;
  detect(ctx: DetectorContext): Candidate[];
}

const SKIP_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
const CHROME_TAGS = new Set(['NAV', 'FOOTER']);
const CHROME_ROLES = new Set(['navigation', 'contentinfo', 'banner']);

interface Stat {
  len: number;
  linkLen: number;
  chrome: boolean;
}

export function createContext(doc: Document, host: string, article: ArticleInfo): DetectorContext {
  const body = doc.body;
  const stats = new Map<Element, Stat>();
  const all: Element[] = [];

  // One iterative pass (deep pages must not overflow the stack): pre-order to list elements and
  // mark chrome, then a reverse sweep to add text lengths up the tree.
  const stack: { el: Element; chrome: boolean; inLink: boolean; inMain: boolean }[] = [{ el: body, chrome: false, inLink: false, inMain: false }];
  while (stack.length) {
    const { el, chrome, inLink, inMain } = stack.pop()!;
    const tag = el.tagName;
    const role = el.getAttribute('role') ?? '';
    const main = inMain || tag === 'MAIN' || tag === 'ARTICLE' || role === 'main';
    // A <header> outside the main content is the site's masthead; inside it, the article's header.
    const isChrome = chrome || CHROME_TAGS.has(tag) || CHROME_ROLES.has(role) || (tag === 'HEADER' && !main);
    const link = inLink || el.tagName === 'A';
    if (el !== body) all.push(el);
    let len = 0;
    if (!SKIP_TEXT.has(el.tagName)) {
      for (let c = el.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) len += collapse(c.nodeValue ?? '').length;
      }
      const kids = el.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ el: kids[i], chrome: isChrome, inLink: link, inMain: main });
    }
    stats.set(el, { len, linkLen: link ? len : 0, chrome: isChrome });
  }
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i];
    const s = stats.get(el)!;
    const parent = el.parentElement;
    const ps = parent ? stats.get(parent) : undefined;
    if (ps) {
      ps.len += s.len;
      ps.linkLen += s.linkLen;
    }
  }

  // Prose and everything holding prose.
  const proseHolders = new Set<Element>();
  for (const p of article.prose) for (let a: Element | null = p; a && !proseHolders.has(a); a = a.parentElement) proseHolders.add(a);

  const texts = new Map<Element, string>();
  const wordCache = new Map<Element, readonly string[]>();
  return {
    doc,
    body,
    host,
    article,
    all,
    text(el) {
      let t = texts.get(el);
      if (t === undefined) {
        t = collapse(el.textContent ?? '');
        texts.set(el, t);
      }
      return t;
    },
    len: (el) => stats.get(el)?.len ?? collapse(el.textContent ?? '').length,
    linkDensity(el) {
      const s = stats.get(el);
      return s && s.len > 0 ? Math.min(1, s.linkLen / s.len) : 0;
    },
    words(el) {
      let w = wordCache.get(el);
      if (!w) {
        w = nameWords(el);
        wordCache.set(el, w);
      }
      return w;
    },
    inChrome: (el) => stats.get(el)?.chrome ?? false,
    touchesProse(el) {
      if (proseHolders.has(el)) return true;
      for (let a = el.parentElement; a; a = a.parentElement) if (article.prose.has(a)) return true;
      return false;
    },
  };
}
