/**
 * Rules that would hurt the engine or the page, wherever they come from: a user's rule, a filter
 * list, a backup, a site rule file (`--rules`), or a rule stored by an older version that only the
 * engine sees. A `:has-text()` pattern that backtracks for ever is matched in linear time.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { analyze } from '../lib/engine/analyze';
import { HIDDEN_ATTR } from '../lib/engine/apply/hide';
import { KEEP_ATTR, SITE_STYLE_ID, selectorChecker, siteSelectors, siteStylesheet } from '../lib/engine/apply/site-style';
import { MAX_HAS_PER_SELECTOR, selectorCost } from '../lib/engine/find/selector-cost';
import { MAX_PATTERN_WORK } from '../lib/engine/find/text-pattern';
import type { SiteRules } from '../lib/engine/types';
import { parseSiteRules } from '../lib/rules/parse';
import { EXPORT_FORMAT, parseSettingsExport } from '../lib/extension/storage/backup';
import { parseCosmeticList } from '../lib/extension/storage/filter-list';
import { PageCleaner } from '../lib/extension/content/cleaner';
import type { Clock } from '../lib/extension/content/watcher';
import { selectorCheck, userRuleProblem, type UserRule } from '../lib/extension/storage/user-rules';
import { articlePage, docFrom } from './helpers/dom';

/** 30 boxes of forty a's and a "!": `/^(a+)+$/` takes the browser's matcher 2^40 steps on each. */
const AAA_BOXES = Array.from({ length: 30 }, (_, i) => `<div class="box" id="a${i}">${'a'.repeat(40)}!</div>`).join('');
const ON_PAGE = 'news.example.com';

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

describe(':has-text() patterns that make a backtracking matcher run for ever', () => {
  it('are matched in linear time by the engine: no answer is lost, none takes long', () => {
    const doc = docFrom(articlePage(`${AAA_BOXES}<div class="promo" id="p1">Promo</div>`));
    const sites: SiteRules[] = [
      {
        host: ON_PAGE,
        rules: [
          { kind: 'ad', selector: 'div.box', hasText: '/^(a+)+$/', reason: 'never matches: each box ends in "!"' },
          { kind: 'ad', selector: '.promo', reason: 'another rule' },
        ],
      },
    ];
    const { value, ms } = timed(() => analyze(doc, { sites, url: `https://${ON_PAGE}/a` }));
    expect(ms).toBeLessThan(3000);
    expect(value.report.errors).toEqual([]);
    expect(value.report.blocks.map((b) => b.rule)).toEqual([`site:${ON_PAGE} .promo`]);

    const matching: SiteRules[] = [{ host: ON_PAGE, rules: [{ kind: 'ad', selector: 'div.box', hasText: '/^(a+)+!$/', reason: 'every box' }] }];
    const again = timed(() => analyze(doc, { sites: matching, url: `https://${ON_PAGE}/a` }));
    expect(again.ms).toBeLessThan(3000);
    expect(again.value.report.blocks).toHaveLength(30);
  });

  it('a pattern that works too much on a page is switched off there, with the reason; the other rules still clean it', () => {
    // A forum thread of long posts: `(?:\\w+\\s?){40}x` keeps many threads alive at every character of them (about two million steps a post).
    const post = (i: number) =>
      `<div class="comment" id="c${i}"><p>${'I have lived on this street for thirty years and the roads have never been this bad and nobody at the council seems to care about it at all '.repeat(150)}</p></div>`;
    const doc = docFrom(
      articlePage('', { after: `<section class="comments">${Array.from({ length: 6 }, (_, i) => post(i)).join('')}</section><div class="promo">Promo</div>` }),
    );
    const hasText = '/(?:\\w+\\s?){40}x/';
    const sites: SiteRules[] = [
      {
        host: ON_PAGE,
        user: true,
        rules: [
          { kind: 'ad', selector: 'div.comment', hasText, reason: 'a costly pattern' },
          { kind: 'ad', selector: '.promo', reason: 'another rule' },
        ],
      },
    ];
    const { report } = analyze(doc, { sites, url: `https://${ON_PAGE}/a` });
    expect(report.errors).toEqual([
      {
        source: `site:${ON_PAGE}`,
        message: `:has-text() pattern "${hasText}" switched off on this page: the pattern needed more than ${MAX_PATTERN_WORK.toLocaleString('en')} steps on this page's texts`,
      },
    ]);
    expect(report.blocks.map((b) => b.rule)).toEqual([`user:${ON_PAGE} .promo`]);
  });

  it('a pattern no linear matcher can take, stored by an older version, is reported and skipped; the other rules still clean the page', () => {
    const doc = docFrom(articlePage(`${AAA_BOXES}<div class="promo" id="p1">Promo</div>`));
    const sites: SiteRules[] = [
      {
        host: ON_PAGE,
        user: true,
        rules: [
          { kind: 'ad', selector: 'div.box', hasText: '/^(a|a)*\\1$/', reason: 'a backreference' },
          { kind: 'ad', selector: '.promo', reason: 'another rule' },
        ],
      },
    ];
    const { value, ms } = timed(() => analyze(doc, { sites, url: `https://${ON_PAGE}/a` }));
    expect(ms).toBeLessThan(3000);
    expect(value.report.errors).toEqual([
      { source: `site:${ON_PAGE}`, message: 'invalid :has-text() pattern "/^(a|a)*\\1$/": backreferences (\\1) are not supported' },
    ]);
    expect(value.report.blocks.map((b) => b.rule)).toEqual([`user:${ON_PAGE} .promo`]);
  });

  it('a pattern that backtracks is taken where rules enter; one no linear matcher can take is refused there, with the reason', () => {
    const check = selectorCheck(docFrom('<p>x</p>'));
    // A user's rule (the options page, the picker, a stored rule).
    expect(userRuleProblem({ selector: 'div.box', hasText: '/^(a+)+$/' }, check)).toBeNull();
    expect(userRuleProblem({ selector: 'div.box', hasText: '/(ad)\\1/' }, check)).toBe(
      'the :has-text() pattern has a backreference (\\1, \\k<name>), which cannot be matched in a bounded time',
    );
    expect(userRuleProblem({ selector: 'div.box', hasText: '/ad(?=s)/i' }, check)).toMatch(/^the :has-text\(\) pattern has a lookahead or lookbehind/);
    expect(userRuleProblem({ selector: 'div.box', hasText: '/(?:\\w+\\s){300}/' }, check)).toBe(
      'the :has-text() pattern repeats too much to be matched in a bounded time (more than 1000 steps)',
    );

    // A filter list.
    const list = parseCosmeticList('example.com##div.box:has-text(/^(a+)+$/)\nexample.com##div.box:has-text(/(ad)\\1/)\n', check);
    expect(list.rules.map((r) => r.rule.hasText)).toEqual(['/^(a+)+$/']);
    expect(list.problems).toEqual([{ line: 2, text: 'example.com##div.box:has-text(/(ad)\\1/)', reason: expect.stringMatching(/backreference/) }]);

    // A backup.
    const backup = JSON.stringify({
      format: EXPORT_FORMAT,
      version: 1,
      userRules: {
        'example.com': [
          { selector: 'div.box', hasText: '/^(a+)+$/', kind: 'ad' },
          { selector: 'div.box', hasText: '/(?<!x)ad/', kind: 'ad' },
        ],
      },
    });
    const parsed = parseSettingsExport(backup, check);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.userRules.map((r) => r.rule.hasText)).toEqual(['/^(a+)+$/']);
    expect(parsed.problems).toEqual([{ where: 'rule 2 for example.com', reason: expect.stringMatching(/lookahead or lookbehind/) }]);

    // A site rule file (the built-in rules, the CLI's --rules, the learning tool).
    const site = parseSiteRules({
      host: 'example.com',
      rules: [
        { kind: 'ad', selector: 'div.box', hasText: '/^(a+)+$/' },
        { kind: 'ad', selector: 'div.box', hasText: '/(ad)\\1/' },
        { kind: 'ad', selector: 'div.box', hasText: 7 },
      ],
    });
    expect(site.rules?.rules.map((r) => r.hasText)).toEqual(['/^(a+)+$/']);
    expect(site.problems).toEqual(['rule 2: "hasText" /(ad)\\1/: backreferences (\\1) are not supported', 'rule 3: "hasText" must be text or a /regex/']);
  });
});

/** A list of 3,000 rows, each a few divs deep. */
const ROWS = `<div class="rows">${Array.from({ length: 3000 }, (_, i) => `<div class="row"><div><div><div><span>Row ${i}</span></div></div></div></div>`).join('')}</div>`;
const COSTLY = 'div:has(~ div div div):has(~ div div div div)';

describe(':has() shapes too costly to match', () => {
  it('tells the costly shapes from the ones filter lists use', () => {
    for (const costly of [
      COSTLY,
      'div:has(~ .x)',
      'li:has(+ .ad)',
      '.a:has(> b ~ c)',
      ':is(div:has(+ p))',
      'div:not(:has(~ p))',
      'div:HAS(~ p)',
      'div:h\\61s(~ p)',
      'div:h\\000061 s(+ p)',
    ]) {
      expect(selectorCost(costly), costly).toBe('has-sibling');
    }
    expect(selectorCost('div:has(:has(p))')).toBe('has-nested');
    expect(selectorCost('div:has(:is(a, :has(p)))')).toBe('has-nested');
    expect(selectorCost(Array.from({ length: MAX_HAS_PER_SELECTOR + 1 }, (_, i) => `.c${i}:has(p)`).join(', '))).toBe('has-count');
    for (const fine of [
      'div:has(> img)',
      '.card:has(.label)',
      'div:has(div div a)',
      'div:has(> .a:nth-child(2n+1))',
      'div:has([class~="ad"])',
      'div:has([title="a ~ b + c"])',
      'div:has(.a\\~b)',
      '.a ~ .b + .c',
      'a[href~="x"] + b',
      Array.from({ length: MAX_HAS_PER_SELECTOR }, (_, i) => `.c${i}:has(p)`).join(', '),
    ]) {
      expect(selectorCost(fine), fine).toBeNull();
    }
  });

  it('the engine refuses one, says why and goes on with the other rules, at once', () => {
    const doc = docFrom(articlePage(`${ROWS}<div class="promo" id="p1">Promo</div>`));
    const sites: SiteRules[] = [
      {
        host: ON_PAGE,
        user: true,
        rules: [
          { kind: 'ad', selector: COSTLY, reason: 'stored by an older version' },
          { kind: 'ad', selector: '.promo', reason: 'another rule' },
        ],
      },
    ];
    const { value, ms } = timed(() => analyze(doc, { sites, url: `https://${ON_PAGE}/a` }));
    expect(ms).toBeLessThan(5000);
    expect(value.report.errors).toEqual([
      {
        source: `site:${ON_PAGE}`,
        message: `selector "${COSTLY}" refused: a :has() with a sibling combinator (~ or +) inside searches every later sibling of every element it is tried on`,
      },
    ]);
    expect(value.report.blocks.map((b) => b.rule)).toEqual([`user:${ON_PAGE} .promo`]);
  });

  it('the stylesheet leaves it out', () => {
    const sites: SiteRules[] = [
      {
        host: ON_PAGE,
        rules: [
          { kind: 'ad', selector: COSTLY, reason: 'x' },
          { kind: 'ad', selector: '.promo', reason: 'y' },
        ],
      },
    ];
    expect(siteSelectors(ON_PAGE, sites)).toEqual(['.promo']);
    const valid = selectorChecker(docFrom('<p>x</p>'));
    expect(valid(COSTLY)).toBe(false);
    expect(valid('div:has(> img)')).toBe(true);
  });

  it('is refused where rules enter, with the reason', () => {
    const check = selectorCheck(docFrom('<p>x</p>'));
    const reason = 'a :has() with a sibling combinator (~ or +) inside is too costly: it searches every later sibling of every element it is tried on';
    expect(userRuleProblem({ selector: COSTLY }, check)).toBe(reason);
    expect(userRuleProblem({ selector: COSTLY })).toBe(reason); // no document at hand: the text tells
    expect(userRuleProblem({ selector: 'div:has(:has(p))' })).toBe('a :has() inside a :has() is too costly (browsers refuse it)');
    expect(userRuleProblem({ selector: '.a:has(p):has(i):has(b):has(u)' })).toBe(`more than ${MAX_HAS_PER_SELECTOR} :has() in one selector is too costly`);
    expect(userRuleProblem({ selector: 'div.card:has(> .sponsored-label)' }, check)).toBeNull();

    const list = parseCosmeticList(`example.com##${COSTLY}\nexample.com##div.card:has(> .sponsored-label)\n`, check);
    expect(list.rules.map((r) => r.rule.selector)).toEqual(['div.card:has(> .sponsored-label)']);
    expect(list.problems).toEqual([{ line: 1, text: `example.com##${COSTLY}`, reason }]);

    const backup = JSON.stringify({
      format: EXPORT_FORMAT,
      version: 1,
      userRules: {
        'example.com': [
          { selector: COSTLY, kind: 'ad' },
          { selector: '.promo', kind: 'ad' },
        ],
      },
    });
    const parsed = parseSettingsExport(backup, check);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.userRules.map((r) => r.rule.selector)).toEqual(['.promo']);
    expect(parsed.problems).toEqual([{ where: 'rule 1 for example.com', reason }]);

    const site = parseSiteRules({
      host: 'example.com',
      rules: [
        { kind: 'ad', selector: COSTLY },
        { kind: 'ad', selector: '.promo' },
      ],
    });
    expect(site.rules?.rules.map((r) => r.selector)).toEqual(['.promo']);
    expect(site.problems).toEqual([
      `rule 1: selector "${COSTLY}": a :has() with a sibling combinator (~ or +) inside searches every later sibling of every element it is tried on`,
    ]);
  });
});

/** Selectors that name html, head or body on every page, not only `html`, `body` and `*`. */
const WHOLE_PAGE = [':root', '.a, :root', ':root > body', 'body:nth-child(2)', 'head + body', 'head', 'html > body', ':not(.a)', '* > body', 'body:last-child'];

describe('selectors that name the whole page', () => {
  it('are refused where rules enter, checked against a page shaped as every page is', () => {
    const check = selectorCheck(docFrom('<p>x</p>'));
    for (const sel of [...WHOLE_PAGE, 'html', 'body', '*']) expect(userRuleProblem({ selector: sel }, check), sel).toBe('it would hide the whole page');
    for (const fine of ['body > .promo', '.a ~ .b', 'div:first-child', 'main .ad', ':not(p) > .ad'])
      expect(userRuleProblem({ selector: fine }, check), fine).toBeNull();

    const list = parseCosmeticList(WHOLE_PAGE.map((sel) => `example.com##${sel}`).join('\n'), check);
    expect(list.rules).toEqual([]);
    expect(list.problems.map((p) => p.reason)).toEqual(WHOLE_PAGE.map(() => 'it would hide the whole page'));

    const backup = JSON.stringify({ format: EXPORT_FORMAT, version: 1, userRules: { 'example.com': [{ selector: 'head + body', kind: 'ad' }] } });
    const parsed = parseSettingsExport(backup, check);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.problems).toEqual([{ where: 'rule 1 for example.com', reason: 'it would hide the whole page' }]);
  });

  it('are reported by the engine (which hides nothing with them)', () => {
    const doc = docFrom(articlePage('<div class="promo">Promo</div>'));
    const sites: SiteRules[] = [
      {
        host: ON_PAGE,
        rules: [
          { kind: 'ad', selector: ':root > body', reason: 'x' },
          { kind: 'ad', selector: '.promo', reason: 'y' },
        ],
      },
    ];
    const { report } = analyze(doc, { sites, url: `https://${ON_PAGE}/a` });
    expect(report.errors).toEqual([{ source: `site:${ON_PAGE}`, message: 'selector ":root > body" refused: it names the whole page (html, head or body)' }]);
    expect(report.blocks.map((b) => b.rule)).toEqual([`site:${ON_PAGE} .promo`]);
  });

  it('never go in the early stylesheet, nor does a rule naming what holds the article, on the page itself', async () => {
    const stored = (selector: string): UserRule => ({ selector, kind: 'ad', at: 1, from: 'options' });
    const html = `<!doctype html><html class="js"><head><title>Council</title></head><body class="home"><div id="page"><div class="wrap">${articlePage('<div class="promo">Promo</div>').replace(/^[\s\S]*<body>|<\/body>[\s\S]*$/g, '')}</div></div><footer>Footer</footer></body></html>`;
    const { document, MutationObserver } = parseHTML(html);
    const doc = document as unknown as Document;
    const stillClock: Clock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => {} };
    // Rules stored before the check at entry, or that only the page itself shows to name the page.
    const rules = [...WHOLE_PAGE, 'html.js > body', 'body.home', '#page', 'body > *', '.wrap', 'main', '.story-body > p:first-child', '.promo'].map(stored);
    let answer: (() => void) | null = null;
    const cleaner = new PageCleaner(doc, {
      url: `https://${ON_PAGE}/2025/council`,
      sites: [],
      userRules: { [ON_PAGE]: rules },
      clock: stillClock,
      Observer: MutationObserver as unknown as typeof globalThis.MutationObserver,
      remote: () => new Promise(() => (answer = () => {})), // the background has not answered yet
    });
    cleaner.start();
    cleaner.auto();
    expect(answer).not.toBeNull();
    // Until the background answers, the stylesheet is all that hides anything: never the page.
    const css = doc.getElementById(SITE_STYLE_ID)!.textContent!;
    expect(cleaner.selectors).toEqual(['.story-body > p:first-child', '.promo']);
    expect(css).toBe(siteStylesheet(['.story-body > p:first-child', '.promo']));
  });

  it('a refused rule that is in the stylesheet is still marked to show once the engine refuses it', () => {
    const { document, MutationObserver } = parseHTML(articlePage('<div class="promo">Promo</div>'));
    const doc = document as unknown as Document;
    const cleaner = new PageCleaner(doc, {
      url: `https://${ON_PAGE}/2025/council`,
      sites: [],
      userRules: { [ON_PAGE]: ['.story-body > p:first-child', '.promo'].map((selector): UserRule => ({ selector, kind: 'ad', at: 1, from: 'options' })) },
      clock: { now: () => 0, setTimeout: () => 0, clearTimeout: () => {} },
      Observer: MutationObserver as unknown as typeof globalThis.MutationObserver,
    });
    cleaner.start();
    cleaner.auto();
    expect(doc.querySelector('.promo')!.hasAttribute(HIDDEN_ATTR)).toBe(true);
    const first = doc.querySelector('.story-body > p')!;
    expect(first.hasAttribute(HIDDEN_ATTR)).toBe(false);
    expect(first.getAttribute(KEEP_ATTR)).toBe('');
  });
});
