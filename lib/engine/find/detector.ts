/**
 * What a detector is. Detectors only *find*: they return candidate elements with a reason. The
 * engine decides (against the article Readability found) and applies; a detector never mutates
 * the page.
 *
 * The context walks the body once and keeps what every detector asks about an element (its text
 * length, link density, class words, whether it sits in navigation), so each question is O(1).
 */
import type { ArticleInfo } from '../article/article';
import type { Kind } from '../types';
import { blockText, collapse, nameWords, nameWordsOf } from '../page/dom';
import { elementsInOrder, HAS_BLOCK, HAS_HEADING, HAS_SPECIAL, indexPage, MAX_DEPTH, type PageIndex } from '../page/index';

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
  /** Visible text of an element, blocks kept apart by spaces (cached). Use `len` for size checks: it is free. */
  text(el: Element): string;
  /** `blockText(el)`: one line per block (cached; `text` and the engine's block texts share it). */
  blockText(el: Element): string;
  /** `el.textContent` (cached: several detectors test the same small elements' raw text). */
  raw(el: Element): string;
  /** `el.tagName` (kept in the page index: under linkedom every read upper-cases the name anew). */
  tag(el: Element): string;
  /** Length of the element's visible text (scripts and styles left out), white space collapsed. */
  len(el: Element): number;
  /** Share of the element's text that sits inside links. */
  linkDensity(el: Element): number;
  /** Class and id words (see `nameWords`), cached. */
  words(el: Element): readonly string[];
  /** Quick test of the raw class and id against a pattern, before asking for `words`. */
  named(el: Element, pattern: RegExp): boolean;
  /** One of the element's class and id words is in `words` (`hint`: the quick test of the raw name, first). */
  namedWord(el: Element, hint: RegExp, words: ReadonlySet<string> | RegExp): boolean;
  /** Inside site navigation, a banner or the page footer. */
  inChrome(el: Element): boolean;
  /** Number of links (a[href]) inside the element, itself included. */
  links(el: Element): number;
  /** What the element holds (itself included): a mask of the HAS_* flags. */
  has(el: Element, flags: number): boolean;
  /** Like `has`, but only what is inside the element. */
  holds(el: Element, flags: number): boolean;
  /** True if the element is article prose, holds some, or sits inside some. */
  touchesProse(el: Element): boolean;
}

/** Candidates in the order found, each element once (the first reason wins). */
export class Candidates {
  readonly list: Candidate[] = [];
  private readonly seen = new Set<Element>();
  add(el: Element, reason: string): boolean {
    if (this.seen.has(el)) return false;
    this.seen.add(el);
    this.list.push({ el, reason });
    return true;
  }
  has(el: Element): boolean {
    return this.seen.has(el);
  }
}

/**
 * Grows a block to its whole slot: climbs through ancestors named like it (`named`) or adding no
 * text of their own, while they stay under `maxChars`, off the article's prose, and `fits`.
 */
export function growNamed(
  ctx: DetectorContext,
  el: Element,
  maxChars: number,
  named: (el: Element) => boolean,
  fits: (el: Element) => boolean = () => true,
): Element {
  let block = el;
  for (let p = el.parentElement; p && p !== ctx.body && p !== ctx.article.root; p = p.parentElement) {
    if (ctx.len(p) > maxChars || ctx.touchesProse(p) || !fits(p)) break;
    if (named(p) || ctx.len(p) === ctx.len(block)) block = p;
    else break;
  }
  return block;
}

export interface Detector {
  /** Equal to the file name under lib/detectors/. */
  id: string;
  kind: Kind;
  /** One line for the README and the popup. */
  description: string;
  detect(ctx: DetectorContext): Candidate[];
  /**
   * Whether a part of a block this detector found is still what it found: asked when the block is
   * not hidden whole because it holds the article's furniture (the share buttons of a box that
   * holds the byline too). Without it such a block stays whole.
   */
  part?(ctx: DetectorContext, el: Element): boolean;
}

export function createContext(doc: Document, host: string, article: ArticleInfo, index: PageIndex = indexPage(doc.body)): DetectorContext {
  const body = doc.body;
  const { stats } = index;
  // Past MAX_DEPTH, detectors see only the elements at most MAX_DEPTH deep.
  const all = index.maxDepth > MAX_DEPTH ? index.all.filter((_, i) => index.depths[i] <= MAX_DEPTH) : index.all;

  // Prose and everything holding prose.
  const proseHolders = new Set<Element>();
  for (const p of article.prose) for (let a: Element | null = p; a && !proseHolders.has(a); a = a.parentElement) proseHolders.add(a);
  // ... and everything inside prose: `touchesProse` is asked of most elements, and a climb to the root each time costs the depth.
  const inProse = new Set<Element>();
  for (const p of article.prose) for (const d of elementsInOrder(p)) inProse.add(d);

  const texts = new Map<Element, string>();
  const blockTexts = new Map<Element, string>();
  const raws = new Map<Element, string>();
  const wordCache = new Map<Element, readonly string[]>();
  const raw = (el: Element): string => {
    let t = raws.get(el);
    if (t === undefined) {
      t = el.textContent ?? '';
      raws.set(el, t);
    }
    return t;
  };
  const linesOf = (el: Element): string => {
    let t = blockTexts.get(el);
    if (t === undefined) {
      t = blockText(el);
      blockTexts.set(el, t);
    }
    return t;
  };
  const wordsOf = (el: Element): readonly string[] => {
    let w = wordCache.get(el);
    if (!w) {
      const s = stats.get(el);
      w = s ? (s.name ? nameWordsOf(s.name) : []) : nameWords(el);
      wordCache.set(el, w);
    }
    return w;
  };
  const isNamed = (el: Element, pattern: RegExp): boolean => {
    const s = stats.get(el);
    const name = s ? s.name : `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    return name !== '' && pattern.test(name);
  };
  return {
    doc,
    body,
    host,
    article,
    all,
    text(el) {
      let t = texts.get(el);
      if (t === undefined) {
        // Without blocks inside, textContent already reads as the page shows it.
        const s = stats.get(el);
        t = s && !(s.inner & (HAS_BLOCK | HAS_HEADING | HAS_SPECIAL)) && !s.mute ? collapse(raw(el)) : linesOf(el).replace(/\n/g, ' ');
        texts.set(el, t);
      }
      return t;
    },
    blockText: linesOf,
    raw,
    tag: (el) => stats.get(el)?.tag ?? el.tagName,
    len: (el) => stats.get(el)?.len ?? collapse(el.textContent ?? '').length,
    linkDensity(el) {
      const s = stats.get(el);
      return s && s.len > 0 ? Math.min(1, s.linkLen / s.len) : 0;
    },
    words: wordsOf,
    named: isNamed,
    namedWord(el, hint, words) {
      if (!isNamed(el, hint)) return false;
      for (const w of wordsOf(el)) if (words instanceof RegExp ? words.test(w) : words.has(w)) return true;
      return false;
    },
    inChrome: (el) => stats.get(el)?.chrome ?? false,
    links: (el) => stats.get(el)?.links ?? el.querySelectorAll('a[href]').length,
    has(el, flags) {
      const s = stats.get(el);
      return s ? ((s.inner | s.self) & flags) !== 0 : false;
    },
    holds(el, flags) {
      const s = stats.get(el);
      return s ? (s.inner & flags) !== 0 : false;
    },
    touchesProse: (el) => proseHolders.has(el) || inProse.has(el),
  };
}
