/**
 * The page model: one pass over the body gives every element in document order with what the
 * engine asks of it (text length, link text, class and id, the HAS_* flags of what it holds,
 * whether it sits in navigation or is never article text), so each question is O(1). Readability's
 * copy, the detectors and the learning tool all read the page through it.
 */
import { collapsedLength } from './dom';
import { HIDING_CLASS, SKIP_LINK } from '../vocab/page';

/** Flags for `has`: what an element holds somewhere inside (or is). */
export const HAS_LINK = 1;
export const HAS_HEADING = 2;
export const HAS_MEDIA = 4;
export const HAS_CONTROL = 8;
export const HAS_BLOCK = 16;
/** Line breaks, scripts, styles, images, fields: where textContent and the visible text differ. */
export const HAS_SPECIAL = 32;
/** Text that never shows: scripts, styles, an icon's svg (its <title>). */
export const HAS_UNSEEN_TEXT = 64;

const SKIP_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
/** A Map, not an object literal: this many keys make a slow dictionary look-up, once per element. */
const TAG_FLAGS = new Map<string, number>(
  Object.entries({
    H1: HAS_HEADING,
    H2: HAS_HEADING,
    H3: HAS_HEADING,
    H4: HAS_HEADING,
    H5: HAS_HEADING,
    H6: HAS_HEADING,
    IMG: HAS_MEDIA | HAS_SPECIAL,
    PICTURE: HAS_MEDIA,
    VIDEO: HAS_MEDIA,
    IFRAME: HAS_MEDIA | HAS_SPECIAL,
    INS: HAS_MEDIA,
    OBJECT: HAS_MEDIA | HAS_SPECIAL,
    EMBED: HAS_MEDIA,
    INPUT: HAS_CONTROL | HAS_SPECIAL,
    FORM: HAS_CONTROL | HAS_BLOCK,
    BUTTON: HAS_CONTROL | HAS_SPECIAL,
    SELECT: HAS_CONTROL | HAS_SPECIAL,
    TEXTAREA: HAS_CONTROL | HAS_SPECIAL,
    P: HAS_BLOCK,
    DIV: HAS_BLOCK,
    UL: HAS_BLOCK,
    OL: HAS_BLOCK,
    LI: HAS_BLOCK,
    SECTION: HAS_BLOCK,
    ARTICLE: HAS_BLOCK,
    FIGURE: HAS_BLOCK,
    FIGCAPTION: HAS_BLOCK,
    TABLE: HAS_BLOCK,
    BLOCKQUOTE: HAS_BLOCK,
    BR: HAS_SPECIAL,
    SCRIPT: HAS_SPECIAL | HAS_UNSEEN_TEXT,
    STYLE: HAS_SPECIAL | HAS_UNSEEN_TEXT,
    NOSCRIPT: HAS_SPECIAL | HAS_UNSEEN_TEXT,
    TEMPLATE: HAS_SPECIAL | HAS_UNSEEN_TEXT,
    svg: HAS_SPECIAL | HAS_UNSEEN_TEXT,
    SVG: HAS_SPECIAL | HAS_UNSEEN_TEXT,
    LABEL: HAS_SPECIAL,
    OPTION: HAS_SPECIAL,
    TD: HAS_SPECIAL,
    TH: HAS_SPECIAL,
    TR: HAS_SPECIAL,
  }),
);
const CHROME_TAGS = new Set(['NAV', 'FOOTER']);
const CHROME_ROLES = new Set(['navigation', 'contentinfo', 'banner']);

interface Stat {
  len: number;
  linkLen: number;
  links: number;
  /** HAS_* flags of the element's descendants (not itself). */
  inner: number;
  /** HAS_* flags of the element itself. */
  self: number;
  chrome: boolean;
  /** Raw class and id. */
  name: string;
  /** Inside a script, style or template: no visible text. */
  mute: boolean;
  /** `tagName`, read once (under linkedom every read upper-cases the name anew). */
  tag: string;
}

/** One pass over the body: every element in order, with its text statistics. */
export interface PageIndex {
  all: Element[];
  stats: Map<Element, Stat>;
  /** Positions in `all` of elements that are never article text (see NEVER_ARTICLE_TAGS). */
  neverArticle: number[];
  /** Depth of each element of `all` below the body (a child of the body is 1). */
  depths: number[];
  /** Positions in `all` of the `<script>` elements. */
  scripts: number[];
  /** For each element of `all`, the position just past its last descendant: its subtree is `all[i .. ends[i])`. */
  ends: number[];
  /** The deepest element's depth (0 for an empty body). */
  maxDepth: number;
}

/**
 * Detectors look at elements this deep at most. Blink's HTML parser stops nesting at 512 levels, so
 * only script-built pages go deeper; there, questions detectors ask of every element (its text, its
 * ancestors) cost O(depth) each, and a 10,000-level page would take seconds (see
 * scripts/bench-pathological.ts). Deeper elements are still counted in their ancestors' text.
 */
export const MAX_DEPTH = 512;

/** A site header, footer or form holds a small part of the page's text; more, and it wraps the content. */
export const MAX_CHROME_SHARE = 0.3;
const WRAPPING_TAGS = new Set(['HEADER', 'FOOTER', 'FORM']);
const hiddenByClass = (el: Element) => HIDING_CLASS.re.test(el.getAttribute('class') ?? '');
const isSkipLink = (el: Element, tag: string, c: string | null, id: string | null) =>
  tag === 'A' && (el.getAttribute('href') ?? '').startsWith('#') && SKIP_LINK.re.test(`${c ?? ''} ${id ?? ''}`);

/**
 * Never article text, left out of the copy Readability reads: navigation, dialogs (cookie consent,
 * sign-in), elements the markup hides, the site's masthead and footer, forms (comments, search,
 * sign-up), icons (svg), buttons, menus, frames, and the fallback text of video players and canvases
 * ("To view this video please enable JavaScript"), which browsers never show (an audio element's
 * fallback is kept: on a podcast page it is the episode's download link). Readability then
 * has less to score and cannot pick any of them as the article.
 */
const NEVER_ARTICLE_TAGS = new Set(['NAV', 'DIALOG', 'svg', 'SVG', 'BUTTON', 'SELECT', 'TEMPLATE', 'IFRAME', 'STYLE', 'LINK', 'META', 'VIDEO', 'CANVAS']);
const NEVER_ARTICLE_ROLES = new Set(['navigation', 'dialog', 'alertdialog']);
/**
 * Class names that hide an element by the usual stylesheets (page.hiding.class): paywall variants a
 * script picks from, screen-reader labels ("Advertisement", "Article content"). Like the wrapping
 * tags, such an element holding much of the page is kept: a script may reveal it.
 */

/**
 * Elements under `root` in document order, by walking `children` (the same walk as `indexPage`,
 * so a clone's list lines up with the live page's index by position).
 */
export function elementsInOrder(root: Element): Element[] {
  // Down to the first child, else on to the next sibling of the nearest ancestor that has one:
  // no `children` list is built (under linkedom each one is a fresh array).
  const out: Element[] = [];
  let el = root.firstElementChild;
  while (el) {
    out.push(el);
    let next = el.firstElementChild;
    for (let up: Element | null = el; !next && up && up !== root; up = up.parentElement) next = up.nextElementSibling;
    el = next;
  }
  return out;
}

/** The walk's inherited state, one bit each (see indexPage); the depth sits above them. */
const IN_CHROME = 1;
const IN_LINK = 2;
const IN_MAIN = 4;
const IN_NEVER = 8;
const IN_MUTE = 16;
const DEPTH_SHIFT = 5;

export function indexPage(body: HTMLElement): PageIndex {
  const stats = new Map<Element, Stat>();
  const all: Element[] = [];
  const neverArticle: number[] = [];
  const scripts: number[] = [];
  const depths: number[] = [];
  let maxDepth = 0;
  // Per position in `all`: the element's Stat and its parent's position (-1 for the body), so the
  // sweep up the tree needs no parentElement and no map look-up.
  const statAt: Stat[] = [];
  const parentAt: number[] = [];
  let bodyStat: Stat | undefined;

  // Iterative (deep pages must not overflow the stack): pre-order to list elements and mark
  // chrome, then a reverse sweep to add text lengths up the tree. The stack holds each element
  // with its inherited state packed in a number (no object per element: a page has thousands).
  const stack: Element[] = [body];
  const stackState: number[] = [0];
  const stackParent: number[] = [-1];
  while (stack.length) {
    const el = stack.pop()!;
    const state = stackState.pop()!;
    const parentPos = stackParent.pop()!;
    const depth = state >>> DEPTH_SHIFT;
    const tag = el.tagName;
    // Attributes are read once each; an element without any (most <p>, <li>, <span>) skips them all.
    const attrs = el.hasAttributes();
    const role = (attrs && el.getAttribute('role')) || '';
    const c = attrs ? el.getAttribute('class') : null;
    const id = attrs ? el.getAttribute('id') : null;
    const main = (state & IN_MAIN) !== 0 || tag === 'MAIN' || tag === 'ARTICLE' || role === 'main';
    // A <header> outside the main content is the site's masthead; inside it, the article's header.
    // (A paragraph hidden from assistive tech only, `<p aria-hidden="true">` behind a paywall script, is still shown.)
    const isChrome = (state & IN_CHROME) !== 0 || CHROME_TAGS.has(tag) || CHROME_ROLES.has(role) || (tag === 'HEADER' && !main);
    const link = (state & IN_LINK) !== 0 || tag === 'A';
    const never = (state & IN_NEVER) !== 0;
    const isNever =
      !never &&
      el !== body &&
      (NEVER_ARTICLE_TAGS.has(tag) ||
        NEVER_ARTICLE_ROLES.has(role) ||
        tag === 'FORM' ||
        (attrs &&
          (el.hasAttribute('hidden') ||
            HIDING_CLASS.re.test(c ?? '') ||
            isSkipLink(el, tag, c, id) ||
            el.getAttribute('aria-modal') === 'true' ||
            (el.getAttribute('aria-hidden') === 'true' && tag !== 'P'))) ||
        (isChrome && (tag === 'HEADER' || tag === 'FOOTER')));
    const pos = all.length;
    if (el !== body) {
      if (isNever) neverArticle.push(pos);
      if (tag === 'SCRIPT') scripts.push(pos);
      all.push(el);
      depths.push(depth);
      parentAt.push(parentPos);
      if (depth > maxDepth) maxDepth = depth;
    }
    let len = 0;
    const silent = (state & IN_MUTE) !== 0 || SKIP_TEXT.has(tag); // script, style and their insides have no visible text
    // One walk over the child nodes: text lengths, and the element children for the stack
    // (pushed, then reversed in place so the first child is popped first).
    const childState =
      ((depth + 1) << DEPTH_SHIFT) |
      (isChrome ? IN_CHROME : 0) |
      (link ? IN_LINK : 0) |
      (main ? IN_MAIN : 0) |
      (never || isNever ? IN_NEVER : 0) |
      (silent ? IN_MUTE : 0);
    const childParent = el === body ? -1 : pos;
    const from = stack.length;
    for (let n = el.firstChild; n; n = n.nextSibling) {
      const type = n.nodeType;
      if (type === 1) {
        stack.push(n as Element);
        stackState.push(childState);
        stackParent.push(childParent);
      } else if (type === 3 && !silent) {
        len += collapsedLength(n.nodeValue ?? '');
      }
    }
    for (let i = from, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j], stack[i]];
    let self = TAG_FLAGS.get(tag) ?? 0;
    if (tag === 'A' && attrs && el.hasAttribute('href')) self |= HAS_LINK;
    if (role === 'heading') self |= HAS_HEADING;
    const name = c && id ? `${c} ${id}` : c || id || '';
    const stat: Stat = { len, linkLen: link ? len : 0, links: self & HAS_LINK ? 1 : 0, inner: 0, self, chrome: isChrome, name, mute: silent, tag };
    stats.set(el, stat);
    if (el === body) bodyStat = stat;
    else statAt.push(stat);
  }
  const ends = new Array<number>(all.length);
  for (let i = 0; i < all.length; i++) ends[i] = i + 1;
  for (let i = all.length - 1; i >= 0; i--) {
    const s = statAt[i];
    const pi = parentAt[i];
    if (pi >= 0 && ends[i] > ends[pi]) ends[pi] = ends[i];
    const ps = pi >= 0 ? statAt[pi] : bodyStat;
    if (ps) {
      ps.len += s.len;
      ps.linkLen += s.linkLen;
      ps.links += s.links;
      ps.inner |= s.inner | s.self;
    }
  }
  // A masthead, footer or form that holds much of the page wraps the article (broken markup, or a
  // page-wide form as some frameworks write): keep it.
  const bodyLen = stats.get(body)?.len ?? 0;
  const kept = neverArticle.filter((i) => {
    const el = all[i];
    return (!WRAPPING_TAGS.has(el.tagName) && !hiddenByClass(el)) || (stats.get(el)?.len ?? 0) <= bodyLen * MAX_CHROME_SHARE;
  });
  return { all, stats, neverArticle: kept, scripts, depths, ends, maxDepth };
}
