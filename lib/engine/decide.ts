/**
 * Decide: which candidates are hidden. Never remove content: the body, `<main>`, the article's
 * container and any block holding article prose (or half of Readability's paragraphs) are refused;
 * so is any block holding the article's furniture (headline, byline, date line, lead image, the
 * first copy of a caption, a Key Points box: article/furniture.ts), or sitting in one but a caption.
 * A refused block's finder may name the parts of it that are still what it found (the share
 * buttons beside a byline): those parts are hidden instead.
 * the first finder of an element wins (site rules before detectors); nested blocks collapse to the
 * outer one. Each block gets an id stable for the same block on the same page.
 */
import type { ArticleInfo } from './article/article';
import { findFurniture } from './article/furniture';
import { mediaOf } from './page/media';
import type { DetectorContext } from './find/detector';
import type { Found } from './find/find';
import { hash, normalize } from './page/dom';
import type { Block } from './types';

/** Elements a page never shows: a rule or detector naming one (an ad slot's script) hides nothing. */
const NOT_SHOWN_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'LINK', 'META']);

export interface Decision {
  blocks: Block[];
  /** The live element of each block, by block id. */
  elements: Map<string, Element>;
  /** The byline boxes the page shows with the article (see article/furniture.ts). */
  bylines: Element[];
  /** Key Points boxes and the lead image or video (see article/furniture.ts), for the reader view. */
  keyPoints: Element[];
  lead: Element | null;
}

/** For a finder (its rule label), whether a part of a block it found is still what it found. */
export type PartTest = (el: Element) => boolean;

export function decide(
  found: readonly Found[],
  ctx: DetectorContext,
  order: readonly Element[],
  keep: ReadonlySet<string>,
  parts: ReadonlyMap<string, PartTest> = new Map(),
): Decision {
  const { article } = ctx;
  const chosen = new Map<Element, Found>();
  const paragraphsIn = countParagraphs(article);
  const {
    elements: furniture,
    bylines,
    keyPoints,
    lead,
  } = findFurniture({ body: ctx.body, article, all: ctx.all, len: ctx.len, text: ctx.text, words: ctx.words });
  // Furniture and every element holding some; elements inside furniture other than a caption.
  const holdsFurniture = new Set<Element>();
  for (const f of furniture) for (let a: Element | null = f; a && !holdsFurniture.has(a); a = a.parentElement) holdsFurniture.add(a);
  const inFurniture = (el: Element) => {
    for (let a = el.parentElement; a; a = a.parentElement) if (furniture.has(a) && !isCaption(a)) return true;
    return false;
  };
  const consider = (f: Found) => {
    if (chosen.has(f.el)) return; // site rules come first, then detectors in registry order
    if (NOT_SHOWN_TAGS.has(f.el.tagName.toUpperCase())) return; // nothing to hide: its "text" is code
    if (refuse(f.el, ctx.body, article, f.byText && isOneParagraph(f.el, article) ? () => false : ctx.touchesProse, paragraphsIn)) return;
    if (inFurniture(f.el)) return;
    if (holdsFurniture.has(f.el)) {
      // Not hidden whole: only its parts that hold no furniture and are still what was found.
      const part = parts.get(f.rule);
      if (part) for (const p of partsOf(f.el, holdsFurniture, part)) consider({ ...f, el: p });
      return;
    }
    chosen.set(f.el, f);
  };
  for (const f of found) consider(f);
  // A block goes with its label: a box holding only the block and a short label ("TOPICS", "Share
  // this:", "Follow us") goes whole, or the label would stay on the page with nothing under it.
  for (const f of [...chosen.values()]) {
    const box = f.el.parentElement;
    if (!box || chosen.has(box) || !isLabelBox(box, f.el, ctx.len, ctx.text)) continue;
    // The article's own header: a kicker ("High Praise") beside an ad slot there is the article's.
    if (box.closest('header')?.querySelector('h1')) continue;
    if (NOT_SHOWN_TAGS.has(box.tagName.toUpperCase()) || refuse(box, ctx.body, article, ctx.touchesProse, paragraphsIn)) continue;
    if (holdsFurniture.has(box) || inFurniture(box)) continue;
    chosen.delete(f.el);
    chosen.set(box, { ...f, el: box });
  }
  const outer = [...chosen.values()].filter((f) => {
    for (let p = f.el.parentElement; p; p = p.parentElement) if (chosen.has(p)) return false;
    return true;
  });
  const elements = new Map<string, Element>();
  const blocks: Block[] = [];
  const position = new Map<Element, number>();
  const repeats = new Map<string, number>();
  const wanted = new Set(outer.map((f) => f.el));
  for (const el of order) if (wanted.has(el)) position.set(el, position.size);
  for (const f of outer.sort((a, b) => (position.get(a.el) ?? 0) - (position.get(b.el) ?? 0))) {
    const text = ctx.blockText(f.el); // often read already by a detector
    // The hash once per block: a page repeating one block a thousand times must not hash a million times.
    const base = `${f.kind}-${hash(normalize(text).slice(0, 400) || f.rule)}`;
    // Repeats get -2, -3, … (a base never ends in -n: kinds and hashes have no dash).
    const n = repeats.get(base) ?? 1;
    repeats.set(base, n + 1);
    const id = n === 1 ? base : `${base}-${n}`;
    elements.set(id, f.el);
    const media = text.trim() ? null : mediaOf(f.el);
    blocks.push({ id, kind: f.kind, text, reason: f.reason, rule: f.rule, ...(keep.has(id) ? { kept: true } : {}), ...(media ? { media } : {}) });
  }
  return { blocks, elements, bylines, keyPoints, lead };
}

function isCaption(el: Element): boolean {
  return el.tagName === 'FIGCAPTION' || /caption/i.test(el.getAttribute('class') ?? '') || el.getAttribute('itemprop') === 'caption';
}

/** The outermost parts of `el` that hold no furniture and pass `part`. */
function partsOf(el: Element, holdsFurniture: ReadonlySet<Element>, part: PartTest): Element[] {
  const out: Element[] = [];
  const walk = (p: Element) => {
    for (const c of Array.from(p.children)) {
      if (!holdsFurniture.has(c) && part(c)) out.push(c);
      else walk(c);
    }
  };
  walk(el);
  return out;
}

/** A label is a line: a few words, no digit, no link, no image, no field. */
export const MAX_BOX_LABEL_CHARS = 40;
const NOT_LABEL = 'a, img, picture, video, iframe, input, select, textarea, button, svg, form';

/** Does `box` hold `block` and, besides it, only a short label (and no text of its own beyond it)? */
function isLabelBox(box: Element, block: Element, len: (el: Element) => number, text: (el: Element) => string): boolean {
  let label = 0;
  let labels = 0;
  for (const c of Array.from(box.childNodes)) {
    if (c === block) continue;
    if (c.nodeType === 3) {
      const t = (c.nodeValue ?? '').trim();
      if (/\d/.test(t)) return false;
      label += t.length;
      continue;
    }
    if (c.nodeType !== 1) continue;
    const el = c as Element;
    const n = len(el);
    if (n === 0) {
      if (el.matches(NOT_LABEL) || el.querySelector(NOT_LABEL)) return false;
      continue;
    }
    if (el.matches(NOT_LABEL) || el.querySelector(NOT_LABEL)) return false;
    // A date or a count is a line of its own (a date line, "2 comments"), not a label.
    if (el.tagName === 'TIME' || el.querySelector('time') || /\d/.test(text(el))) return false;
    label += n;
    labels++;
  }
  return labels <= 1 && label > 0 && label <= MAX_BOX_LABEL_CHARS;
}

/** How many of Readability's paragraphs each element holds (only elements holding some). */
function countParagraphs(article: ArticleInfo): Map<Element, number> {
  const counts = new Map<Element, number>();
  for (const p of article.paragraphs) for (let a: Element | null = p; a; a = a.parentElement) counts.set(a, (counts.get(a) ?? 0) + 1);
  return counts;
}

/** Never remove content: the body, the article, and blocks holding article prose are refused. */
/**
 * One paragraph of the article and nothing more: neither inside another nor holding one. A rule
 * naming such a paragraph by its text (a site's tagline, printed in every article) may hide it.
 */
function isOneParagraph(el: Element, article: ArticleInfo): boolean {
  if (!article.paragraphs.has(el) && !article.prose.has(el)) return false;
  for (const p of [...article.paragraphs, ...article.prose]) if (p !== el && (p.contains(el) || el.contains(p))) return false;
  return true;
}

function refuse(el: Element, body: Element, article: ArticleInfo, touchesProse: (el: Element) => boolean, paragraphsIn: Map<Element, number>): boolean {
  if (el === body || !body.contains(el) || el.tagName === 'MAIN' || el.tagName === 'BODY') return true;
  if (article.root && el.contains(article.root)) return true;
  if (article.main && el.contains(article.main)) return true;
  if (touchesProse(el)) return true;
  // Short or unusual articles may have no prose runs: then half of Readability's paragraphs is the article.
  const inside = paragraphsIn.get(el) ?? 0;
  return inside > 0 && inside * 2 >= article.paragraphs.size;
}
