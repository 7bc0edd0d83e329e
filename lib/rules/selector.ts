/**
 * Stable, readable CSS selectors for page elements: what the learning tool writes into site rules
 * and what "Hide blocks like this" proposes. A selector is built from what a site's template
 * keeps from page to page (class names, a few attributes, tag structure), never from positions
 * (no :nth-child chains) or from names a build tool generates (hashes, numeric ids).
 *
 * Pure DOM code: runs in the browser and under linkedom.
 */

/** Longest class name or id worth a selector: longer ones are mostly generated. */
const MAX_NAME_LENGTH = 48;
/** A run of this many digits marks a name as generated or per-page (`post-48213`, `ad-slot-300250`). */
const MAX_DIGIT_RUN = 2;
/** Attributes whose value names a template part, in order of preference. */
const STABLE_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-component', 'data-module', 'data-type', 'data-role', 'itemprop', 'role'];
/** Longest attribute value used in a selector. */
const MAX_ATTRIBUTE_VALUE = 40;

/** Our own attributes and classes: never part of a learned selector. */
const OWN = /^(?:data-)?declutter/i;

/**
 * Class names of CSS-in-JS and CSS modules (`css-1x2y3z`, `sc-bdVaJa`, `jsx-2345`,
 * `Card_box__a1B2c`, `_3xk9F`), and state classes that come and go (`is-open`, `active`).
 */
const GENERATED_CLASS = [
  /^(?:css|jsx|sc|emotion|styled|svelte|astro|tw)-/i,
  /^[A-Za-z0-9]+_[A-Za-z0-9]+__(?=[\w-]*[0-9A-Z])[\w-]{5,}$/, // CSS modules: Name_local__a1B2c (BEM's block__element passes)
  /^_[A-Za-z0-9]{4,}$/,
  /^[a-z]{1,3}[A-Z0-9][A-Za-z0-9]{3,7}$/, // short hashes: eKpQzF, aB12cd
  /[0-9a-f]{6,}/i, // a hex run
];
const STATE_CLASS = /^(?:is-|has-|js-|active$|open$|closed$|selected$|visible$|hover$|focus|collapsed$|expanded$|loaded$|lazy)/i;
/** A styled-components hash class (`kdvWjb`, `hfnwMY`, `bZSLBf`): a few letters of both cases … */
const SHORT_MIXED = /^(?=[A-Za-z]*[a-z])(?=[A-Za-z]*[A-Z])[A-Za-z]{5,7}$/;
/** … with at most this many vowels (a word has more: `navBar`, `adSlot`, `ctaBox`) … */
const MAX_HASH_VOWELS = 1;
/** … or at least this many capitals (a camelCase name of that length has one or two). */
const MIN_HASH_CAPITALS = 3;

/** A short name of random letters: what styled-components and similar tools give an element. */
function looksHashed(name: string): boolean {
  if (!SHORT_MIXED.test(name)) return false;
  const vowels = name.replace(/[^aeiou]/gi, '').length;
  const capitals = name.replace(/[^A-Z]/g, '').length;
  return vowels <= MAX_HASH_VOWELS || capitals >= MIN_HASH_CAPITALS;
}

function digitRun(s: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    run = c >= 48 && c <= 57 ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** A class name a site's template keeps from page to page. */
export function isStableClass(name: string): boolean {
  if (!name || name.length > MAX_NAME_LENGTH || OWN.test(name)) return false;
  if (!/^[A-Za-z_-][A-Za-z0-9_-]*$/.test(name)) return false;
  if (digitRun(name) > MAX_DIGIT_RUN) return false;
  if (STATE_CLASS.test(name)) return false;
  return !looksHashed(name) && !GENERATED_CLASS.some((re) => re.test(name));
}

/** An id that names a template part (`sidebar-moreStories`), not one page's item (`post-48213`, a UUID). */
export function isStableId(id: string): boolean {
  return isStableClass(id) && digitRun(id) === 0;
}

/** CSS identifier escaping for the names `isStableClass` accepts (CSS.escape is not in linkedom). */
export function cssIdent(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, (c) => `\\${c}`).replace(/^(-?)(\d)/, (_, dash: string, d: string) => `${dash}\\3${d} `);
}

function cssString(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** The stable classes of an element, in document order, without repeats. */
export function stableClasses(el: Element): string[] {
  const raw = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
  return [...new Set(raw.filter(isStableClass))];
}

/**
 * Simple selectors for one element on its own, most telling first: its id, each stable class
 * (tag-qualified when the tag is not a plain div/span), stable attributes, then the bare tag.
 */
export function simpleSelectors(el: Element): string[] {
  const tag = el.tagName.toLowerCase();
  const plain = tag === 'div' || tag === 'span';
  const out: string[] = [];
  const id = el.getAttribute('id');
  if (id && isStableId(id)) out.push(`#${cssIdent(id)}`);
  for (const c of stableClasses(el)) out.push(plain ? `.${cssIdent(c)}` : `${tag}.${cssIdent(c)}`);
  for (const name of STABLE_ATTRIBUTES) {
    const v = el.getAttribute(name);
    if (v === null) continue;
    const value = v.trim();
    if (!value || value.length > MAX_ATTRIBUTE_VALUE || digitRun(value) > MAX_DIGIT_RUN || /[\n\r]/.test(value)) continue;
    out.push(`${plain ? '' : tag}[${name}=${cssString(value)}]`);
  }
  if (!plain && !['p', 'a', 'li', 'img', 'h2', 'h3', 'h4'].includes(tag)) out.push(tag);
  return [...new Set(out)];
}

/** How many elements of a document a selector matches (0 for an invalid selector). */
export function countMatches(doc: Document | Element, selector: string): number {
  try {
    return doc.querySelectorAll(selector).length;
  } catch {
    return 0;
  }
}

export interface SelectorOptions {
  /** Elements a proposal must not match or contain (article paragraphs). */
  avoid?: (matched: Element) => boolean;
  /** Ancestors searched for context when the element's own selectors are too broad. */
  maxAncestors?: number;
  /** A selector matching more elements than this is too broad to propose. */
  maxMatches?: number;
}

export interface Proposal {
  selector: string;
  /** Elements it matches in the document it was proposed in. */
  matches: number;
}

/** Ancestors looked at for a context selector: a template's box is rarely deeper than this. */
const MAX_CONTEXT_ANCESTORS = 6;
/** Tags that name a part of a page well enough to serve as context on their own. */
const LANDMARKS = new Set(['article', 'aside', 'footer', 'header', 'main', 'nav', 'form']);
/** More matches than this means the selector names a common part of the page, not one kind of box. */
const MAX_PROPOSAL_MATCHES = 40;

function matchesOk(doc: Document, selector: string, el: Element, opts: SelectorOptions): number {
  let list: Element[];
  try {
    list = [...doc.querySelectorAll(selector)];
  } catch {
    return 0;
  }
  if (!list.includes(el) || list.length > (opts.maxMatches ?? MAX_PROPOSAL_MATCHES)) return 0;
  if (opts.avoid && list.some(opts.avoid)) return 0;
  return list.length;
}

/**
 * Selectors that match `el` (and blocks like it), readable first: the element's own simple
 * selectors, then each of those under a stable ancestor (`.l-article__text .c-tabs`). Each
 * proposal is checked against the document: it matches `el`, not too many elements, and nothing
 * `avoid` refuses.
 */
export function proposeSelectors(el: Element, opts: SelectorOptions = {}): Proposal[] {
  const doc = el.ownerDocument;
  const out: Proposal[] = [];
  const { own, context } = selectorCandidates(el, opts.maxAncestors);
  for (const selector of [...own, ...context]) {
    const matches = matchesOk(doc, selector, el, opts);
    if (matches > 0) out.push({ selector, matches });
  }
  return out;
}

/**
 * The selectors `proposeSelectors` tries for `el`, unchecked and without repeats, readable first:
 * `own` names the element alone (its simple selectors, then its first two classes together),
 * `context` puts one of those under a stable ancestor or a landmark (`.l-article__text .c-tabs`).
 * For callers that check them elsewhere (against several pages, say).
 */
export function selectorCandidates(el: Element, maxAncestors = MAX_CONTEXT_ANCESTORS): { own: string[]; context: string[] } {
  const simple = simpleSelectors(el);
  const own = [...simple];
  if (simple.length > 1 && simple.every((s) => s.startsWith('.'))) own.push(simple.slice(0, 2).join(''));
  const context: string[] = [];
  let anc = el.parentElement;
  for (let i = 0; anc && i < maxAncestors; i++, anc = anc.parentElement) {
    if (anc.tagName === 'BODY' || anc.tagName === 'HTML') break;
    const ctx = simpleSelectors(anc).filter((s) => /[#.[]/.test(s) || LANDMARKS.has(s));
    for (const c of ctx.slice(0, 2)) for (const s of simple.slice(0, 3)) context.push(`${c} ${s}`);
  }
  const seen = new Set(own);
  return { own: [...seen], context: [...new Set(context)].filter((s) => !seen.has(s)) };
}

/** The best proposal for `el`, or null when nothing stable and safe names it. */
export function proposeSelector(el: Element, opts: SelectorOptions = {}): Proposal | null {
  return proposeSelectors(el, opts)[0] ?? null;
}
