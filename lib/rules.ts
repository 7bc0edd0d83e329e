/**
 * Site rules: checking rule files (from users or the learning tool) and matching them to a page.
 * Rules are plain data; a bad rule is reported and skipped, never fatal.
 */
import { KINDS, type Kind, type RuleEvidence, type SiteRule, type SiteRules } from './types';

export interface ParsedRules {
  rules: SiteRules | null;
  /** One line per problem, naming the rule by its position. */
  problems: string[];
}

/** Checks the shape of a rule file. Selectors are checked later, against a real document. */
export function parseSiteRules(data: unknown): ParsedRules {
  const problems: string[] = [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { rules: null, problems: ['a rule file is a JSON object {"host": "...", "rules": [...]}'] };
  }
  const obj = data as Record<string, unknown>;
  const host = typeof obj.host === 'string' ? obj.host.trim().toLowerCase().replace(/^www\./, '') : '';
  if (!host || /[\s/:]/.test(host)) problems.push('"host" must be a host name such as "example.com"');
  if (!Array.isArray(obj.rules)) problems.push('"rules" must be a list');
  const rules: SiteRule[] = [];
  (Array.isArray(obj.rules) ? obj.rules : []).forEach((r: unknown, i: number) => {
    const where = `rule ${i + 1}`;
    if (typeof r !== 'object' || r === null) return void problems.push(`${where}: not an object`);
    const rule = r as Record<string, unknown>;
    if (typeof rule.kind !== 'string' || !KINDS.includes(rule.kind as Kind)) {
      return void problems.push(`${where}: "kind" must be one of ${KINDS.join(', ')}`);
    }
    if (typeof rule.selector !== 'string' || !rule.selector.trim()) return void problems.push(`${where}: "selector" must be a CSS selector`);
    rules.push({
      kind: rule.kind as Kind,
      selector: rule.selector.trim(),
      reason: typeof rule.reason === 'string' && rule.reason.trim() ? rule.reason.trim() : `${rule.kind} block (site rule)`,
      ...(Array.isArray(rule.samples) ? { samples: rule.samples.filter((s): s is string => typeof s === 'string') } : {}),
      ...(typeof rule.confidence === 'number' ? { confidence: rule.confidence } : {}),
      ...(Array.isArray(rule.evidence) ? { evidence: rule.evidence.filter(isEvidence).map(({ sample, matches }) => ({ sample, matches })) } : {}),
      ...(typeof rule.hasText === 'string' && rule.hasText ? { hasText: rule.hasText } : {}),
    });
  });
  if (!host || !Array.isArray(obj.rules)) return { rules: null, problems };
  const source = typeof obj.source === 'string' ? { source: obj.source } : {};
  return { rules: { host, ...source, ...(obj.user === true ? { user: true } : {}), rules }, problems };
}

/** One entry of a learned rule's evidence: `{sample, matches}`. */
function isEvidence(e: unknown): e is RuleEvidence {
  const o = e as Record<string, unknown> | null;
  return typeof o === 'object' && o !== null && typeof o.sample === 'string' && typeof o.matches === 'number';
}

/** The host of rules for every site (a user's generic rules, `##selector` in a filter list). */
export const ANY_SITE = '*';

/** Does a rule host apply to a page host? `cnbc.com` covers `www.cnbc.com` and `m.cnbc.com`; `*` covers all. */
export function hostMatches(ruleHost: string, pageHost: string): boolean {
  if (ruleHost === ANY_SITE) return pageHost !== '';
  const h = pageHost.toLowerCase();
  return h === ruleHost || h.endsWith(`.${ruleHost}`);
}

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
/** Flags a `:has-text(/re/flags)` pattern may have. `g` and `y` would make a test depend on the one before. */
export const HAS_TEXT_FLAGS = /^[imsu]*$/;

/**
 * The test of a `:has-text()` argument: `/re/flags` is a regular expression, anything else plain
 * text found as written (case counts), as uBlock Origin reads it. Throws on a bad pattern.
 */
export function hasTextTest(hasText: string): (text: string) => boolean {
  const re = /^\/(.+)\/([a-z]*)$/s.exec(hasText);
  if (!re) return (text) => text.slice(0, MAX_TEXT_TESTED).includes(hasText);
  if (!HAS_TEXT_FLAGS.test(re[2])) throw new Error(`flags "${re[2]}" (only i, m, s and u)`);
  const pattern = new RegExp(re[1], re[2]);
  return (text) => pattern.test(text.slice(0, MAX_TEXT_TESTED));
}

/** The elements under `root` a rule names (its selector, then its text test). Throws with the reason. */
export function selectRule(root: Element, rule: SiteRule): Element[] {
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
  return els.filter((el) => test(el.textContent ?? ''));
}

/** How a block names the rule that found it: `site:<host> <selector>`, or `user:<host> …` for the user's. */
export function ruleLabel(site: Pick<SiteRules, 'host' | 'user'>, rule: Pick<SiteRule, 'selector' | 'hasText'>): string {
  const text = rule.hasText === undefined ? '' : `:has-text(${rule.hasText})`;
  return `${site.user ? 'user' : 'site'}:${site.host} ${rule.selector}${text}`;
}
