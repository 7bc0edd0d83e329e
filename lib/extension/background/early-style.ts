/**
 * The early styles: for each site, the selectors to hide before its pages paint among the rules
 * only known at run time — the user's plain-CSS rules (the site's, its parent domains', every
 * site's; exceptions applied) and the site's learned rules that are on — written one small key per
 * site (lib/extension/storage/early.ts) for the document_start content script to read. Built-in
 * rules are not in them: the browser puts those in itself (lib/engine/apply/site-style.ts).
 *
 * What goes in is what the content script's own stylesheet would hold on a site with rules of its
 * own, less what needs the page: no `:has-text()` rule, no rule switched off, no selector too
 * costly (`selectorCost`) or naming the page's frame (html, head, body), each checked once here.
 * A site turned off, or every site when the extension is off, has no key.
 *
 * The background writes them again whenever settings, the user's rules or the learned rules
 * change (`watchEarlyInputs`, whoever wrote them), and when the extension is installed or updated
 * and the browser starts; `refreshEarlyStyle(site)` refreshes one site (and its subdomains).
 * They run in the writer's queue (lib/extension/storage/writer.ts): each reads what the changes
 * before it wrote.
 */
import { browser } from 'wxt/browser';
import { parseHTML } from 'linkedom';
import { selectorChecker, siteSelectors } from '../../engine/apply/site-style';
import { rulesForHost } from '../../engine/find/site-rules';
import { ANY_SITE, siteKey } from '../../engine/page/url';
import type { SiteRules } from '../../engine/types';
import { sites as builtInSites } from '../../rules/sites/index';
import { ITEMS } from '../storage/items';
import { EARLY_SITES_KEY, MAX_EARLY_CHARS, MAX_EARLY_SELECTORS, earlyKey } from '../storage/early';
import { sanitizeSettings, siteState } from '../storage/settings';
import { sanitizeUserRules, userExceptions, userRuleProblem, userSiteRules, withoutExceptions } from '../storage/user-rules';
import type { Settings, UserRulesBySite } from '../storage/types';
import { inWriteQueue } from '../storage/writer';
import { bySite, siteEntry } from '../storage/by-site';
import { sanitizeLearnedRules } from '../storage/learned';

/**
 * The learned rules' key in storage.local (`local:learnedRules`: `{ [site]: { pages, at, rules:
 * [{ kind, selector, hasText?, off?, … }] } }`), read here as it is stored.
 */
export const LEARNED_RULES_KEY = 'learnedRules';

/**
 * Most characters of early selectors over all sites (about 1 MB, a tenth of Chromium's 10 MB for
 * an extension's storage.local): every site's rules and a parent domain's are copied into each
 * site's key, so 2,000 sites with rules at MAX_EARLY_CHARS each would be 60 MB. Each site gets an
 * equal share of it, at most MAX_EARLY_CHARS.
 */
export const MAX_EARLY_TOTAL_CHARS = 1_000_000;

/** A site's learned rules that are on, as the engine takes them (only what the early style needs). */
export type LearnedOn = Record<string, SiteRules>;

/**
 * The learned rules that may go in early, from whatever was stored (read as every page reads them,
 * `sanitizeLearnedRules`): per site, the rules neither switched off (`off`) nor tied to a text
 * (`hasText`), whose selector a user rule could have (`userRuleProblem`).
 */
export function learnedOn(x: unknown): LearnedOn {
  const out = bySite<SiteRules>();
  for (const [site, entry] of Object.entries(sanitizeLearnedRules(x))) {
    const rules = entry.rules
      .filter((r) => !r.off && r.hasText === undefined && !userRuleProblem({ selector: r.selector.trim() }))
      .slice(0, MAX_EARLY_SELECTORS)
      // The kind names the block in reports; here only the selector counts.
      .map((r) => ({ kind: r.kind, selector: r.selector.trim(), reason: r.selector }));
    if (rules.length) out[site] = { host: site, source: 'learned', learned: true, rules };
  }
  return out;
}

/** What the early styles are made from. */
export interface EarlyInputs {
  settings: Settings;
  userRules: UserRulesBySite;
  learned: LearnedOn;
  /** The built-in site rules (already in force before paint, by the browser: left out). */
  builtIn: readonly SiteRules[];
}

/** A site's own learned rules (learned on its pages, for its pages: a parent domain's are another site's template). */
function learnedFor(learned: LearnedOn, site: string): SiteRules[] {
  const own = siteEntry(learned, site);
  return own ? [own] : [];
}

/** What every site's early style draws on, worked out once for all of them. */
interface Shared {
  inputs: EarlyInputs;
  /** `isValid`, asked once per selector. */
  valid: (selector: string) => boolean;
  /** The user's rules without every site's. */
  ownRules: UserRulesBySite;
  /** Every site's plain-CSS selectors, checked (made on first use). */
  generic: string[] | null;
}

function shared(inputs: EarlyInputs, isValid: (selector: string) => boolean): Shared {
  const known = new Map<string, boolean>();
  const valid = (sel: string) => {
    let ok = known.get(sel);
    if (ok === undefined) known.set(sel, (ok = isValid(sel)));
    return ok;
  };
  const ownRules = bySite(Object.entries(inputs.userRules).filter(([k]) => k !== ANY_SITE));
  return { inputs, valid, ownRules, generic: null };
}

function genericSelectors(sh: Shared): string[] {
  if (!sh.generic) {
    const rules = (siteEntry(sh.inputs.userRules, ANY_SITE) ?? []).filter((r) => !r.allow);
    const asSite: SiteRules = {
      host: ANY_SITE,
      user: true,
      rules: rules.map((r) => ({ kind: r.kind, selector: r.selector, reason: r.selector, hasText: r.hasText })),
    };
    sh.generic = siteSelectors(ANY_SITE, [asSite], sh.valid);
  }
  return sh.generic;
}

/**
 * The selectors of a site's early style, in order: the user's for the site and its parent domains,
 * then the learned ones, then the user's for every site; each once, none a built-in rule has,
 * checked by `isValid`, up to MAX_EARLY_SELECTORS and `maxChars` characters. None when the site
 * or the extension is off, or the site has no rules of its own (its pages then get none early
 * from the content script either: `PageCleaner.hasRules`).
 */
export function earlySelectors(
  site: string,
  inputs: EarlyInputs,
  isValid: (selector: string) => boolean,
  maxChars = MAX_EARLY_CHARS,
  sh: Shared = shared(inputs, isValid),
): string[] {
  const key = siteKey(site);
  if (!key || key === ANY_SITE || !siteState(inputs.settings, key).on) return [];
  const exceptions = userExceptions(inputs.userRules, key);
  const own = withoutExceptions(userSiteRules(sh.ownRules, key), exceptions);
  const learned = withoutExceptions(learnedFor(inputs.learned, key), exceptions);
  const builtIn = rulesForHost(key, inputs.builtIn);
  if (own.length === 0 && learned.length === 0 && builtIn.length === 0) return [];
  const taken = new Set(siteSelectors(key, builtIn));
  const cancelled = new Set(exceptions.filter((e) => e.hasText === undefined).map((e) => e.selector.trim()));
  const out: string[] = [];
  let chars = 0;
  /** Adds a selector; false once the caps are reached. */
  const add = (sel: string) => {
    if (taken.has(sel)) return true;
    if (out.length >= MAX_EARLY_SELECTORS || chars + sel.length > maxChars) return false;
    taken.add(sel);
    chars += sel.length;
    out.push(sel);
    return true;
  };
  for (const sel of siteSelectors(key, [...own, ...learned], sh.valid)) if (!add(sel)) return out;
  for (const sel of genericSelectors(sh)) if (!cancelled.has(sel) && !add(sel)) return out;
  return out;
}

/** The sites that may have selectors: with rules of the user's or learned ones, and the built-in ones if every site has rules. */
function ruledSites(inputs: EarlyInputs): string[] {
  const all = new Set<string>([...Object.keys(inputs.userRules), ...Object.keys(inputs.learned)]);
  if (Object.hasOwn(inputs.userRules, ANY_SITE)) for (const s of inputs.builtIn) all.add(siteKey(s.host));
  all.delete(ANY_SITE);
  return [...all];
}

/** A site's parent domains: `example.com`, `com` for `news.example.com`. */
function parents(site: string): string[] {
  const out: string[] = [];
  for (let at = site.indexOf('.') + 1; at > 0; at = site.indexOf('.', at) + 1) out.push(site.slice(at));
  return out;
}

/**
 * Every site's early style: its selectors, [] for a site turned off under a parent domain whose
 * pages get some (its pages must not take the parent's), none (absent) otherwise. `only`: that
 * site and its subdomains alone.
 */
export function earlyStyles(inputs: EarlyInputs, isValid: (selector: string) => boolean, only?: string): Map<string, string[]> {
  const ruled = ruledSites(inputs);
  // An equal share of the total for each site that may have selectors (the same share whichever sites are refreshed).
  const share = Math.min(MAX_EARLY_CHARS, Math.floor(MAX_EARLY_TOTAL_CHARS / Math.max(1, ruled.length)));
  // And the sites turned off, which may need an empty key.
  const sites = [...new Set([...ruled, ...inputs.settings.disabledSites])];
  const sh = shared(inputs, isValid);
  const memo = new Map<string, string[]>();
  const selectorsOf = (s: string) => {
    let v = memo.get(s);
    if (!v) memo.set(s, (v = earlySelectors(s, inputs, isValid, share, sh)));
    return v;
  };
  const out = new Map<string, string[]>();
  if (!inputs.settings.enabled) return out;
  for (const s of sites) {
    if (only && s !== only && !s.endsWith(`.${only}`)) continue;
    const selectors = selectorsOf(s);
    if (selectors.length) out.set(s, selectors);
    else if (!siteState(inputs.settings, s).on && parents(s).some((p) => selectorsOf(p).length > 0)) out.set(s, []);
  }
  return out;
}

/** A document to check selectors with (parse, cost, the page's frame): the background has no page of its own. */
let checker: ((selector: string) => boolean) | null = null;
function validSelector(selector: string): boolean {
  checker ??= selectorChecker(parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document);
  return checker(selector);
}

const rawKey = (key: string) => key.slice(key.indexOf(':') + 1);
const sameList = (a: unknown, b: readonly string[]) => Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);

/** The sites listed as having a key, from whatever was stored. */
function storedSites(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string' && s.length > 0 && s.length <= 253) : [];
}

/** A refresh of every site queued and not begun. */
let waiting: Promise<void> | null = null;

/**
 * Writes the early style of a site (and its subdomains), or of every site: the key of each site
 * that has selectors, the others' removed. A read that fails writes nothing. Never throws (it is
 * derived data, written again at the next change): a failure is logged.
 */
export function refreshEarlyStyle(site?: string): Promise<void> {
  // A refresh of every site still waiting in the queue will do (an import writes many items at once).
  if (waiting) return waiting;
  const run = inWriteQueue(() => {
    if (site === undefined) waiting = null;
    return refresh(site === undefined ? undefined : siteKey(site));
  }).catch((e: unknown) => console.warn('Declutter News: the early styles could not be written', e));
  if (site === undefined) waiting = run;
  return run;
}

async function refresh(only: string | undefined): Promise<void> {
  const local = browser.storage.local;
  const settingsKey = rawKey(ITEMS.settings.key);
  const userRulesKey = rawKey(ITEMS.userRules.key);
  const saved = await local.get([settingsKey, userRulesKey, LEARNED_RULES_KEY, EARLY_SITES_KEY]);
  const settings = sanitizeSettings(saved[settingsKey]);
  const inputs: EarlyInputs = {
    settings,
    userRules: sanitizeUserRules(saved[userRulesKey]),
    // Learning off: nothing learned is used.
    learned: settings.learn ? learnedOn(saved[LEARNED_RULES_KEY]) : bySite(),
    builtIn: builtInSites,
  };
  const next = earlyStyles(inputs, validSelector, only);
  const had = storedSites(saved[EARLY_SITES_KEY]);
  const inScope = (s: string) => only === undefined || s === only || s.endsWith(`.${only}`);
  const gone = had.filter((s) => inScope(s) && !next.has(s));
  const current = await local.get(had.filter((s) => next.has(s)).map(earlyKey));
  const set: Record<string, unknown> = {};
  for (const [s, selectors] of next) if (!sameList(current[earlyKey(s)], selectors)) set[earlyKey(s)] = selectors;
  const sites = [...new Set([...had.filter((s) => !gone.includes(s)), ...next.keys()])].sort();
  if (!sameList(had, sites)) set[EARLY_SITES_KEY] = sites;
  // Removed first: the list of sites then always names every key there is (a failed write leaves it longer, never shorter).
  if (gone.length) await local.remove(gone.map(earlyKey));
  if (Object.keys(set).length) await local.set(set);
}

/**
 * Keeps the early styles up to date: on install, update and browser start, and whenever settings,
 * the user's rules or the learned rules change in storage (whoever wrote them). Returns the remover.
 */
export function watchEarlyInputs(): () => void {
  const inputs = new Set([rawKey(ITEMS.settings.key), rawKey(ITEMS.userRules.key), LEARNED_RULES_KEY]);
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && Object.keys(changes).some((k) => inputs.has(k))) void refreshEarlyStyle();
  };
  const onStart = () => void refreshEarlyStyle();
  browser.storage.onChanged.addListener(onChanged);
  browser.runtime.onInstalled.addListener(onStart);
  browser.runtime.onStartup.addListener(onStart);
  return () => {
    browser.storage.onChanged.removeListener(onChanged);
    browser.runtime.onInstalled.removeListener(onStart);
    browser.runtime.onStartup.removeListener(onStart);
  };
}
