/**
 * The early styles (lib/extension/background/early-style.ts): which selectors a site's pages hide
 * before they paint — the user's plain-CSS rules (the site's, its parent domains', every site's),
 * exceptions applied, and the site's learned rules that are on — and how they are stored, one key
 * per site (lib/extension/storage/early.ts), against an in-memory storage.local: written when the
 * rules or settings change, removed when nothing is left or the site or extension is off, bounded,
 * and never thrown off by corrupt storage (test/early-style-storage.test.ts has the writes). And the page's side (lib/extension/content/early.ts):
 * one <style> put in while the page parses, taken over by the content script.
 */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { selectorChecker, siteStylesheet } from '../lib/engine/apply/site-style';
import { sites as builtInSites } from '../lib/rules/sites/index';
import { MAX_EARLY_TOTAL_CHARS, earlySelectors, earlyStyles, learnedOn, type EarlyInputs } from '../lib/extension/background/early-style';
import { MAX_EARLY_CHARS, MAX_EARLY_SELECTORS, earlyFor, earlyKey, earlyKeys, sanitizeEarly } from '../lib/extension/storage/early';
import { EARLY_STYLE_ID, earlyRule, putEarlyStyle, takeOverEarlyStyle } from '../lib/extension/content/early';
import { DEFAULT_SETTINGS } from '../lib/extension/storage/settings';
import type { UserRule, UserRulesBySite } from '../lib/extension/storage/types';

const valid = selectorChecker(parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document);

const rule = (selector: string, more: Partial<UserRule> = {}): UserRule => ({ selector, kind: 'ad', at: 1, from: 'options', ...more });
const learnedRule = (selector: string, more: Record<string, unknown> = {}) => ({
  kind: 'promo',
  selector,
  reason: 'recurs on the site’s pages',
  samples: ['a', 'b'],
  confidence: 0.9,
  foundBy: 'template',
  at: 1,
  ...more,
});

function inputs(over: Partial<EarlyInputs> = {}): EarlyInputs {
  return { settings: { ...DEFAULT_SETTINGS, disabledSites: [] }, userRules: {}, learned: {}, builtIn: [], ...over };
}

describe('a site’s early selectors', () => {
  const userRules: UserRulesBySite = {
    'example.com': [rule('.house-promo'), rule('.partner', { hasText: 'Sponsored' }), rule('.team-box')],
    'news.example.com': [rule('#newsletter-box'), rule('.team-box', { allow: true })],
    '*': [rule('.cookie-wall'), rule('.social-share')],
    'other.org': [rule('.other-only')],
  };

  it('holds the user’s plain-CSS rules of the site, its parent domains and every site, in that order, without :has-text() rules', () => {
    expect(earlySelectors('example.com', inputs({ userRules }), valid)).toEqual(['.house-promo', '.team-box', '.cookie-wall', '.social-share']);
    expect(earlySelectors('www.example.com', inputs({ userRules }), valid)).toEqual(['.house-promo', '.team-box', '.cookie-wall', '.social-share']);
  });

  it('leaves out the rules an exception of the site cancels, its parent’s and every site’s', () => {
    const withAllow: UserRulesBySite = { ...userRules, 'news.example.com': [...userRules['news.example.com'], rule('.cookie-wall', { allow: true })] };
    expect(earlySelectors('news.example.com', inputs({ userRules: withAllow }), valid)).toEqual(['#newsletter-box', '.house-promo', '.social-share']);
  });

  it('is empty on a site with no rules of its own: every site’s rules alone wait for the content script', () => {
    expect(earlySelectors('plain.net', inputs({ userRules }), valid)).toEqual([]);
  });

  it('on a site with built-in rules holds every site’s rules, but none of the built-in ones (the browser has them in already)', () => {
    const host = builtInSites[0].host;
    const builtInSelector = builtInSites[0].rules.find((r) => r.hasText === undefined)!.selector;
    const all: UserRulesBySite = { '*': [rule('.cookie-wall'), rule(builtInSelector)] };
    expect(earlySelectors(host, inputs({ userRules: all, builtIn: builtInSites }), valid)).toEqual(['.cookie-wall']);
  });

  it('is empty on a site turned off, and everywhere when the extension is off', () => {
    expect(earlySelectors('example.com', inputs({ userRules, settings: { enabled: true, disabledSites: ['example.com'], learn: true } }), valid)).toEqual([]);
    expect(earlySelectors('example.com', inputs({ userRules, settings: { enabled: false, disabledSites: [], learn: true } }), valid)).toEqual([]);
    expect(earlyStyles(inputs({ userRules, settings: { enabled: false, disabledSites: [], learn: true } }), valid).size).toBe(0);
  });

  it('leaves out selectors too costly for the browser to match on every change, or naming the page’s frame', () => {
    const all: UserRulesBySite = { 'example.com': [rule('div:has(+ .x)'), rule('body'), rule(':root'), rule('.ok'), rule('head + body')] };
    expect(earlySelectors('example.com', inputs({ userRules: all }), valid)).toEqual(['.ok']);
  });

  it('holds the site’s learned rules that are on, after the user’s, without those switched off, tied to a text or cancelled by an exception', () => {
    const learned = learnedOn({
      'example.com': {
        pages: 3,
        at: 1,
        rules: [
          learnedRule('.site-tagline'),
          learnedRule('.donate-ask', { off: 'user' }),
          learnedRule('.kept-box', { off: 'kept' }),
          learnedRule('p.motto', { hasText: 'Democracy dies' }),
          learnedRule('.team-box'), // the user has it already
          learnedRule('.cancelled'),
        ],
      },
      'other.org': { pages: 2, at: 1, rules: [learnedRule('.elsewhere')] },
    });
    const own: UserRulesBySite = { 'example.com': [rule('.team-box'), rule('.cancelled', { allow: true })] };
    expect(earlySelectors('example.com', inputs({ userRules: own, learned }), valid)).toEqual(['.team-box', '.site-tagline']);
    // Learned rules alone make a site one with rules of its own.
    expect(earlySelectors('other.org', inputs({ learned }), valid)).toEqual(['.elsewhere']);
  });

  it('stops at MAX_EARLY_SELECTORS, the site’s own rules first', () => {
    const many = Array.from({ length: MAX_EARLY_SELECTORS + 50 }, (_, i) => rule(`.own-${i}`));
    const all: UserRulesBySite = { 'example.com': many, '*': [rule('.generic')] };
    const out = earlySelectors('example.com', inputs({ userRules: all }), valid);
    expect(out).toHaveLength(MAX_EARLY_SELECTORS);
    expect(out[0]).toBe('.own-0');
    expect(out).not.toContain('.generic');
  });

  it('stops at MAX_EARLY_CHARS characters', () => {
    const long = (i: number) => `.${String(i).padStart(4, '0')}-${'x'.repeat(400)}`;
    const all: UserRulesBySite = { 'example.com': Array.from({ length: 200 }, (_, i) => rule(long(i))) };
    const out = earlySelectors('example.com', inputs({ userRules: all }), valid);
    expect(out.join('').length).toBeLessThanOrEqual(MAX_EARLY_CHARS);
    expect(out.length).toBe(Math.floor(MAX_EARLY_CHARS / long(0).length));
  });

  it('shares MAX_EARLY_TOTAL_CHARS among the sites: 2,000 sites with every site’s 1,000 rules stay within it', () => {
    const generic = Array.from({ length: 1000 }, (_, i) => rule(`.generic-rule-number-${i}`));
    const all: UserRulesBySite = { '*': generic };
    for (let i = 0; i < 2000; i++) all[`site${i}.example`] = [rule('.own')];
    const styles = earlyStyles(inputs({ userRules: all }), valid);
    expect(styles.size).toBe(2000);
    const total = [...styles.values()].reduce((n, list) => n + list.join('').length, 0);
    expect(total).toBeLessThanOrEqual(MAX_EARLY_TOTAL_CHARS);
    expect(styles.get('site7.example')?.[0]).toBe('.own');
  });
});

describe('the sites with an early style', () => {
  it('gives a site turned off under a parent domain with selectors an empty list, so its pages take none of the parent’s', () => {
    const userRules: UserRulesBySite = { 'example.com': [rule('.house-promo')] };
    const settings = { enabled: true, disabledSites: ['news.example.com', 'quiet.org'], learn: true };
    const styles = earlyStyles(inputs({ userRules, settings }), valid);
    expect([...styles]).toEqual([
      ['example.com', ['.house-promo']],
      ['news.example.com', []],
    ]);
    // A page of each reads its own key first, then its parents'.
    const values = Object.fromEntries([...styles].map(([s, v]) => [earlyKey(s), v]));
    expect(earlyFor(earlyKeys('news.example.com'), values)).toEqual([]);
    expect(earlyFor(earlyKeys('live.example.com'), values)).toEqual(['.house-promo']);
    expect(earlyFor(earlyKeys('quiet.org'), values)).toEqual([]);
  });

  it('for one site: that site and its subdomains only', () => {
    const userRules: UserRulesBySite = { 'example.com': [rule('.a')], 'news.example.com': [rule('.b')], 'other.org': [rule('.c')] };
    expect([...earlyStyles(inputs({ userRules }), valid, 'example.com').keys()].sort()).toEqual(['example.com', 'news.example.com']);
  });
});

describe('learned rules read from storage', () => {
  it('keeps what it can of a corrupt value and never throws', () => {
    for (const bad of [null, 'x', 42, [], [{ selector: '.a' }]]) expect(learnedOn(bad)).toEqual({});
    const out = learnedOn({
      'ok.com': { rules: [learnedRule('.good'), { selector: 5 }, null, learnedRule('.x{color:red}'), learnedRule('div:upward(2)'), learnedRule('   ')] },
      'no-rules.com': { rules: 'nope' },
      'null.com': null,
      '*': { rules: [learnedRule('.everywhere')] },
      'bad site/with slash': { rules: [learnedRule('.z')] },
      __proto__: { rules: [learnedRule('.proto')] },
    });
    expect(Object.keys(out)).toEqual(['ok.com']);
    expect(out['ok.com'].rules.map((r) => r.selector)).toEqual(['.good']);
  });
});

describe('the stored value, as a page reads it', () => {
  it('is a list of selectors, each without a brace or a comment, within the caps; anything else is none', () => {
    expect(sanitizeEarly(['.a', 5, '', '.b{}', '.c/*', '.d'])).toEqual(['.a', '.d']);
    for (const bad of [null, '.a', { 0: '.a' }, 3]) expect(sanitizeEarly(bad)).toBeNull();
    expect(sanitizeEarly(Array.from({ length: MAX_EARLY_SELECTORS + 5 }, (_, i) => `.s${i}`))).toHaveLength(MAX_EARLY_SELECTORS);
    expect(sanitizeEarly(['.' + 'x'.repeat(MAX_EARLY_CHARS)])).toEqual([]);
  });

  it('is read from the page’s site key, then its parent domains’; a corrupt key is passed over', () => {
    expect(earlyKeys('news.example.com')).toEqual(['early:news.example.com', 'early:example.com', 'early:com']);
    expect(earlyKeys('localhost')).toEqual(['early:localhost']);
    expect(earlyKeys('')).toEqual([]);
    const keys = earlyKeys('news.example.com');
    expect(earlyFor(keys, { 'early:news.example.com': 'garbage', 'early:example.com': ['.a'] })).toEqual(['.a']);
    expect(earlyFor(keys, {})).toEqual([]);
  });
});

describe('the early style on a page', () => {
  function page(html = '<!doctype html><html><head></head><body><div class="promo"></div><p>text</p></body></html>') {
    return parseHTML(html).document as unknown as Document;
  }

  it('hides as the content script’s stylesheet does: never a kept block, what it holds, or a block shown for a moment', () => {
    expect(earlyRule('.promo')).toBe(siteStylesheet(['.promo']));
  });

  it('is one <style> with a rule per selector; a selector the browser refuses is dropped alone', () => {
    const doc = page();
    const world = {};
    const style = putEarlyStyle(doc, ['.promo', 'a[', '#x'], world)!;
    expect(style.id).toBe(EARLY_STYLE_ID);
    expect(style.parentNode).toBe(doc.head);
    const selectorOf = (r: string) => r.slice(0, r.indexOf('{'));
    expect(Array.from(style.sheet!.cssRules, (r) => (r as CSSStyleRule).selectorText)).toEqual([selectorOf(earlyRule('.promo')), selectorOf(earlyRule('#x'))]);
    expect(doc.querySelectorAll(`#${EARLY_STYLE_ID}`)).toHaveLength(1);
  });

  it('is put in only with a selector, and not once the content script has taken over', () => {
    const doc = page();
    expect(putEarlyStyle(doc, [], {})).toBeNull();
    expect(putEarlyStyle(doc, ['a['], {})).toBeNull();
    expect(doc.getElementById(EARLY_STYLE_ID)).toBeNull();
    const world = {};
    expect(takeOverEarlyStyle(world)).toBe(false);
    expect(putEarlyStyle(doc, ['.promo'], world)).toBeNull();
    expect(doc.getElementById(EARLY_STYLE_ID)).toBeNull();
  });

  it('is taken over (removed) by the content script of its own world; an element of the page with the same id is left alone', () => {
    const doc = page(`<!doctype html><html><head><style id="${EARLY_STYLE_ID}">.page-own{}</style></head><body></body></html>`);
    const world = {};
    const style = putEarlyStyle(doc, ['.promo'], world)!;
    expect(takeOverEarlyStyle({})).toBe(false); // another world's
    expect(style.isConnected).toBe(true);
    expect(takeOverEarlyStyle(world)).toBe(true);
    expect(style.isConnected).toBe(false);
    expect(doc.getElementById(EARLY_STYLE_ID)?.textContent).toBe('.page-own{}');
    expect(takeOverEarlyStyle(world)).toBe(false);
  });
});
