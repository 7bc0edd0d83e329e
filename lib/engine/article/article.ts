/**
 * Readability, run once per page on a clone, mapped back to the live page.
 *
 * Before Readability runs, every element of the clone's body gets an index attribute; the elements
 * that survive into Readability's article still carry it, so the engine knows exactly which live
 * elements Readability took for the article. The live document is never touched.
 */
import { copyAgainOnRetry, LIKELY_NAME, newReader, prepareLikeReadability, UNLIKELY_NAME, type Parsed } from './readability';
import { collapse, collapsedLength, linkDensity, nameWordsOf, textOf } from '../page/dom';
import { elementsInOrder, indexPage, type PageIndex } from '../page/index';
import { findLead } from './lead';
import { recipeIngredients } from './recipe';
import { hasWord } from '../vocab/group';
import { SMALL_PRINT_CLASS } from '../vocab/article';

const INDEX_ATTR = 'data-declutter-i';

/**
 * Readability's charThreshold (its default is 500): an attempt with less text is retried with looser
 * rules, which pull in comments and link lists. Our copy has no navigation, dialogs or forms left,
 * so a shorter article found on the first, strictest attempt is the better one.
 */
export const CHAR_THRESHOLD = 250;
/** Shorter than this, a paragraph of Readability's article is a label or a line, not a paragraph. */
export const MIN_PARAGRAPH_CHARS = 40;
/** A paragraph shorter than this is a label, a caption or a button, not article prose. */
export const MIN_PROSE_CHARS = 80;
/** Prose is written words: a paragraph with more of its text in links is a link line or a teaser. */
export const MAX_PROSE_LINK_DENSITY = 0.3;
/** A container with a form control and fewer paragraphs than this is a box (a sign-up form), not the body. */
export const MIN_BODY_RUN = 4;
/** Readability's article shorter than this is a guess (on a front page it may pick a sign-up box): its container and paragraphs are not protected. */
export const MIN_TRUSTED_ARTICLE_CHARS = 200;
/** Less prose than this (Readability's own threshold) is not an article page. */
export const MIN_ARTICLE_CHARS = 500;
/** Article prose comes in runs: its container holds at least this many paragraphs of the article. */
export const MIN_PROSE_RUN = 2;
/** How many wrappers of its own a lone paragraph of a run may sit in (a section, its inner div, …). */
export const LONE_WRAPPER_LEVELS = 4;

/**
 * Readability is not run on a page deeper than this. Its scoring reads `textContent` and walks
 * ancestors for every node, so its cost grows with depth × nodes: 10,000 levels took 15 s under
 * linkedom. Blink's parser nests at most 512 levels, so deeper pages are script-built oddities.
 */
export const MAX_READABILITY_DEPTH = 512;
/**
 * Readability is not run on a page with more elements than this: it costs about 75 µs an element
 * under linkedom (120,000 elements took 9 s), and a heavy news page has 3,000–15,000. Past the cap the
 * page gets no article, so it is not taken for an article page (only site rules make it one).
 */
export const MAX_READABILITY_ELEMENTS = 40_000;

/** Why Readability must be skipped on this page (see the caps above), or null to run it. */
export function readabilitySkipped(index: PageIndex): string | null {
  if (index.maxDepth > MAX_READABILITY_DEPTH) {
    return `Readability skipped: ${index.maxDepth} levels of nesting exceed MAX_READABILITY_DEPTH (${MAX_READABILITY_DEPTH})`;
  }
  if (index.all.length > MAX_READABILITY_ELEMENTS) {
    return `Readability skipped: ${index.all.length} elements exceed MAX_READABILITY_ELEMENTS (${MAX_READABILITY_ELEMENTS})`;
  }
  return null;
}

export interface ArticleInfo {
  /** Readability found an article. */
  found: boolean;
  title: string;
  byline: string | null;
  /** Readability's article content (an element of a detached document), or null. */
  content: Element | null;
  /** Live article paragraphs: prose Readability kept, in runs (see MIN_PROSE_RUN). */
  prose: Set<Element>;
  /** Live paragraphs of Readability's article (any length over MIN_PARAGRAPH_CHARS), prose or not. */
  paragraphs: Set<Element>;
  /** Total characters of prose. */
  proseChars: number;
  /** The live element holding most of the prose (Readability's main container), or null. */
  root: Element | null;
  /** The live element Readability chose as the article's container (its top candidate), or null
   * when its article is too short to be more than a guess (see MIN_TRUSTED_ARTICLE_CHARS). */
  main: Element | null;
  /** Maps an element of Readability's content back to the live element it came from. */
  liveOf(el: Element): Element | undefined;
  /** The article's lead, when Readability left it out and it was added first (see lib/lead.ts). */
  lead?: Element;
}

export function emptyArticle(title = ''): ArticleInfo {
  return {
    found: false,
    title,
    byline: null,
    content: null,
    prose: new Set(),
    paragraphs: new Set(),
    proseChars: 0,
    root: null,
    main: null,
    liveOf: () => undefined,
  };
}

/**
 * A copy of the page for Readability, without what it must not read (`skip`: positions in
 * `index.all` of subtrees left out: chrome that is never the article, a block it must not prefer).
 * Leaving them out is cheaper than copying them and taking them out again: copying is most of the
 * engine's own cost, and navigation, icons and forms are often a third of a page's elements.
 * Subtrees holding nothing to leave out are copied whole; `copies[i]` is the copy of `index.all[i]`
 * (undefined when left out). In a browser the copy goes into an inert document (one without a
 * window): cloning the live document re-parses every inline stylesheet, 55 ms for a page carrying
 * 930 kB of CSS, where the inert copy takes 2 ms; its `<base>` keeps the page's address, so
 * Readability still makes relative links absolute. Elsewhere (linkedom) the document is a plain
 * clone. Null when the copy does not line up with the index (then nothing can be mapped back).
 */
function copyForReadability(doc: Document, index: PageIndex, skip: readonly number[]): { clone: Document; copies: (Element | undefined)[] } | null {
  const html = doc.documentElement;
  const body = doc.body;
  if (!html || !body || body.parentElement !== html) return null;
  let clone: Document | null = null;
  let make: (node: Node, deep: boolean) => Node = (node, deep) => node.cloneNode(deep);
  const impl = doc.implementation as DOMImplementation | undefined;
  if (impl && typeof impl.createHTMLDocument === 'function') {
    try {
      const inert = impl.createHTMLDocument('');
      make = (node, deep) => inert.importNode(node, deep);
      clone = inert;
    } catch {
      clone = null;
    }
  }
  const { all, ends } = index;
  const skipped = [...skip].sort((a, b) => a - b);
  // Whether any skipped position lies in [from, to): the first one at or past `from`, by halves.
  const skipsIn = (from: number, to: number) => {
    let lo = 0;
    let hi = skipped.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (skipped[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < skipped.length && skipped[lo] < to;
  };
  const copies: (Element | undefined)[] = new Array(all.length);
  let ok = true;
  // Copies the body into a new node, and each element into its parent's copy: depth first with a
  // stack of its own (a page may nest deeper than the call stack goes). Each entry is one element
  // being copied: its copy, its position in `all` (-1 for the body), its next child to copy and the
  // position in `all` that child must have.
  const copyOf = (body: Element): Element => {
    const top = make(body, false) as Element;
    const stack: { own: Element; pos: number; n: ChildNode | null; next: number }[] = [{ own: top, pos: -1, n: body.firstChild, next: 0 }];
    while (stack.length) {
      const f = stack[stack.length - 1];
      const n = f.n;
      if (!n) {
        if (f.pos >= 0) copies[f.pos] = f.own;
        stack.pop();
        continue;
      }
      f.n = n.nextSibling;
      if (n.nodeType !== 1) {
        f.own.appendChild(make(n, false));
        continue;
      }
      const at = f.next;
      if (all[at] !== n) {
        ok = false; // the page changed since it was indexed
        return top;
      }
      const end = ends[at];
      f.next = end;
      if (skipsIn(at, at + 1)) continue;
      if (skipsIn(at + 1, end)) {
        const own = make(n, false) as Element;
        f.own.appendChild(own);
        stack.push({ own, pos: at, n: n.firstChild, next: at + 1 });
        continue;
      }
      const whole = make(n, true) as Element;
      f.own.appendChild(whole);
      copies[at] = whole;
      const inner = elementsInOrder(whole);
      if (inner.length !== end - at - 1) {
        ok = false;
        return top;
      }
      for (let k = 0; k < inner.length; k++) copies[at + 1 + k] = inner[k];
    }
    return top;
  };
  const htmlCopy = make(html, false) as Element;
  for (let n = html.firstChild; n; n = n.nextSibling) htmlCopy.appendChild(n === body ? copyOf(body) : make(n, true));
  if (!ok) return null;
  if (clone) {
    clone.replaceChild(htmlCopy, clone.documentElement);
    if (clone.head && !clone.querySelector('base[href]')) {
      const base = clone.createElement('base');
      base.setAttribute('href', doc.baseURI);
      clone.head.prepend(base);
    }
  } else {
    clone = doc.cloneNode(false) as Document;
    clone.appendChild(htmlCopy);
  }
  return clone.body ? { clone, copies } : null;
}

/** A script Readability reads: the page's JSON-LD metadata (title, byline, publisher), typed as it asks. */
function isJsonLd(script: Element): boolean {
  return script.getAttribute('type') === 'application/ld+json';
}

/**
 * The page's main run of prose: the element whose `<p>` children hold the most written text (each
 * at least MIN_PROSE_CHARS, mostly not links), with that text's length.
 */
function proseHome(index: PageIndex): { home: Element | null; chars: number } {
  const tally = new Map<Element, number>();
  let home: Element | null = null;
  let chars = 0;
  for (const el of index.all) {
    const st = index.stats.get(el);
    if (!st || st.tag !== 'P' || st.len < MIN_PROSE_CHARS || st.linkLen > st.len * MAX_PROSE_LINK_DENSITY) continue;
    const parent = el.parentElement;
    if (!parent) continue;
    const n = (tally.get(parent) ?? 0) + st.len;
    tally.set(parent, n);
    if (n > chars) [home, chars] = [parent, n];
  }
  return { home, chars };
}

/**
 * Positions (in `index.all`) of the wrappers around `home` that Readability drops by their name
 * alone, named like a sidebar or a header (`sidebar-layout`, `header-wrapper`): with them
 * its strictest attempt loses the article's whole body and keeps whatever short text is left.
 */
function misnamedWrappers(index: PageIndex, home: Element, body: Element): number[] {
  const suspects = new Set<Element>();
  for (let a: Element | null = home; a && a !== body; a = a.parentElement) {
    const name = index.stats.get(a)?.name ?? '';
    if (UNLIKELY_NAME.test(name) && !LIKELY_NAME.test(name)) suspects.add(a);
  }
  const out: number[] = [];
  if (suspects.size) index.all.forEach((el, i) => suspects.has(el) && out.push(i));
  return out;
}

/** Whether Readability's article holds (a copy of) one of the live element's paragraphs. */
function holdsRun(content: Element | null | undefined, liveOf: (el: Element) => Element | undefined, home: Element): boolean {
  if (!content) return false;
  for (const p of Array.from(content.getElementsByTagName('p'))) if (liveOf(p)?.parentElement === home) return true;
  return false;
}

/** The run of prose sits in an <aside>: what goes beside an article. */
function besideArticle(home: Element): boolean {
  return !!home.closest('aside');
}

/** Characters of prose (see MIN_PROSE_CHARS) in Readability's article. */
function proseLength(content: Element | null | undefined): number {
  let n = 0;
  for (const p of content ? Array.from(content.getElementsByTagName('p')) : []) {
    const len = collapsedLength(p.textContent ?? '');
    if (len >= MIN_PROSE_CHARS && linkDensity(p, len) <= MAX_PROSE_LINK_DENSITY) n += len;
  }
  return n;
}

/** The live element Readability took for the article: its page element's, or its first traced child's. */
function pickOf(content: Element | null | undefined, liveOf: (el: Element) => Element | undefined): Element | undefined {
  const page = content?.querySelector('#readability-page-1');
  if (!page) return undefined;
  const own = liveOf(page);
  if (own) return own;
  for (const c of Array.from(page.children)) {
    const l = liveOf(c);
    if (l) return l;
  }
  return undefined;
}

/** Takes the words Readability reads as "unlikely" out of a copy's class and id. */
function unlikelyNameOff(el: Element): void {
  const cls = el.getAttribute('class');
  if (cls)
    el.setAttribute(
      'class',
      cls
        .split(/\s+/)
        .filter((c) => !UNLIKELY_NAME.test(c))
        .join(' '),
    );
  if (UNLIKELY_NAME.test(el.getAttribute('id') ?? '')) el.removeAttribute('id');
}

/**
 * Runs Readability on a clone with chrome removed and returns its article and a way back to the
 * live elements. The first attempt maps by node identity (Readability moves the clone's own nodes
 * into its article). If Readability had to retry, it re-parsed the page from HTML and identity is
 * lost; then it runs once more on a clone whose elements carry their index as an attribute.
 */
function runReadability(
  doc: Document,
  index: PageIndex,
  wrappers: readonly number[] = [],
  charThreshold = CHAR_THRESHOLD,
  drop?: Element,
): { parsed: Parsed; liveOf: (el: Element) => Element | undefined } {
  const live = index.all;
  const prepare = (mark: boolean) => {
    // Chrome that is never the article (navigation, dialogs, hidden elements) is left out of the
    // copy: Readability cannot pick a menu as the article, nor carry a consent dialog into it.
    // So are scripts, which Readability takes out before it reads (all but JSON-LD, which it reads).
    const skip = [...index.neverArticle, ...index.scripts.filter((i) => !isJsonLd(live[i]))];
    if (drop && live.indexOf(drop) >= 0) skip.push(live.indexOf(drop));
    const made = copyForReadability(doc, index, skip);
    if (!made) return null; // a copy that differs cannot be mapped back
    const { clone, copies } = made;
    const back = new Map<Element, Element>();
    for (let i = 0; i < copies.length; i++) {
      const c = copies[i];
      if (!c) continue;
      if (mark) c.setAttribute(INDEX_ATTR, String(i));
      else back.set(c, live[i]);
    }
    for (const i of wrappers) if (copies[i]) unlikelyNameOff(copies[i]!);
    // Readability drops what is hidden from assistive tech; a paragraph so marked is still on the page.
    for (let i = 0; i < copies.length; i++) {
      const c = copies[i];
      if (c && index.stats.get(live[i])?.tag === 'P' && c.getAttribute('aria-hidden') === 'true') c.removeAttribute('aria-hidden');
    }
    return { clone, back };
  };
  const first = prepare(false);
  if (!first) return { parsed: null, liveOf: () => undefined };
  // Readability swaps a div for a new <p> when the div holds only text, and a <font> for a <span>:
  // remember which element each replacement stands for, so identity still leads back.
  const replaced = new Map<Element, Element>();
  const onReplace = (made: Element, node: Element) => replaced.set(made, replaced.get(node) ?? node);
  const reader = newReader(first.clone, charThreshold, onReplace);
  copyAgainOnRetry(reader, first.clone, () => {
    const again = prepare(false);
    if (!again?.clone.body) return null;
    prepareLikeReadability(newReader(again.clone, charThreshold, onReplace), again.clone);
    for (const [c, l] of again.back) first.back.set(c, l);
    return again.clone.body;
  });
  const parsed = reader.parse();
  const content = parsed?.content;
  const byIdentity = (el: Element) => first.back.get(replaced.get(el) ?? el);
  if (!content) return { parsed, liveOf: byIdentity };
  for (const el of Array.from(content.querySelectorAll('*'))) if (byIdentity(el)) return { parsed, liveOf: byIdentity };

  const second = prepare(true)!;
  const again = newReader(second.clone, charThreshold).parse();
  return {
    parsed: again,
    liveOf: (el) => {
      const i = el.getAttribute(INDEX_ATTR);
      return i === null ? undefined : live[Number(i)];
    },
  };
}

/**
 * Readability also makes new elements: a div holding only text becomes a new <p> that takes the
 * text over. Such an element is traced through its nearest traced ancestor: among that live
 * element's children, the one with the same text.
 */
function withTextFallback(liveOf: (el: Element) => Element | undefined): (el: Element) => Element | undefined {
  const cache = new Map<Element, Element | undefined>();
  const childTexts = new Map<Element, Map<string, Element>>();
  return (el) => {
    const direct = liveOf(el);
    if (direct) return direct;
    if (cache.has(el)) return cache.get(el);
    let found: Element | undefined;
    let up = el.parentElement;
    while (up && !liveOf(up)) up = up.parentElement;
    const parent = up && liveOf(up);
    const text = collapse(el.textContent ?? '');
    if (parent && text) {
      // The children's texts are read once per parent: reading them again for every new element
      // was quadratic (2,000 text-only divs in one container took 1.7 s under linkedom).
      let texts = childTexts.get(parent);
      if (!texts) {
        texts = new Map();
        for (const c of Array.from(parent.children)) {
          const t = collapse(c.textContent ?? '');
          if (!texts.has(t)) texts.set(t, c);
        }
        childTexts.set(parent, texts);
      }
      found = texts.get(text);
    }
    cache.set(el, found);
    return found;
  };
}

export function readArticle(doc: Document, index: PageIndex = indexPage(doc.body)): ArticleInfo {
  if (!doc.body) return emptyArticle(doc.title ?? '');
  let { parsed, liveOf } = runReadability(doc, index);
  // Readability's article that misses the page's main run of prose, when that run holds more prose
  // than the whole article, went wrong. Cut short by a wrapper's name: once more without those
  // names. Else by its cleaning (photo-heavy or comma-poor blocks): once more with its threshold at
  // the run's length, so that its looser attempts go on until one holds that much text. Else it
  // preferred another block (a disclosure box, a table of names): once more without that block.
  const { home, chars } = proseHome(index);
  // (`holds` first: on most pages it answers at the article's first paragraph; `proseLength` reads them all.)
  if (home && chars >= MIN_ARTICLE_CHARS && !holdsRun(parsed?.content, liveOf, home) && chars > proseLength(parsed?.content)) {
    const wrappers = misnamedWrappers(index, home, doc.body);
    const pick = pickOf(parsed?.content, liveOf);
    const attempts: (() => ReturnType<typeof runReadability>)[] = [
      ...(wrappers.length ? [() => runReadability(doc, index, wrappers)] : []),
      () => runReadability(doc, index, wrappers, chars),
      ...(pick && !pick.contains(home) && pick !== doc.body && !besideArticle(home) ? [() => runReadability(doc, index, wrappers, CHAR_THRESHOLD, pick)] : []),
    ];
    for (const attempt of attempts) {
      const again = attempt();
      if (holdsRun(again.parsed?.content, again.liveOf, home)) {
        ({ parsed, liveOf } = again);
        break;
      }
    }
  }

  // The page's <h1> and <title> are looked up only when Readability found no title: each is a walk.
  const h1Text = () => {
    const h1 = doc.querySelector('h1');
    return h1 ? textOf(h1) : '';
  };
  const info = emptyArticle(parsed?.title?.trim() || h1Text() || (doc.title ?? ''));
  info.byline = parsed?.byline?.trim() || null;
  info.liveOf = withTextFallback(liveOf);
  if (!parsed?.content) return info;
  info.found = true;
  info.content = parsed.content;
  const page = parsed.content.querySelector('#readability-page-1');
  // Readability either reuses its top candidate as the page element or wraps it in a new one.
  // Wrapped with siblings Readability appended: the top candidate is the child with most paragraphs.
  let top: Element | null = null;
  let topN = -1;
  for (const c of page ? Array.from(page.children) : []) {
    const n = c.getElementsByTagName('p').length;
    if (liveOf(c) && n > topN) [top, topN] = [c, n];
  }
  const trusted = (parsed.textContent ?? '').trim().length >= MIN_TRUSTED_ARTICLE_CHARS;
  if (trusted) {
    info.main = (page && (liveOf(page) ?? (top && liveOf(top)))) || null;
  }
  const extraOf = new Map<Element, Element>();
  if (info.main) {
    const represented = new Set<Element>();
    for (const el of Array.from(parsed.content.querySelectorAll('*'))) {
      const l = liveOf(el);
      if (l) represented.add(l);
    }
    // Added first, each ahead of what is there: the ingredients, then the lead before them.
    const ingredients = recipeIngredients(doc, index, represented);
    if (ingredients) copyFirst(page ?? parsed.content, ingredients, extraOf);
    const content = parsed.content;
    const lead = findLead(
      doc,
      index,
      info.main,
      () => collapse(content.textContent ?? ''),
      (el) => represented.has(el),
    );
    if (lead) {
      copyFirst(page ?? parsed.content, lead, extraOf);
      info.lead = lead;
    }
    if (extraOf.size) {
      const before = info.liveOf;
      info.liveOf = (el) => extraOf.get(el) ?? before(el);
    }
  }

  // Prose: paragraphs Readability kept that read as written text.
  const candidates: Element[] = [];
  for (const p of Array.from(parsed.content.getElementsByTagName('p'))) {
    const l = liveOf(p);
    if (!l) continue;
    const stat = index.stats.get(l);
    const len = stat ? stat.len : textOf(l).length;
    if (len >= MIN_PARAGRAPH_CHARS && trusted) info.paragraphs.add(l);
    const density = stat ? (len ? stat.linkLen / len : 0) : linkDensity(l, len);
    if (len < MIN_PROSE_CHARS || density > MAX_PROSE_LINK_DENSITY) continue;
    if (stat && SMALL_PRINT_CLASS.hint.test(stat.name) && nameWordsOf(stat.name).some((w) => hasWord(SMALL_PRINT_CLASS.words, w))) continue;
    candidates.push(l);
  }
  const perParent = new Map<Element, number>();
  for (const p of candidates) if (p.parentElement) perParent.set(p.parentElement, (perParent.get(p.parentElement) ?? 0) + 1);
  // Paragraphs beside a form (a sign-up box's blurb and disclaimer) are not the article's prose.
  // (An article body can hold such a box too; it is told apart by its longer run of paragraphs.)
  for (const [parent, n] of perParent) if (n < MIN_BODY_RUN && parent.querySelector('input, button, select, textarea')) perParent.set(parent, 0);
  // A lone paragraph still counts when it sits in wrappers of its own whose siblings hold prose too:
  // CNBC-style groups, a body with an ad slot between every paragraph (Postmedia: each paragraph in
  // a section of its own). `under` counts the candidates below each ancestor, LONE_WRAPPER_LEVELS up.
  const under = new Map<Element, number>();
  const own = new Map<Element, number>();
  for (const p of candidates) {
    if (p.parentElement) own.set(p.parentElement, (own.get(p.parentElement) ?? 0) + 1);
    for (let a = p.parentElement, i = 0; a && i <= LONE_WRAPPER_LEVELS; a = a.parentElement, i++) under.set(a, (under.get(a) ?? 0) + 1);
  }
  /** The element whose children wrap one paragraph each, with their number, for a lone paragraph. */
  const groupOf = (p: Element): { holder: Element; count: number } | null => {
    let w = p.parentElement!;
    for (let i = 1; i < LONE_WRAPPER_LEVELS && w.parentElement && under.get(w.parentElement) === 1; i++) w = w.parentElement;
    const g = w.parentElement;
    // Paragraphs right under g are a run of their own, not wrapped ones (a text page's lone aside).
    const count = g ? (under.get(g) ?? 0) - (own.get(g) ?? 0) : 0;
    if (!g || count < MIN_PROSE_RUN + 1) return null;
    for (let a: Element | null = p.parentElement; a && a !== g; a = a.parentElement) if (isCardLike(a)) return null;
    return { holder: g, count };
  };
  let best: Element | null = null;
  let bestN = 0;
  for (const p of candidates) {
    const parent = p.parentElement;
    if (!parent) continue;
    const n = perParent.get(parent) ?? 0;
    if (n === 0) continue;
    const group = n === 1 ? groupOf(p) : null;
    if (n >= MIN_PROSE_RUN || group) {
      info.prose.add(p);
      info.proseChars += textOf(p).length;
      const holder = n >= MIN_PROSE_RUN ? parent : group!.holder;
      const count = n >= MIN_PROSE_RUN ? n : group!.count;
      if (count > bestN) {
        best = holder;
        bestN = count;
      }
    }
  }
  info.root = best;
  return info;
}

/** Puts a copy of a live element first in Readability's article, and notes which live element each copied element stands for. */
function copyFirst(target: Element, live: Element, liveOfCopy: Map<Element, Element>): void {
  const copy = live.cloneNode(true) as Element;
  target.prepend(copy);
  const copies = [copy, ...elementsInOrder(copy)];
  const lives = [live, ...elementsInOrder(live)];
  for (let i = 0; i < copies.length && i < lives.length; i++) liveOfCopy.set(copies[i], lives[i]);
}

/** A container with a heading or a link beside its one paragraph (a story card) is not a prose group. */
function isCardLike(el: Element): boolean {
  if (el.querySelector('h1,h2,h3,h4,h5,h6')) return true;
  for (const a of Array.from(el.getElementsByTagName('a'))) if (!a.closest('p')) return true;
  return false;
}
