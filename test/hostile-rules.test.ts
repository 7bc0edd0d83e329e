/**
 * Rules that would hurt the engine or the page, wherever they come from: a user's rule, a filter
 * list, a backup, a site rule file (`--rules`), or a rule stored by an older version that only the
 * engine sees. A `:has-text()` pattern that backtracks for ever is matched in linear time.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../lib/engine/analyze';
import type { SiteRules } from '../lib/engine/types';
import { parseSiteRules } from '../lib/rules/parse';
import { EXPORT_FORMAT, parseSettingsExport } from '../lib/extension/storage/backup';
import { parseCosmeticList } from '../lib/extension/storage/filter-list';
import { selectorCheck, userRuleProblem } from '../lib/extension/storage/user-rules';
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
