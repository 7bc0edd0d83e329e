/**
 * The early style on the page: the user's plain-CSS rules and the site's learned rules in force
 * while the page parses, before it paints (the browser puts the built-in rules in by itself:
 * lib/engine/apply/site-style.ts). The document_start content script (entrypoints/early.content.ts)
 * reads its site's stored selectors (lib/extension/storage/early.ts) and puts in one <style>;
 * the document_end content script takes over: its own stylesheet holds the same rules with the
 * user's keeps and the engine's refusals applied, and it removes the early one (`takeOverEarlyStyle`),
 * on a site that is off too. The page is then as the content script alone would leave it.
 *
 * Why removal and not LIVE_ATTR (which turns the built-in files off): the content script sets
 * LIVE_ATTR as it starts, before it has read the user's rules; the early rules would stand down
 * for the time of that read, and their blocks flash. It removes the early style in the same task
 * that puts its own stylesheet in.
 *
 * The two content scripts of an extension share one JavaScript world in a frame (Chromium's
 * isolated world, Firefox's sandbox), which the page's scripts cannot reach: the <style> is handed
 * over there, by identity, never looked up by id (a page may use the id for an element of its own).
 *
 * Imports constants only: the document_start script's bundle must stay tiny.
 */
import { SHOW_ATTR } from '../../engine/apply/hide';
import { KEEP_ATTR } from '../../engine/apply/site-style';

export const EARLY_STYLE_ID = 'declutter-early-style';

/**
 * Where the early <style> waits for the content script, in the extension's own world: the element,
 * or null once the content script has taken over (then none is put in any more).
 */
const HANDLE = Symbol.for('declutter-news.early-style');
type World = { [HANDLE]?: HTMLStyleElement | null };

/** One selector's rule: as `siteStylesheet`'s, so a kept block (and what it holds) or a shown one never hides. */
export function earlyRule(selector: string): string {
  return `:is(${selector}):not([${KEEP_ATTR}], [${KEEP_ATTR}] *, [${SHOW_ATTR}]){display:none!important}`;
}

/**
 * Puts the early style in, unless the content script has taken over already (on a fast page the
 * read may come back after the page was parsed: until the content script has read the settings
 * and rules, the early style still serves). Each selector is its own rule, added through the
 * CSSOM: one the browser cannot parse is dropped alone, and none can swallow the next. Into <head>,
 * else <html>, as the content script's own stylesheet. Returns the element, or null.
 */
export function putEarlyStyle(doc: Document, selectors: readonly string[], world: object = globalThis): HTMLStyleElement | null {
  const w = world as World;
  if (selectors.length === 0 || HANDLE in w) return null;
  const parent = doc.head ?? doc.documentElement;
  if (!parent) return null;
  const style = doc.createElement('style');
  style.id = EARLY_STYLE_ID;
  parent.appendChild(style);
  const sheet = style.sheet;
  let rules = 0;
  for (const sel of selectors) {
    try {
      sheet?.insertRule(earlyRule(sel), rules);
      rules++;
    } catch {
      // not a selector this browser takes: the content script reports it
    }
  }
  if (rules === 0) {
    style.remove();
    return null;
  }
  w[HANDLE] = style;
  return style;
}

/**
 * The content script takes over: the early style goes (its rules are in the content script's own
 * stylesheet now, or the site is off), and none is put in after. Returns whether there was one.
 */
export function takeOverEarlyStyle(world: object = globalThis): boolean {
  const w = world as World;
  const style = w[HANDLE];
  w[HANDLE] = null;
  style?.remove();
  return !!style;
}
