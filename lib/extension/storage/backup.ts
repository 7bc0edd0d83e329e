/**
 * Export and import of what the user made, as one JSON file:
 *
 *   { format: 'declutter-settings', version: 1, exported: ISO date,
 *     userRules: { [site or '*']: UserRule[] }, kept: { [site]: KeptBlock[] }, disabledSites: string[],
 *     learnedRules: { [site]: { pages, at, rules: StoredLearnedRule[] } } }
 *
 * The sites turned off are in it (a choice per site, like kept blocks and rules), and the rules
 * learned on each site with their state (learned.ts: a rule switched off stays off); the switch for
 * all sites, learning on or off and the reader's look are not (they belong to one browser), nor the
 * learning memory of pages read. An import merges: it adds what is new and never drops or changes
 * what is saved (a learned rule saved keeps its state); each entry it cannot take is reported. A
 * file from before learning, without `learnedRules`, imports as it did.
 */
import { t } from '../i18n';
import { MAX_KEPT_PER_SITE, MAX_SITES, sanitizeKept, sanitizeSettings, siteKey } from './settings';
import { mergeUserRules, sanitizeUserRule, userRuleProblem, userSiteKey, type SelectorCheck } from './user-rules';
import { bySite, siteEntry } from './by-site';
import type { KeptBlock, KeptBySite, NewUserRule, Settings, UserRulesBySite } from './types';
import { KINDS, type Kind } from '../../engine/types';
import { MAX_LEARNED_RULES, learnedKey, sanitizeLearnedRules, type LearnedRulesBySite, type StoredLearnedRule } from './learned';

export const EXPORT_FORMAT = 'declutter-settings';
export const EXPORT_VERSION = 1;
/** Largest file an import reads: 10,000 rules and every kept block come to well under this. */
export const MAX_IMPORT_CHARS = 20_000_000;

export interface SettingsExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exported: string;
  userRules: UserRulesBySite;
  kept: KeptBySite;
  disabledSites: string[];
  learnedRules: LearnedRulesBySite;
}

export interface Saved {
  userRules: UserRulesBySite;
  kept: KeptBySite;
  settings: Settings;
  learnedRules: LearnedRulesBySite;
}

export function exportSettings(saved: Saved, now = Date.now()): SettingsExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exported: new Date(now).toISOString(),
    userRules: saved.userRules,
    kept: saved.kept,
    disabledSites: saved.settings.disabledSites,
    learnedRules: saved.learnedRules,
  };
}

/** The file name of an export: `declutter-settings-2025-06-01.json`. */
export function exportFileName(now = Date.now()): string {
  return `${EXPORT_FORMAT}-${new Date(now).toISOString().slice(0, 10)}.json`;
}

export interface ImportProblem {
  /** Which entry: "rule 3 for example.com", "kept block 1 on cnbc.com", "sites turned off, 2". */
  where: string;
  reason: string;
}

export interface ParsedImport {
  userRules: { site: string; rule: NewUserRule; where: string }[];
  kept: { site: string; block: KeptBlock; where: string }[];
  disabledSites: { site: string; where: string }[];
  /** Learned rules, each with its site's count of pages and time of learning (for a site not saved yet). */
  learnedRules: LearnedImport[];
  problems: ImportProblem[];
}

/** A learned rule of a file, with what its site's entry says. */
export interface LearnedImport {
  site: string;
  pages: number;
  at: number;
  rule: StoredLearnedRule;
  where: string;
}

/** A learned rule as stored, checked by the stored value's sanitizer; null when it is not one. */
export function sanitizeLearnedImport(site: string, pages: unknown, at: unknown, rule: unknown): Omit<LearnedImport, 'where'> | null {
  const one = sanitizeLearnedRules(bySite([[site, { pages, at, rules: [rule] }]]));
  const [key, entry] = Object.entries(one)[0] ?? [];
  if (!key || !entry || entry.rules.length !== 1) return null;
  return { site: key, pages: entry.pages, at: entry.at, rule: entry.rules[0] };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Reads an export. Returns `{ error }` when the text is not one (not JSON, another format, a
 * newer version); otherwise the entries it can take and a problem for each it cannot.
 */
export function parseSettingsExport(text: string, check?: SelectorCheck): ParsedImport | { error: string } {
  if (text.length > MAX_IMPORT_CHARS) return { error: t('importTooLarge') };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: t('importNotJson') };
  }
  if (!isObject(data) || data.format !== EXPORT_FORMAT) return { error: t('importNotExport') };
  if (data.version !== EXPORT_VERSION) return { error: t('importVersion', String(data.version)) };
  const out: ParsedImport = { userRules: [], kept: [], disabledSites: [], learnedRules: [], problems: [] };
  const problem = (where: string, reason: string) => out.problems.push({ where, reason });

  if (data.userRules !== undefined && !isObject(data.userRules)) problem(t('importWhereRules'), t('importNotObject'));
  for (const [site, list] of Object.entries(isObject(data.userRules) ? data.userRules : {})) {
    const key = userSiteKey(site);
    if (!key || !Array.isArray(list)) {
      problem(t('importWhereRulesFor', site), !key ? t('ruleProblemBadSite', site) : t('importNotList'));
      continue;
    }
    list.forEach((item: unknown, i) => {
      const where = t('importWhereRule', i + 1, key);
      const r = sanitizeUserRule(item);
      if (!isObject(item) || typeof item.selector !== 'string') return void problem(where, t('ruleProblemNotRule'));
      if (item.kind !== undefined && !KINDS.includes(item.kind as Kind)) return void problem(where, t('ruleProblemKind', String(item.kind)));
      const bad = userRuleProblem({ selector: item.selector, hasText: typeof item.hasText === 'string' ? item.hasText : undefined }, check);
      if (bad || !r) return void problem(where, bad ?? t('ruleProblemNotRule'));
      out.userRules.push({ site: key, rule: r, where });
    });
  }

  if (data.kept !== undefined && !isObject(data.kept)) problem(t('importWhereKeptAll'), t('importNotObject'));
  for (const [site, list] of Object.entries(isObject(data.kept) ? data.kept : {})) {
    const key = userSiteKey(site);
    if (!key || key === '*' || !Array.isArray(list)) {
      problem(t('importWhereKeptFor', site), !key || key === '*' ? t('ruleProblemBadSite', site) : t('importNotList'));
      continue;
    }
    list.forEach((item: unknown, i) => {
      const where = t('importWhereKept', i + 1, key);
      const block = siteEntry(sanitizeKept(bySite([[key, [item]]])), key)?.[0];
      if (!block) return void problem(where, t('importNotKept'));
      out.kept.push({ site: key, block, where });
    });
  }

  if (data.disabledSites !== undefined && !Array.isArray(data.disabledSites)) problem(t('importWhereSitesOff'), t('importNotList'));
  (Array.isArray(data.disabledSites) ? data.disabledSites : []).forEach((site: unknown, i) => {
    const where = t('importWhereSiteOff', i + 1);
    const key = typeof site === 'string' ? userSiteKey(site) : '';
    if (!key || key === '*') return void problem(where, t('ruleProblemBadSite', String(site)));
    out.disabledSites.push({ site: key, where });
  });

  if (data.learnedRules !== undefined && !isObject(data.learnedRules)) problem(t('importWhereLearnedAll'), t('importNotObject'));
  for (const [site, entry] of Object.entries(isObject(data.learnedRules) ? data.learnedRules : {})) {
    const key = userSiteKey(site);
    if (!key || key === '*' || !isObject(entry) || !Array.isArray(entry.rules)) {
      problem(t('importWhereLearnedFor', site), !key || key === '*' ? t('ruleProblemBadSite', site) : t('importNotLearnedSite'));
      continue;
    }
    entry.rules.forEach((item: unknown, i) => {
      const where = t('importWhereLearned', i + 1, key);
      const one = sanitizeLearnedImport(key, entry.pages, entry.at, item);
      if (!one) return void problem(where, t('importNotLearned'));
      const bad = check?.(one.rule.selector);
      if (bad) return void problem(where, bad);
      out.learnedRules.push({ ...one, where });
    });
  }
  return out;
}

export interface MergedImport extends Saved {
  added: { rules: number; kept: number; sites: number; learned: number };
  /** Entries already saved just so. */
  same: number;
  problems: ImportProblem[];
}

/** Kept blocks added to the saved ones: a block kept already stays as saved. */
export function mergeKept(saved: KeptBySite, incoming: ParsedImport['kept']): { kept: KeptBySite; added: number; same: number; problems: ImportProblem[] } {
  const kept: KeptBySite = bySite(Object.entries(saved).map(([k, v]) => [k, [...v]]));
  const problems: ImportProblem[] = [];
  let added = 0;
  let same = 0;
  let sites = Object.keys(kept).length;
  for (const { site, block, where } of incoming) {
    const had = siteEntry(kept, site);
    const list = had ?? [];
    if (list.some((b) => b.id === block.id)) {
      same++;
      continue;
    }
    if (list.length >= MAX_KEPT_PER_SITE) {
      problems.push({ where, reason: t('importKeptFull', MAX_KEPT_PER_SITE) });
      continue;
    }
    if (!had && sites >= MAX_SITES) {
      problems.push({ where, reason: t('ruleProblemSitesFull', MAX_SITES) });
      continue;
    }
    if (had) had.push(block);
    else {
      kept[site] = [block];
      sites++;
    }
    added++;
  }
  return { kept: sanitizeKept(kept), added, same, problems };
}

/** Sites turned off added to the saved ones (the switch for all sites is left as it is). */
export function mergeDisabledSites(
  saved: Settings,
  incoming: ParsedImport['disabledSites'],
): { settings: Settings; added: number; same: number; problems: ImportProblem[] } {
  const off = new Set(saved.disabledSites);
  const problems: ImportProblem[] = [];
  let added = 0;
  let same = 0;
  for (const { site, where } of incoming) {
    const key = siteKey(site);
    if (off.has(key)) {
      same++;
      continue;
    }
    if (off.size >= MAX_SITES) {
      problems.push({ where, reason: t('ruleProblemSitesFull', MAX_SITES) });
      continue;
    }
    off.add(key);
    added++;
  }
  return { settings: sanitizeSettings({ ...saved, disabledSites: [...off] }), added, same, problems };
}

/**
 * Learned rules added to the saved ones: a site not saved comes with its count of pages; a rule
 * saved already (same selector and text) keeps its saved state, on or off.
 */
export function mergeLearnedImport(
  saved: LearnedRulesBySite,
  incoming: readonly LearnedImport[],
): { learnedRules: LearnedRulesBySite; added: number; same: number; problems: ImportProblem[] } {
  const out: LearnedRulesBySite = bySite(Object.entries(saved).map(([k, v]) => [k, { ...v, rules: [...v.rules] }]));
  const problems: ImportProblem[] = [];
  let added = 0;
  let same = 0;
  for (const { site, pages, at, rule, where } of incoming) {
    const key = siteKey(site);
    const entry = siteEntry(out, key);
    if (entry?.rules.some((r) => learnedKey(r) === learnedKey(rule))) {
      same++;
      continue;
    }
    if (entry && entry.rules.length >= MAX_LEARNED_RULES) {
      problems.push({ where, reason: t('importLearnedFull', MAX_LEARNED_RULES) });
      continue;
    }
    if (entry) entry.rules.push(rule);
    else out[key] = { pages, at, rules: [rule] };
    added++;
  }
  return { learnedRules: sanitizeLearnedRules(out), added, same, problems };
}

/** Adds an import to what is saved: new entries in, saved ones untouched, each refusal reported. */
export function mergeImport(saved: Saved, parsed: ParsedImport, at = Date.now()): MergedImport {
  const rules = mergeUserRules(saved.userRules, parsed.userRules, at);
  const kept = mergeKept(saved.kept, parsed.kept);
  const sites = mergeDisabledSites(saved.settings, parsed.disabledSites);
  const learned = mergeLearnedImport(saved.learnedRules, parsed.learnedRules);
  return {
    userRules: rules.rules,
    kept: kept.kept,
    settings: sites.settings,
    learnedRules: learned.learnedRules,
    added: { rules: rules.added, kept: kept.added, sites: sites.added, learned: learned.added },
    same: rules.same + kept.same + sites.same + learned.same,
    problems: [
      ...rules.refused.map((r) => ({ where: parsed.userRules[r.index].where, reason: r.reason })),
      ...kept.problems,
      ...sites.problems,
      ...learned.problems,
    ],
  };
}
