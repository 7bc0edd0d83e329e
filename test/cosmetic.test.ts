/**
 * The filter list importer: the cosmetic lines of uBlock Origin / Adblock Plus / EasyList lists
 * it supports become user rules; every other line is reported with its number and the reason.
 */
import { describe, expect, it } from 'vitest';
import { kindOfSelector, parseCosmeticList, splitHasText, MAX_PROBLEM_TEXT } from '../lib/extension/storage/filter-list';
import { selectorCheck } from '../lib/extension/storage/user-rules';
import { docFrom } from './helpers/dom';

/** A list in the shape of a real one: header, comments, network filters, cosmetic lines. */
const LIST = `[Adblock Plus 2.0]
! Title: My news cleanup
! Expires: 4 days
! Homepage: https://example.org/lists

! --- news sites ---
globalnews.ca##.c-newsletterSignup
www.cnbc.com,nbcnews.com##.RelatedContent-container
##.ad-banner
##div[id^="div-gpt-ad"]
example.com#@#.ad-banner
example.com##.story-tools:has-text(Share this)
example.com##p.dek:has-text(/^sponsored/i)
||doubleclick.net^$third-party
@@||example.com/ads.js$script
/banner/*/img^
~example.com##.promo
google.*##.ads
example.com#?#div:-abp-has(> span.label)
example.com#$#body { overflow: auto !important; }
example.com##+js(set-constant, adsEnabled, false)
example.com#%#window.ads = [];
example.com##^script:has-text(adblock)
example.com##div:upward(2)
example.com##.x:has-text(a):has-text(b)
example.com##div:has-text(Ad) > span
example.com##div:::broken
example.com##.a:style(display: block !important)
example.com##body
`;

describe('parseCosmeticList', () => {
  const check = selectorCheck(docFrom('<p>x</p>'));
  const { rules, problems } = parseCosmeticList(LIST, check);

  it('turns the supported lines into rules, one per site', () => {
    expect(rules.map((r) => [r.line, r.site, r.rule.selector, r.rule.hasText, r.rule.allow, r.rule.kind])).toEqual([
      [7, 'globalnews.ca', '.c-newsletterSignup', undefined, undefined, 'newsletter'],
      [8, 'cnbc.com', '.RelatedContent-container', undefined, undefined, 'related'],
      [8, 'nbcnews.com', '.RelatedContent-container', undefined, undefined, 'related'],
      [9, '*', '.ad-banner', undefined, undefined, 'ad'],
      [10, '*', 'div[id^="div-gpt-ad"]', undefined, undefined, 'ad'],
      [11, 'example.com', '.ad-banner', undefined, true, 'ad'],
      [12, 'example.com', '.story-tools', 'Share this', undefined, 'ad'],
      [13, 'example.com', 'p.dek', '/^sponsored/i', undefined, 'ad'],
    ]);
    expect(rules.every((r) => r.rule.from === 'import')).toBe(true);
  });

  it('skips comments, the header and blank lines silently, and reports every other line with its reason', () => {
    expect(problems.map((p) => [p.line, p.reason])).toEqual([
      [14, 'a network filter (it blocks requests); only element hiding rules (##) are imported'],
      [15, 'a network filter (it blocks requests); only element hiding rules (##) are imported'],
      [16, 'a network filter (it blocks requests); only element hiding rules (##) are imported'],
      [17, 'sites excluded with ~ (~example.com) are not supported'],
      [18, '“google.*” names every domain ending; name each site'],
      [19, 'procedural filters (#?#) are not supported'],
      [20, 'style injection (#$#) is not supported'],
      [21, 'scriptlets (+js, #%#) are not supported'],
      [22, 'scriptlets (+js, #%#) are not supported'],
      [23, 'HTML filters (##^, $$) are not supported'],
      [24, ':upward() is not supported (only one :has-text() at the end)'],
      [25, 'only one :has-text() is supported'],
      [26, ':has-text() must come last'],
      [27, 'not a valid CSS selector'],
      [28, ':style() is not supported (only one :has-text() at the end)'],
      [29, 'it would hide the whole page'],
    ]);
    expect(problems[0].text).toBe('||doubleclick.net^$third-party');
  });

  it('reports bad hosts, empty selectors and bad patterns', () => {
    const r = parseCosmeticList(
      [
        'exa mple.com##.a',
        'example.com##',
        'example.com##p:has-text(/a[/)',
        'example.com##p:has-text(/ad/g)',
        'example.com##p:has-text()',
        '/^https?:\\/\\/news\\./##.a',
        'example.com:8080##.a',
        'example.com$$script[tag-content="ad"]',
      ].join('\n'),
    );
    expect(r.rules).toEqual([]);
    expect(r.problems.map((p) => [p.line, p.reason])).toEqual([
      [1, '“exa mple.com” is not a site name'],
      [2, 'no selector'],
      [3, expect.stringMatching(/^the :has-text\(\) pattern is not a valid regular expression \(.+\)$/)],
      [4, "the pattern's flags “g” are not supported (only i, m, s and u)"],
      [5, ':has-text() is empty'],
      [6, 'a network filter (it blocks requests); only element hiding rules (##) are imported'],
      [7, '“example.com:8080” is not a site name'],
      [8, 'HTML filters (##^, $$) are not supported'],
    ]);
  });

  it('reads Windows and old Mac line ends, host case and www., and a `*` host as every site', () => {
    const r = parseCosmeticList('WWW.Example.COM##.a\r\n*##.b\r! comment\r\nexample.com###sidebar-ad');
    expect(r.problems).toEqual([]);
    expect(r.rules.map((x) => [x.line, x.site, x.rule.selector])).toEqual([
      [1, 'example.com', '.a'],
      [2, '*', '.b'],
      [4, 'example.com', '#sidebar-ad'],
    ]);
  });

  it('takes international host names in their ASCII form', () => {
    const r = parseCosmeticList('bücher.de##.werbung');
    expect(r.rules.map((x) => x.site)).toEqual(['xn--bcher-kva.de']);
  });

  it('without a document, leaves the CSS engine’s check to the engine (text checks still apply)', () => {
    const r = parseCosmeticList('example.com##div:::broken\nexample.com##.open[title="x]');
    expect(r.rules.map((x) => x.rule.selector)).toEqual(['div:::broken']);
    expect(r.problems.map((p) => [p.line, p.reason])).toEqual([[2, 'not a plain CSS selector (it holds { }, a comment, or an open bracket or quote)']]);
  });

  it('cuts long lines in its report', () => {
    const long = `||${'a'.repeat(500)}.com^`;
    const r = parseCosmeticList(long);
    expect(r.problems[0].text.length).toBe(MAX_PROBLEM_TEXT);
    expect(r.problems[0].text.endsWith('…')).toBe(true);
  });
});

describe('splitHasText', () => {
  it('splits one :has-text() at the end, parentheses in its text or pattern included', () => {
    expect(splitHasText('div.box')).toEqual({ selector: 'div.box' });
    expect(splitHasText('div.box:has-text(Sponsored (ad))')).toEqual({ selector: 'div.box', hasText: 'Sponsored (ad)' });
    expect(splitHasText('li:has-text(/^(ad|promo)\\)/i)')).toEqual({ selector: 'li', hasText: '/^(ad|promo)\\)/i' });
    expect(splitHasText(':has-text(x)')).toEqual({ problem: ':has-text() needs a selector before it' });
    expect(splitHasText('div:has-text(a):not(.x)')).toEqual({ problem: ':has-text() must come last' });
    expect(splitHasText('div:has-text(a) .x')).toEqual({ problem: ':has-text() must come last' });
  });
});

describe('kindOfSelector', () => {
  it('reads the kind from words in the selector; ad otherwise', () => {
    expect(kindOfSelector('.newsletter-signup')).toBe('newsletter');
    expect(kindOfSelector('div[class*="subscribe"]')).toBe('newsletter');
    expect(kindOfSelector('.related-articles')).toBe('related');
    expect(kindOfSelector('#read-more-carousel')).toBe('related');
    expect(kindOfSelector('.social-share-bar')).toBe('share');
    expect(kindOfSelector('.sharethis-inline')).toBe('share');
    expect(kindOfSelector('#div-gpt-ad-123')).toBe('ad');
    expect(kindOfSelector('.sidebar > .box')).toBe('ad');
  });
});
