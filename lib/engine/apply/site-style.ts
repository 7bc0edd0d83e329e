/**
 * The early stylesheet: a site's rule selectors as CSS, so the blocks they name never paint.
 *
 * On a site with built-in rules the browser itself puts the site's stylesheet in at
 * document_start (one CSS file per site in the manifest, written at build time from the bundled
 * rules: `builtInStyleFiles`), so no script of ours runs while the page parses. It holds until the
 * content script starts at document_end: the content script marks <html> with LIVE_ATTR, which
 * turns the built-in file off, and puts its own <style> in instead — the same rules, with the
 * user's rules and exceptions applied (`insertSiteStyle`).
 *
 * Each rule is undoable per block: an element the user kept (or the engine refused, because it
 * holds article text) gets KEEP_ATTR and shows again, with everything inside it; a block shown for
 * a moment from the popup carries SHOW_ATTR. The content script's stylesheet is one <style>
 * element, removed whole when the site is turned off.
 */
import { SHOW_ATTR } from './hide';
import { MIN_PROSE_CHARS } from '../article/article';
import { selectorCost } from '../find/selector-cost';
import { matchPatterns, rulesForHost } from '../find/site-rules';
import { textStart } from '../page/dom';
import { namesOneOf, pageFrame } from '../page/frame';
import { ANY_SITE } from '../page/url';
import type { SiteRules } from '../types';

export const SITE_STYLE_ID = 'declutter-site-style';
/** Set on an element a site rule names that must stay visible (kept by the user, or refused). */
export const KEEP_ATTR = 'data-declutter-keep';

/**
 * Selectors of the site rules for a host, each checked to parse; `:has-text()` rules and selectors
 * too costly for the browser to match on every change (`selectorCost`) left out.
 */
export function siteSelectors(host: string, sites: readonly SiteRules[], isValid?: (selector: string) => boolean): string[] {
  const out: string[] = [];
  for (const site of rulesForHost(host, sites)) {
    for (const rule of site.rules) {
      if (rule.hasText !== undefined) continue; // CSS cannot test text: the engine applies it at DOM ready
      const sel = rule.selector.trim();
      if (!sel || /[{}]/.test(sel) || sel.includes('/*')) continue; // a selector, not a block of CSS
      if (selectorCost(sel)) continue; // the engine reports it
      if (isValid && !isValid(sel)) continue;
      if (!out.includes(sel)) out.push(sel);
    }
  }
  return out;
}

/** CSS hiding each selector's elements unless they (or an ancestor) are kept, or are shown. */
export function siteStylesheet(selectors: readonly string[], scope = ''): string {
  return selectors.map((sel) => `${scope}:is(${sel}):not([${KEEP_ATTR}], [${KEEP_ATTR}] *, [${SHOW_ATTR}]){display:none!important}`).join('\n');
}

/**
 * Set on <html> by the content script on a page of a site with built-in rules: from then on its
 * own stylesheet is the one in force, and the built-in file stands down.
 */
export const LIVE_ATTR = 'data-declutter-live';

/** A site's built-in stylesheet: a file of the extension the manifest puts in its pages at document_start. */
export interface BuiltInStyleFile {
  /** Path in the built extension. */
  file: string;
  /** The pages it goes in (the site and its subdomains). */
  matches: string[];
  css: string;
}

/**
 * The built-in stylesheets, one per site with plain-CSS rules. Each rule holds only while <html>
 * lacks LIVE_ATTR. A selector the browser cannot parse drops its own rule only (one per selector).
 */
export function builtInStyleFiles(sites: readonly SiteRules[]): BuiltInStyleFile[] {
  const out: BuiltInStyleFile[] = [];
  for (const site of sites) {
    if (site.host === ANY_SITE) continue; // every site's rules are the user's, never built in
    const selectors = siteSelectors(site.host, [site]);
    if (selectors.length === 0) continue;
    out.push({
      file: `content-scripts/sites/${site.host.toLowerCase()}.css`,
      matches: matchPatterns([site]),
      css: `/* ${site.host}: built-in rules (lib/sites), until the content script starts */\n${siteStylesheet(selectors, `html:not([${LIVE_ATTR}]) `)}\n`,
    });
  }
  return out;
}

/** Why a selector must stay out of the early stylesheet. */
export type SelectorRefusal = 'invalid' | 'costly' | 'whole-page';

/**
 * Why a selector must stay out of a page's stylesheet, or null: invalid ones would drop their whole
 * CSS rule, costly ones (`selectorCost`) would be matched again on every change to the page, and
 * one naming an element of `guard` would hide the whole page. `guard` is a plain page's frame
 * (html, head, body) by default; on a live page, its `pageSpine`.
 */
export function selectorRefusal(doc: Document, guard: readonly Element[] = pageFrame(doc)): (selector: string) => SelectorRefusal | null {
  const probe = doc.createDocumentFragment();
  return (selector) => {
    if (selectorCost(selector)) return 'costly';
    try {
      probe.querySelector(selector);
    } catch {
      return 'invalid';
    }
    return namesOneOf(selector, guard) ? 'whole-page' : null;
  };
}

/** A selector the early stylesheet can take (`selectorRefusal` finds nothing against it). */
export function selectorChecker(doc: Document, guard?: readonly Element[]): (selector: string) => boolean {
  const why = selectorRefusal(doc, guard);
  return (selector) => why(selector) === null;
}

/**
 * Most paragraphs `pageSpine` counts: enough to tell where an article is, and a bound on the walk
 * up from each of them on a page of thousands (it runs on the page's main thread as the content
 * script starts; `npm run -s bench:pathological` prints its time with and without the bound).
 */
export const MAX_SPINE_PARAGRAPHS = 2000;

/**
 * What the early stylesheet must never hide on a live page: a plain page's frame, the page's own
 * html, head and body (with their classes and places: `body.home`, `html.js > body`), and every
 * element holding half of the page's paragraphs or more: the article and all that wraps it. The
 * engine refuses to hide those, but the stylesheet would hide them until the engine's answer (a
 * blank page for a second or more). Paragraphs are <p> elements of prose length (MIN_PROSE_CHARS).
 */
export function pageSpine(doc: Document, maxParagraphs = MAX_SPINE_PARAGRAPHS): Element[] {
  const out = [...pageFrame(doc)];
  for (const el of [doc.documentElement, doc.head, doc.body]) if (el) out.push(el);
  const body = doc.body;
  if (!body) return out;
  const holding = new Map<Element, number>();
  let paragraphs = 0;
  const all = body.getElementsByTagName('p'); // live in a browser: read as far as needed
  for (let i = 0; i < all.length && paragraphs < maxParagraphs; i++) {
    const p = all[i];
    if (textStart(p, MIN_PROSE_CHARS).trim().length < MIN_PROSE_CHARS) continue; // never a whole paragraph's text
    paragraphs++;
    for (let a = p.parentElement; a && a !== body; a = a.parentElement) holding.set(a, (holding.get(a) ?? 0) + 1);
  }
  for (const [el, n] of holding) if (n * 2 >= paragraphs) out.push(el);
  return out;
}

/**
 * What the early stylesheet added to a document, known by identity: our <style> element, and each
 * element we marked with KEEP_ATTR (with the page's own value of it, if it had one). A page may
 * use our id or attribute itself: going by them, the page's element stood in for our stylesheet
 * (no early hiding), and turning off removed it. Only what is here is ever touched again.
 */
interface Added {
  style: HTMLStyleElement | null;
  kept: Map<Element, string | null>;
}
const added = new WeakMap<Document, Added>();

function addedTo(doc: Document): Added {
  let a = added.get(doc);
  if (!a) {
    a = { style: null, kept: new Map() };
    added.set(doc, a);
  }
  return a;
}

/**
 * Puts the early stylesheet for these selectors (`siteSelectors`, checked to parse) in the page:
 * into <head>, else into <html> (the content script starts once the DOM is parsed). Returns the
 * element, or null when there are no selectors or the document has no element to hold it.
 */
export function insertSiteStyle(doc: Document, selectors: readonly string[]): HTMLStyleElement | null {
  if (selectors.length === 0) return null;
  const a = addedTo(doc);
  if (a.style?.isConnected) return a.style;
  const style = doc.createElement('style');
  style.id = SITE_STYLE_ID;
  style.textContent = siteStylesheet(selectors);
  const parent = doc.head ?? doc.documentElement;
  if (!parent) return null;
  parent.appendChild(style);
  a.style = style;
  return style;
}

/** Marks an element a site rule names to show (kept, or refused); `value` is the kept block's id or ''. */
export function markKept(el: Element, value: string): void {
  const { kept } = addedTo(el.ownerDocument);
  if (!kept.has(el)) kept.set(el, el.getAttribute(KEEP_ATTR));
  el.setAttribute(KEEP_ATTR, value);
}

/** Takes our keep mark off an element (the page's own value of KEEP_ATTR, if it had one, comes back). */
export function unmarkKept(el: Element): void {
  const kept = added.get(el.ownerDocument)?.kept;
  if (!kept?.has(el)) return;
  const prior = kept.get(el)!;
  kept.delete(el);
  if (prior === null) el.removeAttribute(KEEP_ATTR);
  else el.setAttribute(KEEP_ATTR, prior);
}

/** Takes the early stylesheet and every keep mark of ours away. */
export function removeSiteStyle(doc: Document): void {
  const a = added.get(doc);
  if (!a) return;
  a.style?.remove();
  a.style = null;
  for (const el of [...a.kept.keys()]) unmarkKept(el);
}

/** Does an element match one of the selectors? */
export function matchesAny(el: Element, selectors: readonly string[]): boolean {
  for (const sel of selectors) {
    try {
      if (el.matches(sel)) return true;
    } catch {
      // skipped: checked when the stylesheet was built
    }
  }
  return false;
}
