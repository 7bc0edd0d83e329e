/**
 * Site rules: checking rule files (from users or the learning tool) and matching them to a page.
 * Rules are plain data; a bad rule is reported and skipped, never fatal.
 */
import { KINDS, type Kind, type SiteRule, type SiteRules } from './types';

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
    });
  });
  if (!host || !Array.isArray(obj.rules)) return { rules: null, problems };
  return { rules: { host, ...(typeof obj.source === 'string' ? { source: obj.source } : {}), rules }, problems };
}

/** Does a rule host apply to a page host? `cnbc.com` covers `www.cnbc.com` and `m.cnbc.com`. */
export function hostMatches(ruleHost: string, pageHost: string): boolean {
  const h = pageHost.toLowerCase();
  return h === ruleHost || h.endsWith(`.${ruleHost}`);
}

export function rulesForHost(host: string, all: readonly SiteRules[]): SiteRules[] {
  return host ? all.filter((s) => hostMatches(s.host, host)) : [];
}
