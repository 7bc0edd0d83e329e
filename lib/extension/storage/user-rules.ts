/**
 * The user's own rules: CSS selectors that hide blocks on a site (or on every site), made with
 * "Hide blocks like this" on a page, imported from a filter list, or edited on the options page.
 * They work like the bundled site rules (lib/rules/sites/*.json) and are stored in one versioned item
 * (lib/extension/storage/items.ts):
 *
 *   local:userRules v1  { [site or '*']: [{ selector, kind, hasText?, allow?, at, from }] }
 *
 * A site is keyed by `siteKey(host)` (lib/engine/page/url.ts) and its rules cover its subdomains too;
 * `*` (ANY_SITE) holds the rules for every site. An `allow` rule is an exception (`#@#` in a filter
 * list): it cancels the rule with the same selector and text, bundled or the user's, for its site.
 *
 * Every value read is checked (`sanitizeUserRules`): a corrupt entry is dropped, the others kept.
 */
import { kindOfName as kindOfClassName } from '../../engine/index';
import { t } from '../i18n';
import { rulesForHost } from '../../engine/find/site-rules';
import { MAX_HAS_PER_SELECTOR, selectorCost, type SelectorCost } from '../../engine/find/selector-cost';
import { MAX_PATTERN_STEPS, TextPatternError, textPattern } from '../../engine/find/text-pattern';
import { ANY_SITE, hostMatches, siteKey } from '../../engine/page/url';
import { selectorRefusal } from '../../engine/apply/site-style';
import { KINDS, type Kind, type SiteRule, type SiteRules } from '../../engine/types';
import { bySite, siteEntry, withSiteEntry } from './by-site';
import { USER_RULE_ORIGINS, type NewUserRule, type UserRule, type UserRuleOrigin, type UserRulesBySite } from './types';

export { ANY_SITE, USER_RULE_ORIGINS };
export type { NewUserRule, UserRule, UserRuleOrigin, UserRulesBySite };

/**
 * Most rules for one site (or for every site). Each rule is a query over the page on every
 * cleaning and a line of the early stylesheet; a whole filter list's generic part (tens of
 * thousands of lines) would slow every article page down.
 */
export const MAX_USER_RULES_PER_SITE = 1000;
/** Most rules in all: about 1 MB of storage.local at the longest selectors. */
export const MAX_USER_RULES = 10_000;
/** Most sites with rules (as many as the settings keep sites turned off). */
export const MAX_USER_RULE_SITES = 2000;
/** Longest selector: filter lists' longest cosmetic selectors are a few hundred characters. */
export const MAX_SELECTOR_LENGTH = 500;
/** Longest `:has-text()` argument: a label or a short pattern, not a paragraph. */
export const MAX_HAS_TEXT_LENGTH = 200;
/** The kind a rule gets when none is given or the stored one is unknown (most filter rules hide ads). */
export const DEFAULT_USER_KIND: Kind = 'ad';

/**
 * The kind that class names, ids or a selector's words say (`.newsletter-signup`, `c-shareBar`,
 * `#read-more-carousel`), for a rule the user made without saying its kind: a filter-list line or
 * a pick; null when they say none. The engine's one class-word → kind vocabulary (lib/engine/vocab/kinds.ts).
 */
export function kindOfName(text: string): Kind | null {
  return kindOfClassName(text)?.kind ?? null;
}

/**
 * uBlock Origin's, AdGuard's and Adblock Plus's procedural operators: they need script, not CSS.
 * Only `:has-text()` is supported, and it lives in its own field (`hasText`), not in the selector.
 */
export const PROCEDURAL_OPERATORS = [
  ':has-text(',
  ':-abp-contains(',
  ':-abp-has(',
  ':-abp-properties(',
  ':contains(',
  ':if(',
  ':if-not(',
  ':matches-attr(',
  ':matches-css(',
  ':matches-css-after(',
  ':matches-css-before(',
  ':matches-media(',
  ':matches-path(',
  ':matches-prop(',
  ':min-text-length(',
  ':nth-ancestor(',
  ':others(',
  ':remove(',
  ':remove-attr(',
  ':remove-class(',
  ':shadow(',
  ':spath(',
  ':style(',
  ':upward(',
  ':watch-attr(',
  ':xpath(',
] as const;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The storage key of a site (`siteKey`), `*` for every site, or '' for what is not a host name. */
export function userSiteKey(site: string): string {
  if (site === ANY_SITE) return ANY_SITE;
  const key = siteKey(site);
  return key.length > 0 && key.length <= 253 && /^[^\s/*#,~|^]+$/.test(key) ? key : '';
}

/** The first procedural operator in a selector (`:upward`), or null; `skip` leaves some out. */
export function proceduralOperator(selector: string, skip: readonly string[] = []): string | null {
  const lower = selector.toLowerCase();
  let first: { at: number; op: string } | null = null;
  for (const op of PROCEDURAL_OPERATORS) {
    if (skip.includes(op)) continue;
    const at = lower.indexOf(op);
    if (at >= 0 && (!first || at < first.at)) first = { at, op: op.slice(0, -1) };
  }
  return first?.op ?? null;
}

/**
 * Are a selector's brackets and quotes closed? A browser's selector parser closes them at the end
 * of the text, but in the early stylesheet an open one would swallow the rules that follow.
 */
export function closedSelector(selector: string): boolean {
  const open: string[] = [];
  let quote = '';
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '\\') {
      i++;
    } else if (quote) {
      if (c === quote) quote = '';
      else if (c === '\n') return false;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '(' || c === '[') {
      open.push(c === '(' ? ')' : ']');
    } else if (c === ')' || c === ']') {
      if (open.pop() !== c) return false;
    }
  }
  return !quote && open.length === 0;
}

/**
 * Why a `:has-text()` argument cannot be used, or null. A `/regex/` must be one the engine matches
 * in linear time (engine/find/text-pattern.ts): no backreference, lookaround or inline flags.
 */
export function hasTextProblem(hasText: string): string | null {
  if (hasText.length === 0) return t('ruleProblemHasTextEmpty');
  if (hasText.length > MAX_HAS_TEXT_LENGTH) return t('ruleProblemHasTextTooLong', MAX_HAS_TEXT_LENGTH);
  const re = /^\/(.+)\/([a-z]*)$/s.exec(hasText);
  if (!re) return null;
  try {
    textPattern(re[1], re[2]);
  } catch (e) {
    const problem = e instanceof TextPatternError ? e.problem : 'syntax';
    if (problem === 'flags') return t('ruleProblemHasTextFlags', re[2]);
    if (problem === 'backreference') return t('ruleProblemHasTextBackreference');
    if (problem === 'lookaround') return t('ruleProblemHasTextLookaround');
    if (problem === 'modifiers') return t('ruleProblemHasTextModifiers');
    if (problem === 'too-large') return t('ruleProblemHasTextTooLarge', MAX_PATTERN_STEPS);
    return t('ruleProblemHasTextPattern', e instanceof Error ? e.message : String(e));
  }
  return null;
}

/** Why a selector's shape is too costly (`selectorCost`), in the user's words, or null. */
function costProblem(cost: SelectorCost | null): string | null {
  if (cost === 'has-sibling') return t('ruleProblemHasSibling');
  if (cost === 'has-nested') return t('ruleProblemHasNested');
  if (cost === 'has-count') return t('ruleProblemHasCount', MAX_HAS_PER_SELECTOR);
  return null;
}

/** A check of a selector against a real document's CSS engine: why it cannot be used, or null. */
export type SelectorCheck = (selector: string) => string | null;

/**
 * Checks selectors with a document's engine: they must parse, and must not name the whole page:
 * html, head or body of a page shaped as every page is (`:root`, `head + body`, `body:nth-child(2)`
 * as much as `html`, `body` and `*`), which the early stylesheet would hide until the engine
 * refused it. The content script checks again on the page itself (`pageSpine`).
 */
export function selectorCheck(doc: Document): SelectorCheck {
  const refusal = selectorRefusal(doc);
  return (selector) => {
    const why = refusal(selector);
    if (why === 'whole-page') return t('ruleProblemWholePage');
    if (why === 'costly') return costProblem(selectorCost(selector)) ?? t('ruleProblemInvalidCss');
    return why ? t('ruleProblemInvalidCss') : null;
  };
}

/**
 * Why a rule cannot be used, or null. Without a check (no document at hand) only what text can
 * tell is checked; the engine still reports a selector its document refuses, and skips it.
 */
export function userRuleProblem(rule: { selector: string; hasText?: string }, check?: SelectorCheck): string | null {
  const sel = rule.selector.trim();
  if (!sel) return t('ruleProblemEmpty');
  if (sel.length > MAX_SELECTOR_LENGTH) return t('ruleProblemTooLong', MAX_SELECTOR_LENGTH);
  if (/[{}]/.test(sel) || sel.includes('/*') || !closedSelector(sel)) return t('ruleProblemNotSelector');
  const op = proceduralOperator(sel);
  if (op) return t('ruleProblemProcedural', op);
  const cost = costProblem(selectorCost(sel));
  if (cost) return cost;
  if (rule.hasText !== undefined) {
    const bad = hasTextProblem(rule.hasText);
    if (bad) return bad;
  }
  return check ? check(sel) : null;
}

/** Two rules are the same rule when selector and text are (kind, exception and origin may differ). */
export function sameUserRule(a: { selector: string; hasText?: string }, b: { selector: string; hasText?: string }): boolean {
  return a.selector.trim() === b.selector.trim() && (a.hasText ?? null) === (b.hasText ?? null);
}

/** A stored rule, checked; null when it cannot be used. */
export function sanitizeUserRule(x: unknown): UserRule | null {
  if (!isObject(x) || typeof x.selector !== 'string') return null;
  if (x.hasText !== undefined && typeof x.hasText !== 'string') return null; // without its text it would hide more
  const selector = x.selector.trim();
  const hasText = x.hasText as string | undefined;
  if (userRuleProblem({ selector, hasText })) return null;
  return {
    selector,
    kind: KINDS.includes(x.kind as Kind) ? (x.kind as Kind) : DEFAULT_USER_KIND,
    ...(hasText !== undefined ? { hasText } : {}),
    ...(x.allow === true ? { allow: true } : {}),
    at: typeof x.at === 'number' && Number.isFinite(x.at) && x.at >= 0 ? x.at : 0,
    from: USER_RULE_ORIGINS.includes(x.from as UserRuleOrigin) ? (x.from as UserRuleOrigin) : 'options',
  };
}

/**
 * User rules from whatever was stored: sites that are not host names, rules that cannot be used
 * and repeats are dropped, the rest kept in order up to the caps.
 */
export function sanitizeUserRules(x: unknown): UserRulesBySite {
  const out: UserRulesBySite = bySite();
  if (!isObject(x)) return out;
  let total = 0;
  let sites = 0;
  for (const [site, list] of Object.entries(x)) {
    const key = userSiteKey(site);
    if (!key || !Array.isArray(list)) continue;
    const had = siteEntry(out, key);
    if (!had && sites >= MAX_USER_RULE_SITES) continue;
    const rules = [...(had ?? [])];
    for (const item of list) {
      if (rules.length >= MAX_USER_RULES_PER_SITE || total >= MAX_USER_RULES) break;
      const r = sanitizeUserRule(item);
      if (!r || rules.some((o) => sameUserRule(o, r))) continue;
      rules.push(r);
      total++;
    }
    if (rules.length === 0) continue;
    if (!had) sites++;
    out[key] = rules;
  }
  return out;
}

/** The saved rule of a site with this selector and text, if any. */
export function findUserRule(all: UserRulesBySite, site: string, selector: string, hasText?: string): UserRule | undefined {
  return siteEntry(all, userSiteKey(site))?.find((r) => sameUserRule(r, { selector, hasText }));
}

/**
 * Adds a rule to a site, or replaces (in its place) the site's rule with the same selector and
 * text. At a cap the rule is not added: `findUserRule` on the result tells.
 */
export function withUserRule(all: UserRulesBySite, site: string, rule: NewUserRule): UserRulesBySite {
  const key = userSiteKey(site);
  if (!key) return all;
  const next = { ...rule, selector: rule.selector.trim(), at: rule.at ?? Date.now() };
  const list = [...(siteEntry(all, key) ?? [])];
  const i = list.findIndex((r) => sameUserRule(r, next));
  if (i >= 0) list[i] = next;
  else list.push(next);
  return sanitizeUserRules(withSiteEntry(all, key, list));
}

/** Takes a site's rule with this selector and text away. */
export function withoutUserRule(all: UserRulesBySite, site: string, selector: string, hasText?: string): UserRulesBySite {
  const key = userSiteKey(site);
  const had = siteEntry(all, key);
  if (!had) return all;
  const out = bySite(Object.entries(all));
  const list = had.filter((r) => !sameUserRule(r, { selector, hasText }));
  if (list.length) out[key] = list;
  else delete out[key];
  return out;
}

/**
 * Changes a site's rule (`old`) into `next`, in its place. Returns null when `next` is another
 * saved rule of the site (same selector and text): two entries must not become one silently.
 */
export function withEditedUserRule(all: UserRulesBySite, site: string, old: { selector: string; hasText?: string }, next: NewUserRule): UserRulesBySite | null {
  const key = userSiteKey(site);
  const list = siteEntry(all, key);
  const i = list?.findIndex((r) => sameUserRule(r, old)) ?? -1;
  if (!list || i < 0) return null;
  if (list.some((r, j) => j !== i && sameUserRule(r, next))) return null;
  const copy = [...list];
  copy[i] = { ...next, selector: next.selector.trim(), at: next.at ?? Date.now() };
  return sanitizeUserRules(withSiteEntry(all, key, copy));
}

/** How many rules in all. */
export function countUserRules(all: UserRulesBySite): number {
  let n = 0;
  for (const list of Object.values(all)) n += list.length;
  return n;
}

/** The user's rules that apply on a page's site, its own and its parent domains' first, then `*`. */
function applying(all: UserRulesBySite, site: string): [string, UserRule[]][] {
  const host = siteKey(site);
  if (!host) return [];
  const own = Object.keys(all)
    .filter((k) => k !== ANY_SITE && hostMatches(k, host))
    .sort((a, b) => b.length - a.length);
  return [...own, ...(siteEntry(all, ANY_SITE) ? [ANY_SITE] : [])].map((k) => [k, all[k]]);
}

/** The exceptions (`allow` rules) that apply on a page's site. */
export function userExceptions(all: UserRulesBySite, site: string): UserRule[] {
  return applying(all, site).flatMap(([, rules]) => rules.filter((r) => r.allow));
}

/** Site rules without those an exception cancels (same selector and text). */
export function withoutExceptions(sites: readonly SiteRules[], exceptions: readonly { selector: string; hasText?: string }[]): SiteRules[] {
  if (exceptions.length === 0) return [...sites];
  return sites.map((s) => ({ ...s, rules: s.rules.filter((r) => !exceptions.some((e) => sameUserRule(e, r))) })).filter((s) => s.rules.length > 0);
}

function toSiteRule(r: UserRule): SiteRule {
  const text = r.hasText === undefined ? '' : `:has-text(${r.hasText})`;
  return { kind: r.kind, selector: r.selector, reason: `${r.selector}${text}`, ...(r.hasText !== undefined ? { hasText: r.hasText } : {}) };
}

/**
 * Engine-ready site rules from the user's rules for a page's site: one entry per stored site that
 * covers it (`news.example.com` for `m.news.example.com`) and one for `*`, exceptions applied.
 */
export function userSiteRules(all: UserRulesBySite, site: string): SiteRules[] {
  const found = applying(all, site);
  const exceptions = found.flatMap(([, rules]) => rules.filter((r) => r.allow));
  const out: SiteRules[] = [];
  for (const [host, rules] of found) {
    const hiding = rules.filter((r) => !r.allow).map(toSiteRule);
    if (hiding.length) out.push({ host, source: 'user', user: true, rules: hiding });
  }
  return withoutExceptions(out, exceptions);
}

/**
 * Every rule for a page: the bundled site rules for its host, then the user's (its site's, then
 * every site's), the user's exceptions applied to all of them.
 */
export function rulesForPage(host: string, builtin: readonly SiteRules[], all: UserRulesBySite): SiteRules[] {
  const own = withoutExceptions(rulesForHost(host, builtin), userExceptions(all, host));
  return [...own, ...userSiteRules(all, host)];
}

// ---- Merging (imports) ----

export interface MergeResult {
  rules: UserRulesBySite;
  /** Rules added. */
  added: number;
  /** Rules already saved just so (nothing to do). */
  same: number;
  /** Rules not added, by their index in the incoming list, with the reason. */
  refused: { index: number; reason: string }[];
}

/**
 * Adds rules to the saved ones without losing any: a rule whose selector and text a site has
 * already is left as saved (refused with a reason if it differs), and past a cap the new rules
 * are refused, never the saved ones dropped.
 */
export function mergeUserRules(all: UserRulesBySite, incoming: readonly { site: string; rule: NewUserRule }[], at = Date.now()): MergeResult {
  const out: UserRulesBySite = bySite(Object.entries(all).map(([k, v]) => [k, [...v]]));
  let total = countUserRules(out);
  let sites = Object.keys(out).length;
  let added = 0;
  let same = 0;
  const refused: MergeResult['refused'] = [];
  incoming.forEach(({ site, rule }, index) => {
    const key = userSiteKey(site);
    const r = sanitizeUserRule({ ...rule, at: rule.at ?? at });
    if (!key) return void refused.push({ index, reason: t('ruleProblemBadSite', site) });
    if (!r) return void refused.push({ index, reason: userRuleProblem(rule) ?? t('ruleProblemNotRule') });
    const had = siteEntry(out, key);
    const list = had ?? [];
    const saved = list.find((o) => sameUserRule(o, r));
    if (saved) {
      if (saved.kind === r.kind && !!saved.allow === !!r.allow) same++;
      else refused.push({ index, reason: t('ruleProblemDiffers') });
      return;
    }
    if (list.length >= MAX_USER_RULES_PER_SITE) return void refused.push({ index, reason: t('ruleProblemSiteFull', MAX_USER_RULES_PER_SITE) });
    if (total >= MAX_USER_RULES) return void refused.push({ index, reason: t('ruleProblemAllFull', MAX_USER_RULES) });
    if (!had && sites >= MAX_USER_RULE_SITES) return void refused.push({ index, reason: t('ruleProblemSitesFull', MAX_USER_RULE_SITES) });
    if (had) had.push(r);
    else {
      out[key] = [r];
      sites++;
    }
    total++;
    added++;
  });
  return { rules: sanitizeUserRules(out), added, same, refused };
}
