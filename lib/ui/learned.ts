/**
 * The rules learned on a site, as the popup and the options page show them: a summary ("Learned on
 * this site: 3 rules from 4 pages"), each rule's kind, reason and evidence (the pages it was seen
 * on), whether it is on, and why it is off when it is; a switch per rule. The words go through the
 * i18n catalog; the popup speaks of blocks and pages, the options page also shows each selector.
 */
import { t } from '../extension/i18n';
import { siteEntry } from '../extension/storage/by-site';
import { learnedKey, type LearnedRulesBySite, type LearnedSiteRules, type StoredLearnedRule } from '../extension/storage/learned';
import { siteKey } from '../engine/index';
import { el } from './el';
import { count, kindLabel } from './ui-text';

/** A site's learned rules, by host or site key; undefined when nothing was learned there. */
export function learnedFor(all: LearnedRulesBySite, host: string): LearnedSiteRules | undefined {
  const key = siteKey(host);
  return key ? siteEntry(all, key) : undefined;
}

/** Rules of a site that are on. */
export const rulesOn = (entry: LearnedSiteRules): number => entry.rules.filter((r) => !r.off).length;

/** "Learned on this site: 3 rules from 4 pages" (the rules that are on). */
export function learnedSummary(entry: LearnedSiteRules): string {
  return t('learnedSummary', count(rulesOn(entry), 'rule'), count(entry.pages, 'page'));
}

/** Why a rule is off, or null when it is on. */
export function learnedOffText(rule: Pick<StoredLearnedRule, 'off' | 'offWhy'>): string | null {
  switch (rule.off) {
    case undefined:
      return null;
    case 'user':
      return t('learnedOffUser');
    case 'kept':
      return t('learnedOffKept');
    case 'article':
      return rule.offWhy ? t('learnedOffArticleWhy', rule.offWhy) : t('learnedOffArticle');
  }
}

/** What the rule is and what it was learned from: its reason, and the pages it was seen on. */
export function learnedEvidence(rule: Pick<StoredLearnedRule, 'reason' | 'samples'>): string {
  const reason = rule.reason.trim();
  if (!rule.samples.length) return reason;
  const seen = t('learnedSeenOn', count(rule.samples.length, 'page'));
  return reason ? t('learnedEvidence', reason, seen) : seen;
}

/** A rule as a filter list writes it: `.promo`, `div:has-text(Sponsored)`. */
export const learnedRuleText = (rule: Pick<StoredLearnedRule, 'selector' | 'hasText'>): string =>
  rule.hasText === undefined ? rule.selector : `${rule.selector}:has-text(${rule.hasText})`;

/** The change's fields naming a rule. */
export const learnedSelector = (rule: Pick<StoredLearnedRule, 'selector' | 'hasText'>) => ({
  selector: rule.selector,
  ...(rule.hasText !== undefined ? { hasText: rule.hasText } : {}),
});

/** A rule's `data-key`, by which a redrawn list finds the control that had the focus. */
export const learnedDataKey = (site: string, rule: Pick<StoredLearnedRule, 'selector' | 'hasText'>): string =>
  `learned:${site}:${learnedKey(rule).replace('\u0000', ':has-text:')}`;

export interface LearnedRowOptions {
  /** Show the selector (the options page); the popup names the block by its kind and reason only. */
  selector?: boolean;
  /** The user switched the rule on or off. */
  onSwitch: (rule: StoredLearnedRule, on: boolean) => void;
}

/** One rule: a switch named by its kind, its reason and evidence, and why it is off. */
export function learnedRow(site: string, rule: StoredLearnedRule, opts: LearnedRowOptions): HTMLLIElement {
  const input = el('input', {
    type: 'checkbox',
    attrs: {
      role: 'switch',
      'data-key': learnedDataKey(site, rule),
      'aria-label': t('learnedSwitchLabel', kindLabel(rule.kind, 'one'), learnedRuleText(rule)),
    },
    on: { change: () => opts.onSwitch(rule, input.checked) },
  });
  input.checked = !rule.off;
  const attrs: Record<string, string> = { 'data-selector': rule.selector, 'data-state': rule.off ?? 'on' };
  if (rule.hasText !== undefined) attrs['data-has-text'] = rule.hasText;
  const off = learnedOffText(rule);
  const evidence = learnedEvidence(rule);
  return el(
    'li',
    { class: `learned-rule${rule.off ? ' off' : ''}`, attrs },
    el('label', { class: 'switch' }, input, el('span', { class: 'tag' }, kindLabel(rule.kind, 'one'))),
    opts.selector ? el('code', { class: 'what', title: learnedRuleText(rule) }, learnedRuleText(rule)) : null,
    evidence ? el('p', { class: 'why' }, evidence) : null,
    el('p', { class: 'state' }, off ?? t('learnedOn')),
  );
}

/** A site's rules as a list. */
export function learnedList(site: string, entry: LearnedSiteRules, opts: LearnedRowOptions): HTMLUListElement {
  return el(
    'ul',
    { class: 'learned-rules', attrs: { 'aria-label': t('learnedListLabel', site), 'data-site': site } },
    ...entry.rules.map((r) => learnedRow(site, r, opts)),
  );
}

export interface PopupLearnedOptions {
  /** The tab's site key. */
  site: string;
  entry: LearnedSiteRules | undefined;
  /** Settings.learn. */
  learning: boolean;
  /** The list is open (the user opened it before a redraw). */
  open: boolean;
  onToggle: (open: boolean) => void;
  onSwitch: (rule: StoredLearnedRule, on: boolean) => void;
}

/**
 * The popup's section for the tab's site: the summary, opening onto the rules; a line when
 * learning is off. Null when there is nothing to say (learning on, nothing learned on the site).
 */
export function popupLearned(o: PopupLearnedOptions): HTMLElement | null {
  const off = o.learning ? null : el('p', { class: 'learning-off' }, t('learnedLearningOff'));
  if (!o.entry?.rules.length) return off ? el('div', { class: 'learned' }, off) : null;
  const details = el('details', { class: 'learned' }, el('summary', {}, learnedSummary(o.entry)), off, learnedList(o.site, o.entry, { onSwitch: o.onSwitch }));
  details.open = o.open;
  details.addEventListener('toggle', () => o.onToggle(details.open));
  return details;
}

export interface OptionsLearnedOptions {
  onSwitch: (site: string, rule: StoredLearnedRule, on: boolean) => void;
  /** Forget a site's learned rules, or every site's (`site` undefined). */
  onForget: (site?: string) => void;
}

/** The options page's list: per site, its rules (kind, selector, state, switch) and "Forget this site"; then "Forget everything learned". */
export function optionsLearned(all: LearnedRulesBySite, o: OptionsLearnedOptions): HTMLElement[] {
  const sites = Object.keys(all).sort((a, b) => a.localeCompare(b));
  if (!sites.length) return [el('p', { class: 'none' }, t('optionsNoLearned'))];
  const button = (label: string, key: string, click: () => void, aria?: string) =>
    el('button', { type: 'button', attrs: { 'data-key': key, ...(aria ? { 'aria-label': aria } : {}) }, on: { click } }, label);
  return [
    ...sites.flatMap((site) => {
      const entry = all[site];
      return [
        el(
          'h3',
          { attrs: { 'data-site': site } },
          `${site} `,
          el('span', { class: 'tag' }, count(rulesOn(entry), 'rule')),
          ' ',
          el('span', { class: 'tag' }, t('learnedFromPages', count(entry.pages, 'page'))),
        ),
        learnedList(site, entry, { selector: true, onSwitch: (rule, on) => o.onSwitch(site, rule, on) }),
        el(
          'div',
          { class: 'row' },
          button(t('optionsForgetSite'), `forget:${site}`, () => o.onForget(site), t('optionsForgetSiteLabel', site)),
        ),
      ];
    }),
    el(
      'div',
      { class: 'row forget-all' },
      button(t('optionsForgetAll'), 'forget-all', () => o.onForget()),
    ),
  ];
}
