/**
 * One step of learning while browsing, as pure functions (no browser API): what a site's memory
 * and rules become with the digest of a page just read, and what a new page is checked against.
 * The background runs it (./learner.ts); bench:learn runs it too, so the figures are the
 * extension's.
 */
import { LearnError, MAX_PROBES, harmCheck, learnFromDigests, MIN_SAMPLES, probeKey, probesOf, type PageDigest } from '../../rules/learn';
import { bySite, siteEntry } from '../storage/by-site';
import { mergeLearned, type LearnedRulesBySite } from '../storage/learned';
import { withPage, type LearnPagesBySite } from '../storage/learn-pages';

/**
 * What the site's memory and rules become with a page's digest: the digest joins the memory, and
 * from MIN_SAMPLES pages on the site's rules are learned again from it and merged with the stored
 * ones. Pure: the learner's step, tested without a browser.
 */
export function learnStep(
  saved: { learnPages: LearnPagesBySite; learnedRules: LearnedRulesBySite },
  site: string,
  digest: PageDigest,
  now: number,
): { learnPages: LearnPagesBySite; learnedRules: LearnedRulesBySite } {
  const learnPages = withPage(saved.learnPages, site, digest, now);
  const digests = siteEntry(learnPages, site)?.pages ?? [];
  if (digests.length < MIN_SAMPLES) return { learnPages, learnedRules: saved.learnedRules };
  let learned;
  try {
    learned = learnFromDigests(digests, { host: site, source: 'learned while browsing' }).site.rules;
  } catch (e) {
    if (e instanceof LearnError) return { learnPages, learnedRules: saved.learnedRules };
    throw e;
  }
  const hurts = harmCheck(digests);
  const harm = (rule: { selector: string; hasText?: string }) => {
    const h = hurts(rule);
    return h ? `${h.why} (${h.page})` : null;
  };
  // The stored rules were checked on this page too (they led its probes).
  const merged = mergeLearned(siteEntry(saved.learnedRules, site), learned, digests.length, now, harm);
  const learnedRules = bySite(Object.entries(saved.learnedRules).filter(([k]) => k !== site));
  if (merged.rules.length) learnedRules[site] = merged;
  return { learnPages, learnedRules };
}

/** The selectors a new page of the site is checked against: its stored rules first, then its pages' candidates. */
export function probesFor(memory: { learnPages: LearnPagesBySite; learnedRules: LearnedRulesBySite }, site: string): string[] {
  const rules = (siteEntry(memory.learnedRules, site)?.rules ?? []).map((r) => probeKey(r.selector, r.hasText));
  return [...new Set([...rules, ...probesOf(siteEntry(memory.learnPages, site)?.pages ?? [])])].slice(0, MAX_PROBES);
}
