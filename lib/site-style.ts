/**
 * The early stylesheet: a site's rule selectors as CSS, put in the page at document_start so the
 * blocks they name never paint. It is built synchronously from the bundled site rules.
 *
 * Each rule is undoable per block: an element the user kept (or the engine refused, because it
 * holds article text) gets KEEP_ATTR and shows again, with everything inside it; a block shown for
 * a moment from the popup carries SHOW_ATTR. The stylesheet is one <style> element, removed whole
 * when the site is turned off.
 */
import { SHOW_ATTR } from './hide';
import { rulesForHost } from './rules';
import type { SiteRules } from './types';

export const SITE_STYLE_ID = 'declutter-site-style';
/** Set on an element a site rule names that must stay visible (kept by the user, or refused). */
export const KEEP_ATTR = 'data-declutter-keep';

/** Selectors of the site rules for a host, each checked to parse; `:has-text()` rules left out. */
export function siteSelectors(host: string, sites: readonly SiteRules[], isValid?: (selector: string) => boolean): string[] {
  const out: string[] = [];
  for (const site of rulesForHost(host, sites)) {
    for (const rule of site.rules) {
      if (rule.hasText !== undefined) continue; // CSS cannot test text: the engine applies it at DOM ready
      const sel = rule.selector.trim();
      if (!sel || /[{}]/.test(sel) || sel.includes('/*')) continue; // a selector, not a block of CSS
      if (isValid && !isValid(sel)) continue;
      if (!out.includes(sel)) out.push(sel);
    }
  }
  return out;
}

/** CSS hiding each selector's elements unless they (or an ancestor) are kept, or are shown. */
export function siteStylesheet(selectors: readonly string[]): string {
  return selectors
    .map((sel) => `:is(${sel}):not([${KEEP_ATTR}], [${KEEP_ATTR}] *, [${SHOW_ATTR}]){display:none!important}`)
    .join('\n');
}

/** A selector the document's engine can use; invalid ones would drop their whole CSS rule. */
export function selectorChecker(doc: Document): (selector: string) => boolean {
  const probe = doc.createDocumentFragment();
  return (selector) => {
    try {
      probe.querySelector(selector);
      return true;
    } catch {
      return false;
    }
  };
}

/** Stylesheets waiting for their document element. */
const pending = new WeakMap<Document, MutationObserver>();

/**
 * Puts the early stylesheet in the page: into <head> if there is one yet, else into <html>. Before
 * the document element exists (possible at document_start) it waits for it. Returns the element,
 * or null when the host has no rules.
 */
export function insertSiteStyle(doc: Document, host: string, sites: readonly SiteRules[]): HTMLStyleElement | null {
  const selectors = siteSelectors(host, sites, selectorChecker(doc));
  if (selectors.length === 0) return null;
  const existing = doc.getElementById(SITE_STYLE_ID);
  if (existing) return existing as HTMLStyleElement;
  const style = doc.createElement('style');
  style.id = SITE_STYLE_ID;
  style.textContent = siteStylesheet(selectors);
  const parent = doc.head ?? doc.documentElement;
  if (parent) {
    parent.appendChild(style);
  } else {
    const mo = new MutationObserver(() => {
      if (!doc.documentElement) return;
      mo.disconnect();
      pending.delete(doc);
      (doc.head ?? doc.documentElement).appendChild(style);
    });
    pending.set(doc, mo);
    mo.observe(doc, { childList: true });
  }
  return style;
}

/** Takes the early stylesheet and every keep mark away. */
export function removeSiteStyle(doc: Document): void {
  pending.get(doc)?.disconnect();
  pending.delete(doc);
  doc.getElementById(SITE_STYLE_ID)?.remove();
  for (const el of Array.from(doc.querySelectorAll(`[${KEEP_ATTR}]`))) el.removeAttribute(KEEP_ATTR);
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
