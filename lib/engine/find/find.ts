/**
 * Find: the candidates of a page, from the site rules that match its host (first, in their
 * order), then from each detector in registry order. A rule or detector that fails is recorded and
 * the others still run.
 */
import type { DetectorError, Kind, SiteRules } from '../types';
import type { Detector, DetectorContext } from './detector';
import { ruleLabel, selectRule } from './site-rules';

export interface Found {
  el: Element;
  kind: Kind;
  reason: string;
  /** `site:<host> <selector>`, `user:<host> <selector>` or `detector:<id>`. */
  rule: string;
  /**
   * Named by its own text (a rule's `:has-text()`): such a rule may hide one paragraph of what
   * Readability took for the article, the line it names (a site's tagline), never more.
   */
  byText?: true;
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function find(ctx: DetectorContext, sites: readonly SiteRules[], detectors: readonly Detector[], errors: DetectorError[]): Found[] {
  const found: Found[] = [];
  for (const site of sites) {
    for (const rule of site.rules) {
      let els: Element[];
      try {
        els = selectRule(ctx.body, rule); // the selector, then the rule's :has-text() test
      } catch (e) {
        errors.push({ source: `site:${site.host}`, message: message(e) });
        continue;
      }
      const byText = rule.hasText === undefined ? {} : { byText: true as const };
      for (const el of els) found.push({ el, kind: rule.kind, reason: rule.reason, rule: ruleLabel(site, rule), ...byText });
    }
  }
  for (const d of detectors) {
    try {
      for (const c of d.detect(ctx)) found.push({ el: c.el, kind: d.kind, reason: c.reason, rule: `detector:${d.id}` });
    } catch (e) {
      errors.push({ source: d.id, message: message(e) });
    }
  }
  return found;
}
