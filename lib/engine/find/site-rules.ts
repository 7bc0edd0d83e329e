/**
 * Site rules matched to a page: which sites' rules apply to a host, and which elements a rule
 * names. Rules are plain data (lib/rules parses them); a bad rule is reported and skipped.
 */
import { namesOneOf, pageFrame } from '../page/frame';
import { ANY_SITE, hostMatches } from '../page/url';
import { SELECTOR_COST_MESSAGES, selectorCost } from './selector-cost';
import { textPattern } from './text-pattern';
import type { SiteRule, SiteRules } from '../types';

/**
 * Match patterns (for a content script's `matches`) of the pages the rules cover: `*://*.cnbc.com/*`
 * covers cnbc.com and its subdomains, as `hostMatches` does; rules for every site cover every page.
 */
export function matchPatterns(all: readonly SiteRules[]): string[] {
  if (all.some((s) => s.host === ANY_SITE)) return ['http://*/*', 'https://*/*'];
  return [...new Set(all.map((s) => `*://*.${s.host.toLowerCase()}/*`))];
}

export function rulesForHost(host: string, all: readonly SiteRules[]): SiteRules[] {
  return host ? all.filter((s) => hostMatches(s.host, host)) : [];
}

/**
 * Longest text a `:has-text()` test reads from one element: the words that tell a block (a label,
 * "Sponsored") come early, and a pattern written badly must not scan a whole page's text for
 * every element a broad selector names.
 */
export const MAX_TEXT_TESTED = 20_000;
/**
 * The test of a `:has-text()` argument: `/re/flags` is a regular expression, anything else plain
 * text found as written (case counts), as uBlock Origin reads it. A pattern is matched in linear
 * time (text-pattern.ts), never by the browser's backtracking matcher. Throws on a pattern it
 * cannot take (a TextPatternError).
 */
export function hasTextTest(hasText: string): (text: string) => boolean {
  const re = /^\/(.+)\/([a-z]*)$/s.exec(hasText);
  if (!re) return (text) => text.slice(0, MAX_TEXT_TESTED).includes(hasText);
  const test = textPattern(re[1], re[2]);
  return (text) => test(text.slice(0, MAX_TEXT_TESTED));
}

/** The elements under `root` a rule names (its selector, then its text test). Throws with the reason. */
export function selectRule(root: Element, rule: SiteRule): Element[] {
  const cost = selectorCost(rule.selector);
  if (cost) throw new Error(`selector "${rule.selector}" refused: ${SELECTOR_COST_MESSAGES[cost]}`);
  if (namesOneOf(rule.selector, pageFrame(root.ownerDocument)))
    throw new Error(`selector "${rule.selector}" refused: it names the whole page (html, head or body)`);
  let els: Element[];
  try {
    els = Array.from(root.querySelectorAll(rule.selector));
  } catch (e) {
    throw new Error(`invalid selector "${rule.selector}": ${e instanceof Error ? e.message : String(e)}`);
  }
  if (rule.hasText === undefined) return els;
  let test: (text: string) => boolean;
  try {
    test = hasTextTest(rule.hasText);
  } catch (e) {
    throw new Error(`invalid :has-text() pattern "${rule.hasText}": ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return els.filter((el) => test(el.textContent ?? ''));
  } catch (e) {
    throw new Error(`:has-text() pattern "${rule.hasText}" switched off on this page: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** How a block names the rule that found it: `site:<host> <selector>`, `user:<host> …` for the user's, `learned:<host> …` for learned ones. */
export function ruleLabel(site: Pick<SiteRules, 'host' | 'user' | 'learned'>, rule: Pick<SiteRule, 'selector' | 'hasText'>): string {
  const text = rule.hasText === undefined ? '' : `:has-text(${rule.hasText})`;
  return `${site.user ? 'user' : site.learned ? 'learned' : 'site'}:${site.host} ${rule.selector}${text}`;
}
