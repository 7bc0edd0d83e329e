/**
 * Site rule files checked: from users, the learning tool or the built-in sites. Rules are plain
 * data; a bad rule is reported and skipped, never fatal.
 */
import { SELECTOR_COST_MESSAGES, selectorCost } from '../engine/find/selector-cost';
import { hasTextTest } from '../engine/find/site-rules';
import { siteKey } from '../engine/page/url';
import { KINDS, type Kind, type RuleEvidence, type SiteRule, type SiteRules } from '../engine/types';

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
  const host = typeof obj.host === 'string' ? siteKey(obj.host) : '';
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
    const cost = selectorCost(rule.selector);
    if (cost) return void problems.push(`${where}: selector "${rule.selector.trim()}": ${SELECTOR_COST_MESSAGES[cost]}`);
    if (rule.hasText !== undefined && typeof rule.hasText !== 'string') return void problems.push(`${where}: "hasText" must be text or a /regex/`);
    if (typeof rule.hasText === 'string' && rule.hasText) {
      try {
        hasTextTest(rule.hasText); // a pattern the engine matches in linear time, or refused here
      } catch (e) {
        return void problems.push(`${where}: "hasText" ${rule.hasText}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    rules.push({
      kind: rule.kind as Kind,
      selector: rule.selector.trim(),
      reason: typeof rule.reason === 'string' && rule.reason.trim() ? rule.reason.trim() : `${rule.kind} block (site rule)`,
      ...(Array.isArray(rule.samples) ? { samples: rule.samples.filter((s): s is string => typeof s === 'string') } : {}),
      ...(typeof rule.confidence === 'number' ? { confidence: rule.confidence } : {}),
      ...(Array.isArray(rule.evidence) ? { evidence: rule.evidence.filter(isEvidence).map(({ sample, matches }) => ({ sample, matches })) } : {}),
      ...(typeof rule.hasText === 'string' && rule.hasText ? { hasText: rule.hasText } : {}),
      ...(typeof rule.foundBy === 'string' ? { foundBy: rule.foundBy } : {}),
    });
  });
  if (!host || !Array.isArray(obj.rules)) return { rules: null, problems };
  const source = typeof obj.source === 'string' ? { source: obj.source } : {};
  return { rules: { host, ...source, ...(obj.user === true ? { user: true } : {}), ...(obj.learned === true ? { learned: true } : {}), rules }, problems };
}

/** One entry of a learned rule's evidence: `{sample, matches}`. */
function isEvidence(e: unknown): e is RuleEvidence {
  const o = e as Record<string, unknown> | null;
  return typeof o === 'object' && o !== null && typeof o.sample === 'string' && typeof o.matches === 'number';
}
