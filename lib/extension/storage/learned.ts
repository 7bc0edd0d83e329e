/**
 * What the extension learns while its user reads (lib/extension/background/learner.ts), as stored
 * in storage.local, on the device only (the memory of pages: ./learn-pages.ts):
 *
 *   local:learnedRules v1  { [site]: { pages, at, rules: [{ kind, selector, hasText?, reason,
 *                          samples, confidence, foundBy, at, off?, offWhy? }] } }
 *       small: read by every page of the site (its rules that are on join the engine), by the
 *       background's early styles, the popup and the options page.
 *   local:learnPages v1    { [site]: { used, pages: PageDigest[] } }
 *       the background's memory of the pages read (lib/rules/learn.ts `digestPage`: signatures and
 *       short texts of the blocks, never the article): bounded by MAX_LEARN_SITES, MAX_LEARN_PAGES
 *       and MAX_LEARN_BYTES; the least recently used sites go first.
 *
 * A rule is switched off by the user (`user`), by Keep on a block it hid (`kept`), or by itself
 * when a later page showed it would hide article text (`article`, with `offWhy`). Off rules stay
 * stored, so learning again does not bring them back. Pure functions over the values; every value
 * read is checked here, and a corrupt entry is dropped alone.
 */
import { siteKey } from '../../engine/page/url';
import { KINDS, type Kind, type SiteRules } from '../../engine/types';
import type { LearnedRule } from '../../rules/learn';
import { bySite, siteEntry } from './by-site';

/** Why a learned rule is off. */
export const LEARNED_OFF = ['user', 'kept', 'article'] as const;
export type LearnedOff = (typeof LEARNED_OFF)[number];

/** A learned rule as stored: the learner's rule (its samples are the pages' addresses) less its per-page evidence, with its state. */
export interface StoredLearnedRule extends Omit<LearnedRule, 'evidence'> {
  /** When it was learned (ms since the epoch). */
  at: number;
  off?: LearnedOff;
  /** For `article`: what it would have hidden, and where. */
  offWhy?: string;
}

export interface LearnedSiteRules {
  /** Pages of the site the rules were learned from. */
  pages: number;
  /** When they were last learned. */
  at: number;
  rules: StoredLearnedRule[];
}

/** Key: `siteKey(host)`. */
export type LearnedRulesBySite = Record<string, LearnedSiteRules>;

/**
 * Sites remembered. A reader's news sites are a handful to a few dozen; past this the site read
 * longest ago is forgotten (its learned rules stay until the user forgets them).
 */
export const MAX_LEARN_SITES = 50;
/**
 * Pages remembered per site: learning starts at two (MIN_SAMPLES) and three tell a template from a
 * coincidence; six span a site's templates (article, video, live page) without going stale.
 */
export const MAX_LEARN_PAGES = 6;
/**
 * Most bytes of page digests over all sites (a digest is 60 kB at most, MAX_DIGEST_BYTES; most are
 * 5–20 kB): a fifth of Chromium's 10 MB for an extension's storage.local, which the user's rules
 * and the early styles share.
 */
export const MAX_LEARN_BYTES = 2_000_000;
/** Most learned rules per site (the built-in sites have 16 and 21). */
export const MAX_LEARNED_RULES = 60;
/** Longest selector or text of a learned rule kept (the learner's are far shorter). */
const MAX_SELECTOR_CHARS = 1000;
/** Longest reason, `foundBy` or `offWhy` kept. */
const MAX_NOTE_CHARS = 300;
/** Most sample addresses kept per rule (twice the pages a site's memory keeps). */
const MAX_RULE_SAMPLES = 12;

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
export const isSite = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 253 && !/[\s/*]/.test(x);
export const time = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : 0);
const note = (x: unknown): string => (typeof x === 'string' ? x.slice(0, MAX_NOTE_CHARS) : '');

/** A rule's key among its site's: its selector and text. */
export function learnedKey(rule: { selector: string; hasText?: string }): string {
  return rule.hasText === undefined ? rule.selector : `${rule.selector}\u0000${rule.hasText}`;
}

function sanitizeRule(x: unknown): StoredLearnedRule | null {
  if (!isObject(x) || !KINDS.includes(x.kind as Kind)) return null;
  if (typeof x.selector !== 'string' || !x.selector.trim() || x.selector.length > MAX_SELECTOR_CHARS) return null;
  if (x.hasText !== undefined && (typeof x.hasText !== 'string' || !x.hasText || x.hasText.length > MAX_SELECTOR_CHARS)) return null;
  const off = LEARNED_OFF.includes(x.off as LearnedOff) ? (x.off as LearnedOff) : undefined;
  const conf = typeof x.confidence === 'number' && Number.isFinite(x.confidence) ? Math.min(1, Math.max(0, x.confidence)) : 0;
  return {
    kind: x.kind as Kind,
    selector: x.selector,
    ...(x.hasText !== undefined ? { hasText: x.hasText as string } : {}),
    reason: note(x.reason),
    samples: Array.isArray(x.samples)
      ? x.samples
          .filter((s): s is string => typeof s === 'string')
          .map((s) => s.slice(0, 2000))
          .slice(0, MAX_RULE_SAMPLES)
      : [],
    confidence: conf,
    foundBy: note(x.foundBy),
    at: time(x.at),
    ...(off ? { off } : {}),
    ...(off && typeof x.offWhy === 'string' && x.offWhy ? { offWhy: note(x.offWhy) } : {}),
  };
}

/** Learned rules from whatever was stored: a corrupt site or rule is dropped alone; one rule per selector and text. */
export function sanitizeLearnedRules(x: unknown): LearnedRulesBySite {
  const out = bySite<LearnedSiteRules>();
  if (!isObject(x)) return out;
  for (const [site, entry] of Object.entries(x)) {
    if (!isSite(site) || !isObject(entry) || !Array.isArray(entry.rules)) continue;
    const key = siteKey(site);
    if (!key || siteEntry(out, key)) continue;
    const rules: StoredLearnedRule[] = [];
    const seen = new Set<string>();
    for (const r of entry.rules) {
      const rule = sanitizeRule(r);
      if (!rule || seen.has(learnedKey(rule))) continue;
      seen.add(learnedKey(rule));
      rules.push(rule);
      if (rules.length >= MAX_LEARNED_RULES) break;
    }
    if (rules.length === 0) continue;
    out[key] = { pages: Math.floor(time(entry.pages)), at: time(entry.at), rules };
  }
  return out;
}

/**
 * A site's rules after learning again: the rules learned now, each keeping its state if it was
 * switched off before; a rule switched off stays (off) even if no longer learned, so it never comes
 * back on by itself; `harm` turns off, with its reason, a rule no longer learned that would now hide
 * article text (the learner never learns one that would).
 */
export function mergeLearned(
  old: LearnedSiteRules | undefined,
  learned: readonly LearnedRule[],
  pages: number,
  at: number,
  harm: (rule: { selector: string; hasText?: string }) => string | null = () => null,
): LearnedSiteRules {
  const before = new Map((old?.rules ?? []).map((r) => [learnedKey(r), r]));
  const rules: StoredLearnedRule[] = [];
  const seen = new Set<string>();
  for (const r of learned) {
    const key = learnedKey(r);
    if (seen.has(key)) continue;
    seen.add(key);
    const prev = before.get(key);
    // A rule learned now hides no article text on the pages it was learned from (the learner
    // rejects those): it keeps the state it had.
    const off: Pick<StoredLearnedRule, 'off' | 'offWhy'> = prev?.off ? { off: prev.off, ...(prev.offWhy ? { offWhy: prev.offWhy } : {}) } : {};
    rules.push({
      kind: r.kind,
      selector: r.selector,
      ...(r.hasText !== undefined ? { hasText: r.hasText } : {}),
      reason: r.reason,
      samples: r.samples,
      confidence: r.confidence,
      foundBy: r.foundBy,
      at: prev?.at ?? at,
      ...off,
    });
  }
  // A rule no longer learned: one that is off stays, so it never comes back on by itself; one that
  // was on goes, unless it would now hide article text (then it stays, off, for the same reason).
  for (const [key, r] of before) {
    if (seen.has(key)) continue;
    const why = r.off ? null : harm(r);
    if (r.off) rules.push(r);
    else if (why) rules.push({ ...r, off: 'article', offWhy: why });
  }
  return { pages, at, rules: rules.slice(0, MAX_LEARNED_RULES) };
}

/** The stored rules with one rule switched off (with its reason) or back on; unchanged when the site has no such rule. */
export function withLearnedOff(
  all: LearnedRulesBySite,
  site: string,
  rule: { selector: string; hasText?: string },
  off: LearnedOff | null,
  offWhy?: string,
): LearnedRulesBySite {
  const key = siteKey(site);
  const entry = siteEntry(all, key);
  const k = learnedKey(rule);
  if (!entry || !entry.rules.some((r) => learnedKey(r) === k)) return all;
  const out = bySite(Object.entries(all));
  out[key] = {
    ...entry,
    rules: entry.rules.map((r) => {
      if (learnedKey(r) !== k) return r;
      const rest: StoredLearnedRule = { ...r };
      delete rest.off;
      delete rest.offWhy;
      return off ? { ...rest, off, ...(offWhy ? { offWhy } : {}) } : rest;
    }),
  };
  return out;
}

/** Without a site's learned rules, or without every site's (`site` undefined). */
export function withoutSite<T>(all: Readonly<Record<string, T>>, site?: string): Record<string, T> {
  if (site === undefined) return bySite<T>();
  const key = siteKey(site);
  return bySite(Object.entries(all).filter(([k]) => k !== key));
}

/**
 * The learned rules for a page, as the engine takes them: the rules of the page's site that are
 * on, as one rule set (`learned:<site> <selector>` in reports), or none. With `base` (what was
 * stored when the page began), only the rules it had, as it had them, but switched off or back on
 * as the user did since: a page open while its site is learned again keeps its rules (new ones,
 * new evidence, rules dropped or switched off by learning come with the site's next page), so the
 * page being read does not change under its reader; a switch in the popup or a Keep counts at once.
 */
export function learnedSiteRules(all: LearnedRulesBySite, host: string, base?: LearnedRulesBySite): SiteRules[] {
  const site = siteKey(host);
  const now = (site && siteEntry(all, site)?.rules) || [];
  let rules = now;
  if (base) {
    // The user's switches count at once; what learning again did (a rule dropped, or switched off
    // by itself: the engine refuses its blocks on this page anyway) waits for the next page.
    const state = new Map(now.filter((r) => r.off !== 'article').map((r) => [learnedKey(r), r.off]));
    rules = ((site && siteEntry(base, site)?.rules) || []).map((r) => (state.has(learnedKey(r)) ? { ...r, off: state.get(learnedKey(r)) } : r));
  }
  const on = rules.filter((r) => !r.off);
  if (!on.length) return [];
  return [
    {
      host: site,
      source: 'learned',
      learned: true,
      rules: on.map((r) => ({ kind: r.kind, selector: r.selector, ...(r.hasText !== undefined ? { hasText: r.hasText } : {}), reason: r.reason })),
    },
  ];
}
