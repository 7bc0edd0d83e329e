/**
 * The user's rules: checking what was stored, adding, replacing, editing and deleting, merging an
 * import without losing what is saved, exceptions, the engine-ready rules for a page's site.
 * (The storage item: test/user-rules-storage.test.ts.)
 */
import { CLASS_KIND } from '../lib/engine/index';
import { describe, expect, it } from 'vitest';
import {
  MAX_HAS_TEXT_LENGTH,
  MAX_SELECTOR_LENGTH,
  MAX_USER_RULES_PER_SITE,
  countUserRules,
  findUserRule,
  mergeUserRules,
  proceduralOperator,
  rulesForPage,
  sanitizeUserRules,
  selectorCheck,
  userRuleProblem,
  userSiteKey,
  userSiteRules,
  withEditedUserRule,
  withUserRule,
  withoutUserRule,
  type UserRule,
  kindOfName,
  type UserRulesBySite,
} from '../lib/extension/storage/user-rules';
import type { SiteRules } from '../lib/engine/types';
import { docFrom } from './helpers/dom';

const rule = (selector: string, extra: Partial<UserRule> = {}): UserRule => ({ selector, kind: 'ad', at: 1, from: 'options', ...extra });

describe('sanitizeUserRules', () => {
  it('gives nothing for values that are not rules', () => {
    for (const bad of [null, undefined, 'x', 42, [], [rule('.a')]]) expect(sanitizeUserRules(bad)).toEqual({});
  });

  it('keeps good rules in order and drops what cannot be used', () => {
    const stored = {
      'www.Example.com': [
        { selector: ' .promo ', kind: 'newsletter', at: 5, from: 'picker' },
        { selector: '.promo', kind: 'ad', at: 6, from: 'import' }, // the same rule again
        { selector: '.x', kind: 'nonsense', at: -1, from: 'elsewhere' }, // bad kind, time and origin: defaulted
        { selector: 'div', hasText: '/(/', kind: 'ad' }, // a broken pattern: dropped, it would hide more without it
        { selector: 'div', hasText: 7, kind: 'ad' }, // a text that is not text: dropped
        { selector: 'a}b{display:block', kind: 'ad' }, // CSS, not a selector
        { selector: 'div:upward(2)', kind: 'ad' }, // procedural
        { selector: '', kind: 'ad' },
        'junk',
        { selector: 'p', hasText: 'Sponsored', allow: true, kind: 'ad', at: 2, from: 'import' },
      ],
      '*': [{ selector: '.ad-banner', kind: 'ad', at: 3, from: 'import', extra: 'dropped' }],
      'has space': [rule('.a')],
      'a/b': [rule('.a')],
      'google.*': [rule('.a')],
      'empty.com': [],
      'notalist.com': 'x',
    };
    expect(sanitizeUserRules(stored)).toEqual({
      'example.com': [
        { selector: '.promo', kind: 'newsletter', at: 5, from: 'picker' },
        { selector: '.x', kind: 'ad', at: 0, from: 'options' },
        { selector: 'p', kind: 'ad', hasText: 'Sponsored', allow: true, at: 2, from: 'import' },
      ],
      '*': [{ selector: '.ad-banner', kind: 'ad', at: 3, from: 'import' }],
    });
  });

  it('caps the rules of a site', () => {
    const many = Array.from({ length: MAX_USER_RULES_PER_SITE + 5 }, (_, i) => rule(`.r${i}`));
    expect(sanitizeUserRules({ 'a.com': many })['a.com'].length).toBe(MAX_USER_RULES_PER_SITE);
  });
});

describe('userRuleProblem and selectorCheck', () => {
  it('names what is wrong with a rule', () => {
    expect(userRuleProblem({ selector: '  ' })).toBe('no selector');
    expect(userRuleProblem({ selector: `.${'a'.repeat(MAX_SELECTOR_LENGTH)}` })).toBe(`the selector is longer than ${MAX_SELECTOR_LENGTH} characters`);
    const notPlain = 'not a plain CSS selector (it holds { }, a comment, or an open bracket or quote)';
    expect(userRuleProblem({ selector: '.a{color:red}' })).toBe(notPlain);
    expect(userRuleProblem({ selector: '.a /* x */' })).toBe(notPlain);
    // A browser would close these at the end of the selector; in the stylesheet they would swallow the rules after.
    for (const open of ['div:not(.x', '[title="a]', 'a[href', '.a)', "[title='x]"]) expect(userRuleProblem({ selector: open }), open).toBe(notPlain);
    expect(userRuleProblem({ selector: '[title="a ) ] ("] :is(.b, [data-x="1"]) .c\\(' })).toBeNull();
    expect(userRuleProblem({ selector: '.a:style(color: red)' })).toBe(':style() is not supported (only one :has-text() at the end)');
    expect(userRuleProblem({ selector: 'div:has-text(x)' })).toBe(':has-text() is not supported (only one :has-text() at the end)');
    expect(userRuleProblem({ selector: 'div', hasText: '' })).toBe(':has-text() is empty');
    expect(userRuleProblem({ selector: 'div', hasText: 'x'.repeat(MAX_HAS_TEXT_LENGTH + 1) })).toMatch(/longer than/);
    expect(userRuleProblem({ selector: 'div', hasText: '/ad/g' })).toBe("the pattern's flags “g” are not supported (only i, m, s and u)");
    expect(userRuleProblem({ selector: 'div', hasText: '/a[/' })).toMatch(/^the :has-text\(\) pattern is not a valid regular expression \(/);
    expect(userRuleProblem({ selector: 'div.promo', hasText: '/^Sponsored/i' })).toBeNull();
  });

  it('checks selectors against a document: they must parse and must not name the whole page', () => {
    const check = selectorCheck(docFrom('<p>x</p>'));
    expect(userRuleProblem({ selector: 'div:::broken' }, check)).toBe('not a valid CSS selector');
    expect(userRuleProblem({ selector: 'body' }, check)).toBe('it would hide the whole page');
    expect(userRuleProblem({ selector: '*' }, check)).toBe('it would hide the whole page');
    expect(userRuleProblem({ selector: 'html' }, check)).toBe('it would hide the whole page');
    expect(userRuleProblem({ selector: 'body > .promo, .ad' }, check)).toBeNull();
  });

  it('finds the first procedural operator', () => {
    expect(proceduralOperator('div:xpath(//a):upward(1)')).toBe(':xpath');
    expect(proceduralOperator('div:HAS-TEXT(x)')).toBe(':has-text');
    expect(proceduralOperator('div:has-text(x)', [':has-text('])).toBeNull();
    expect(proceduralOperator('div:has(> p)')).toBeNull();
  });

  it('keys sites like the settings do', () => {
    expect(userSiteKey('WWW.Example.com.')).toBe('example.com');
    expect(userSiteKey('*')).toBe('*');
    for (const bad of ['', 'a b', 'a/b', 'google.*', '~a.com', 'a.com,b.com']) expect(userSiteKey(bad)).toBe('');
  });
});

describe('adding, editing and deleting', () => {
  it('adds a rule, and replaces in place the one with the same selector and text', () => {
    let all: UserRulesBySite = {};
    all = withUserRule(all, 'www.example.com', { selector: '.a', kind: 'ad', from: 'picker', at: 1 });
    all = withUserRule(all, 'example.com', { selector: '.b', kind: 'share', from: 'picker', at: 2 });
    all = withUserRule(all, 'example.com', { selector: '.a', kind: 'newsletter', from: 'options', at: 3 });
    all = withUserRule(all, 'example.com', { selector: '.a', hasText: 'Sign up', kind: 'newsletter', from: 'options', at: 4 });
    expect(all['example.com'].map((r) => [r.selector, r.hasText, r.kind, r.at])).toEqual([
      ['.a', undefined, 'newsletter', 3],
      ['.b', undefined, 'share', 2],
      ['.a', 'Sign up', 'newsletter', 4],
    ]);
    expect(findUserRule(all, 'example.com', '.a', 'Sign up')?.at).toBe(4);
    expect(findUserRule(all, 'example.com', '.a', 'other')).toBeUndefined();
  });

  it('stamps the time when none is given, and refuses bad sites and bad rules', () => {
    const before = Date.now();
    const all = withUserRule({}, 'a.com', { selector: '.x', kind: 'ad', from: 'picker' });
    expect(all['a.com'][0].at).toBeGreaterThanOrEqual(before);
    expect(withUserRule(all, 'not a site', { selector: '.y', kind: 'ad', from: 'picker' })).toBe(all);
    expect(withUserRule(all, 'a.com', { selector: '.y{}', kind: 'ad', from: 'picker' })).toEqual(all);
  });

  it('does not add past the cap: findUserRule tells', () => {
    let all: UserRulesBySite = { 'a.com': Array.from({ length: MAX_USER_RULES_PER_SITE }, (_, i) => rule(`.r${i}`)) };
    all = withUserRule(all, 'a.com', { selector: '.new', kind: 'ad', from: 'picker' });
    expect(findUserRule(all, 'a.com', '.new')).toBeUndefined();
    expect(all['a.com'].length).toBe(MAX_USER_RULES_PER_SITE);
  });

  it('deletes one rule, and the site when it has none left', () => {
    let all: UserRulesBySite = { 'a.com': [rule('.x'), rule('.x', { hasText: 'Ad' })], 'b.com': [rule('.y')] };
    all = withoutUserRule(all, 'a.com', '.x', 'Ad');
    expect(all['a.com']).toEqual([rule('.x')]);
    all = withoutUserRule(all, 'www.a.com', '.x');
    expect(all).toEqual({ 'b.com': [rule('.y')] });
    expect(withoutUserRule(all, 'nowhere.com', '.y')).toBe(all);
  });

  it('edits a rule in place, and refuses to make two rules one', () => {
    const all: UserRulesBySite = { 'a.com': [rule('.x'), rule('.y'), rule('.z')] };
    const edited = withEditedUserRule(all, 'a.com', { selector: '.y' }, { selector: '.w', kind: 'share', from: 'options', at: 9 })!;
    expect(edited['a.com'].map((r) => r.selector)).toEqual(['.x', '.w', '.z']);
    expect(edited['a.com'][1]).toEqual({ selector: '.w', kind: 'share', at: 9, from: 'options' });
    expect(withEditedUserRule(all, 'a.com', { selector: '.y' }, { selector: '.z', kind: 'ad', from: 'options' })).toBeNull();
    expect(withEditedUserRule(all, 'a.com', { selector: '.nope' }, { selector: '.q', kind: 'ad', from: 'options' })).toBeNull();
    // Same selector, new kind: fine.
    expect(withEditedUserRule(all, 'a.com', { selector: '.y' }, { selector: '.y', kind: 'related', from: 'options' })!['a.com'][1].kind).toBe('related');
  });
});

describe('mergeUserRules', () => {
  it('adds new rules, keeps every saved one as it is, and says why it refused the others', () => {
    const saved: UserRulesBySite = { 'a.com': [rule('.x', { kind: 'share' })], '*': [rule('.ad')] };
    const r = mergeUserRules(
      saved,
      [
        { site: 'a.com', rule: { selector: '.x', kind: 'share', from: 'import' } }, // the same: nothing to do
        { site: 'a.com', rule: { selector: '.x', kind: 'ad', from: 'import' } }, // differs: the saved one stays
        { site: 'www.a.com', rule: { selector: '.new', kind: 'ad', from: 'import' } },
        { site: '*', rule: { selector: '.ad', kind: 'ad', allow: true, from: 'import' } }, // an exception for a saved rule: refused
        { site: 'bad site', rule: { selector: '.q', kind: 'ad', from: 'import' } },
        { site: 'b.com', rule: { selector: '.q{}', kind: 'ad', from: 'import' } },
      ],
      7,
    );
    expect(r.added).toBe(1);
    expect(r.same).toBe(1);
    expect(r.refused).toEqual([
      { index: 1, reason: 'a different rule with this selector and text is saved for the site; the saved one stays' },
      { index: 3, reason: 'a different rule with this selector and text is saved for the site; the saved one stays' },
      { index: 4, reason: '“bad site” is not a site name' },
      { index: 5, reason: 'not a plain CSS selector (it holds { }, a comment, or an open bracket or quote)' },
    ]);
    expect(r.rules).toEqual({ 'a.com': [rule('.x', { kind: 'share' }), { selector: '.new', kind: 'ad', at: 7, from: 'import' }], '*': [rule('.ad')] });
  });

  it('refuses new rules past the cap and keeps every saved one', () => {
    const saved: UserRulesBySite = { 'a.com': Array.from({ length: MAX_USER_RULES_PER_SITE }, (_, i) => rule(`.r${i}`)) };
    const r = mergeUserRules(saved, [{ site: 'a.com', rule: { selector: '.more', kind: 'ad', from: 'import' } }]);
    expect(r.added).toBe(0);
    expect(r.refused[0].reason).toBe(`the site has the most rules there can be (${MAX_USER_RULES_PER_SITE})`);
    expect(r.rules['a.com']).toEqual(saved['a.com']);
    expect(countUserRules(r.rules)).toBe(MAX_USER_RULES_PER_SITE);
  });
});

describe('rules for a page', () => {
  const builtin: SiteRules[] = [
    {
      host: 'news.example.com',
      rules: [
        { kind: 'ad', selector: '.ad-slot', reason: 'ad slot' },
        { kind: 'share', selector: '.share', reason: 'share bar' },
      ],
    },
    { host: 'other.org', rules: [{ kind: 'ad', selector: '.x', reason: 'x' }] },
  ];
  const user: UserRulesBySite = {
    'example.com': [rule('.promo', { kind: 'newsletter' }), rule('.share', { allow: true })],
    'news.example.com': [rule('p.sponsor', { hasText: '/^Sponsored/i' })],
    '*': [rule('.ad-banner'), rule('.promo', { allow: true, hasText: 'x' })],
    'elsewhere.net': [rule('.nope')],
  };

  it('gives the user rules of the site, its parent domains and every site, exceptions applied', () => {
    const sites = userSiteRules(user, 'm.news.example.com');
    expect(sites.map((s) => [s.host, s.user, s.rules.map((r) => r.selector)])).toEqual([
      ['news.example.com', true, ['p.sponsor']],
      ['example.com', true, ['.promo']],
      ['*', true, ['.ad-banner']],
    ]);
    expect(sites[0].rules[0]).toEqual({ kind: 'ad', selector: 'p.sponsor', hasText: '/^Sponsored/i', reason: 'p.sponsor:has-text(/^Sponsored/i)' });
    expect(userSiteRules(user, 'unrelated.com').map((s) => s.host)).toEqual(['*']);
    expect(userSiteRules(user, '')).toEqual([]);
  });

  it('cancels bundled rules with the user’s exceptions, on their site only', () => {
    const page = rulesForPage('www.news.example.com', builtin, user);
    expect(page.map((s) => [s.host, s.rules.map((r) => r.selector)])).toEqual([
      ['news.example.com', ['.ad-slot']], // .share: cancelled by the exception for example.com
      ['news.example.com', ['p.sponsor']],
      ['example.com', ['.promo']],
      ['*', ['.ad-banner']],
    ]);
    expect(rulesForPage('other.org', builtin, user).map((s) => [s.host, s.rules.map((r) => r.selector)])).toEqual([
      ['other.org', ['.x']],
      ['*', ['.ad-banner']],
    ]);
  });

  it('lets a generic exception cancel a site rule, and an exception with text only the rule with that text', () => {
    const all: UserRulesBySite = {
      'a.com': [rule('.x'), rule('.y', { hasText: 'Ad' }), rule('.y')],
      '*': [rule('.x', { allow: true }), rule('.y', { allow: true, hasText: 'Ad' })],
    };
    expect(userSiteRules(all, 'a.com').map((s) => s.rules.map((r) => [r.selector, r.hasText]))).toEqual([[['.y', undefined]]]);
  });
});

describe('kindOfName', () => {
  it('reads one kind from class names, ids and selectors alike; null when they say none', () => {
    expect(kindOfName('c-shareBar')).toBe('share');
    expect(kindOfName('.newsletter-signup')).toBe('newsletter');
    expect(kindOfName('breaking-alerts box')).toBe('newsletter');
    expect(kindOfName('#read-more-carousel')).toBe('related');
    expect(kindOfName('recirc-module')).toBe('related');
    expect(kindOfName('div-gpt-ad-123')).toBe('ad');
    expect(kindOfName('adSlot sponsored')).toBe('ad');
    expect(kindOfName('tip-card header')).toBeNull();
    expect(kindOfName('download')).toBeNull();
  });

  it('is the one vocabulary the ad, newsletter and share detectors and the rule learner read: each of its words says its kind', () => {
    for (const [kind, g] of Object.entries(CLASS_KIND)) for (const w of g.words as Set<string>) expect(kindOfName(`x-${w}`), w).toBe(kind);
    // Paid placements are ads wherever they are named: the detector said so for `taboola`, the importer did not.
    expect(kindOfName('.taboola-feed')).toBe('ad');
    expect(kindOfName('.outbrain-widget')).toBe('ad');
    expect(kindOfName('sponsored-slot')).toBe('ad');
    // A site's own promotions and banners are not told by their name (a story promo, a cookie banner, the masthead).
    expect(kindOfName('story-promo')).toBeNull();
    expect(kindOfName('top-banner')).toBeNull();
    // An author's social links are not a share bar.
    expect(kindOfName('author-social')).toBeNull();
  });
});
